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
}
