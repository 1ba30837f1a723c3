package dev.codeindex.embed;

import dev.codeindex.chunk.Chunk;

/**
 * The text embedded for a chunk: a short header (path, symbol, kind, language) and the chunk's
 * text. The header gives the model the context a chunk cut from the middle of a file lacks; it is
 * capped so that it always fits the tokens {@link ModelTokenBudget} reserves for it.
 */
public final class EmbeddingText {
    /** Characters of path kept in the header (its end, which names the file). */
    static final int MAX_PATH_CHARS = 96;
    static final int MAX_SYMBOL_CHARS = 64;

    private EmbeddingText() {}

    public static String header(Chunk c) {
        String path = c.path().length() > MAX_PATH_CHARS ? "…" + c.path().substring(c.path().length() - MAX_PATH_CHARS)
                : c.path();
        StringBuilder h = new StringBuilder(path);
        if (!c.symbol().isEmpty()) {
            String symbol = c.symbol().length() > MAX_SYMBOL_CHARS
                    ? "…" + c.symbol().substring(c.symbol().length() - MAX_SYMBOL_CHARS) : c.symbol();
            h.append(" · ").append(c.kind()).append(' ').append(symbol);
        }
        return h.append(" · ").append(c.language()).append('\n').toString();
    }

    public static String of(Chunk c) {
        return header(c) + c.text();
    }
}
