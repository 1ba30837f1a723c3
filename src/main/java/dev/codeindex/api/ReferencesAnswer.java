package dev.codeindex.api;

import java.util.List;

/**
 * The lines that use a name, file by file (source first, then docs, vendored code and tests, each in path
 * order), with how far the look went.
 *
 * @param name       the name matched (a qualified name's last part)
 * @param references at most the k asked for, in path and line order, root by root
 * @param files      files with a reference listed
 * @param candidates files that may hold the name: their index holds it in some case, or as a word of a longer
 *                   identifier ({@code parse} in {@code parse_args}); without a keyword index, files whose bytes
 *                   hold it. An upper bound of the files that use it
 * @param complete   every candidate was read and every reference in them is listed; false when k cut the
 *                   list, a root could not answer, or too many chunks hold the name to list their files
 * @param pending    as in {@link SearchAnswer#pending()}
 * @param coverage   as in {@link SearchAnswer#coverage()}
 * @param notes      as in {@link SearchAnswer#notes()}
 */
public record ReferencesAnswer(String name, List<Reference> references, long files, long candidates, boolean complete,
                               long pending, Coverage coverage, List<String> notes) {
    public ReferencesAnswer {
        references = List.copyOf(references);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * {@code a}, not complete and saying why, while files wait for a pass: a file that gained its first use of the
     * name since it was indexed is no candidate yet (a trial: complete, and the new call missing, for a moment).
     */
    public static ReferencesAnswer behind(ReferencesAnswer a) {
        if (a.pending() == 0) {
            return a;
        }
        List<String> notes = new java.util.ArrayList<>(a.notes());
        notes.add(a.pending() < 0 ? "an index run is in progress: a file it has not reached is not looked at"
                : a.pending() + (a.pending() == 1 ? " file changed and is" : " files changed and are") + " not indexed yet:"
                        + " one that gained its first use of the name since is not looked at");
        return new ReferencesAnswer(a.name(), a.references(), a.files(), a.candidates(), false, a.pending(), a.coverage(),
                notes);
    }
}
