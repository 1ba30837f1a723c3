package dev.codeindex.embed;

import dev.codeindex.chunk.Chunk;

/**
 * The text embedded for a chunk: a short header (path, symbol, kind, language) and the chunk's
 * text. The header gives the model the context a chunk cut from the middle of a file lacks; its
 * path and symbol are capped, and {@link ModelTokenBudget} counts it with the text.
 */
public final class EmbeddingText {
    /** Changes whenever what is embedded for a chunk changes: vectors cached under another version are not reused. */
    public static final int VERSION = 1;
    /** Characters of path kept in the header (its end, which names the file). */
    static final int MAX_PATH_CHARS = 96;
    static final int MAX_SYMBOL_CHARS = 64;

    private EmbeddingText() {}

    public static String header(Chunk c) {
        return header(c.path(), c.symbol(), c.kind(), c.language());
    }

    /** The header of a chunk with these fields; path and symbol keep their ends when too long. */
    public static String header(String path, String symbol, String kind, String language) {
        String p = path.length() > MAX_PATH_CHARS ? "…" + path.substring(path.length() - MAX_PATH_CHARS) : path;
        StringBuilder h = new StringBuilder(p);
        if (!symbol.isEmpty()) {
            String s = symbol.length() > MAX_SYMBOL_CHARS ? "…" + symbol.substring(symbol.length() - MAX_SYMBOL_CHARS)
                    : symbol;
            h.append(" · ").append(kind).append(' ').append(s);
        }
        return h.append(" · ").append(language).append('\n').toString();
    }

    public static String of(Chunk c) {
        return header(c) + c.text();
    }
}
