package dev.codeindex.api;

import java.util.List;

/**
 * The lines that use a name, file by file (source first, then docs, vendored code and tests, each in path
 * order), with how far the look went.
 *
 * @param name       the name matched (a qualified name's last part)
 * @param references at most the k asked for, in path and line order, root by root
 * @param files      files whose indexed text holds the name (some may no longer: the file changed); -1
 *                   when not known
 * @param complete   every such file was read and every reference in them is listed; false when k cut the
 *                   list, or too many chunks hold the name to list their files
 * @param pending    as in {@link SearchAnswer#pending()}
 * @param coverage   as in {@link SearchAnswer#coverage()}
 * @param notes      as in {@link SearchAnswer#notes()}
 */
public record ReferencesAnswer(String name, List<Reference> references, long files, boolean complete, long pending,
                               Coverage coverage, List<String> notes) {
    public ReferencesAnswer {
        references = List.copyOf(references);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
