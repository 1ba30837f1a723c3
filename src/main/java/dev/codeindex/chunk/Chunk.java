package dev.codeindex.chunk;

/**
 * One piece of a file that is embedded and stored as one point.
 *
 * @param startLine   1-based, inclusive
 * @param endLine     1-based, inclusive
 * @param symbol      the enclosing symbol, or "" for plain line windows
 * @param kind        "function", "method", "class", …, or "lines"
 * @param hash        content hash of {@code text} (hex), the key of the vector cache
 * @param regionStart first line of what this chunk is a window of (a definition, a run of lines between
 *                    definitions, a paragraph); {@code startLine} when the chunk is all of it (a chunk
 *                    whose region starts with blank lines starts below it, yet is all of it)
 * @param regionEnd   last line of that region; {@code endLine} when the chunk is all of it
 */
public record Chunk(String path, int startLine, int endLine, String symbol, String kind,
                    String language, String text, String hash, int regionStart, int regionEnd) {

    /** A chunk that is a whole region. */
    public Chunk(String path, int startLine, int endLine, String symbol, String kind, String language, String text,
                 String hash) {
        this(path, startLine, endLine, symbol, kind, language, text, hash, startLine, endLine);
    }
}
