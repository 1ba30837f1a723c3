package dev.codeindex.api;

/**
 * One hit, as {@code search --json} and {@code /search} show it. Lines are 1-based and inclusive.
 *
 * @param root         the root the hit is in (absolute path), or null where only one root is searched and
 *                     nothing says which
 * @param snippetStart the line {@code snippet} starts at: {@code startLine} unless the hit is a whole long
 *                     definition found through one of its windows, whose text the snippet is
 */
public record SearchResult(String path, int startLine, int endLine, String symbol, String language, double score,
                           String snippet, String root, int snippetStart) {
    /** A hit whose snippet starts at its first line. */
    public SearchResult(String path, int startLine, int endLine, String symbol, String language, double score,
                        String snippet, String root) {
        this(path, startLine, endLine, symbol, language, score, snippet, root, startLine);
    }

    /** A hit without its root. */
    public SearchResult(String path, int startLine, int endLine, String symbol, String language, double score,
                        String snippet) {
        this(path, startLine, endLine, symbol, language, score, snippet, null);
    }
}
