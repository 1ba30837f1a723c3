package dev.codeindex.api;

/**
 * One line that uses a name, with the definition it sits in. Lines are 1-based and inclusive.
 *
 * @param root       the root the file is in (absolute path), or null where nothing says which
 * @param path       the file, relative to the root
 * @param line       the line that holds the name
 * @param text       that line as the file is now, without its indentation (cut past {@link #MAX_TEXT} characters)
 * @param symbol     the innermost definition that holds the line ({@code HashMap.putVal}), or "" for
 *                   lines outside any definition (a file's top level)
 * @param kind       that definition's kind ({@code method}, {@code function}, …), or "" with no symbol
 * @param startLine  that definition's first line (the line itself with no symbol)
 * @param endLine    that definition's last line (the line itself with no symbol)
 * @param definition the line defines the name (the first line naming it in a definition of that name)
 *                   rather than using it
 */
public record Reference(String root, String path, int line, String text, String symbol, String kind,
                        int startLine, int endLine, boolean definition) {
    public static final int MAX_TEXT = 240;

    public Reference withRoot(String r) {
        return new Reference(r, path, line, text, symbol, kind, startLine, endLine, definition);
    }
}
