package dev.codeindex.chunk;

/**
 * One piece of a file that is embedded and stored as one point.
 *
 * @param startLine 1-based, inclusive
 * @param endLine   1-based, inclusive
 * @param symbol    the enclosing symbol, or "" for plain line windows
 * @param kind      "function", "method", "class", …, or "lines"
 * @param hash      content hash of {@code text} (hex), the key of the vector cache
 */
public record Chunk(String path, int startLine, int endLine, String symbol, String kind,
                    String language, String text, String hash) {}
