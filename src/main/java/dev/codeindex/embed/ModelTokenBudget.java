package dev.codeindex.embed;

import dev.codeindex.chunk.TokenBudget;

/**
 * Keeps chunk texts within an embedder's window, leaving room for the {@link EmbeddingText}
 * header: a chunk fits when its text takes at most {@code maxTokens - HEADER_TOKENS} of the model's
 * tokens (special tokens included).
 */
public final class ModelTokenBudget implements TokenBudget {
    /** Tokens kept for the header; its path and symbol are capped so it never needs more. */
    public static final int HEADER_TOKENS = 80;

    private final Embedder embedder;
    private final int limit;

    public ModelTokenBudget(Embedder embedder) {
        this.embedder = embedder;
        this.limit = embedder.maxTokens() - HEADER_TOKENS;
        if (limit < 32) {
            throw new IllegalArgumentException("model " + embedder.modelId() + " reads only " + embedder.maxTokens()
                    + " tokens: too few for a header and code");
        }
    }

    @Override
    public boolean fits(String text) {
        // a token holds at least one character: short texts need no tokenizer call
        return text.length() <= limit - 2 || embedder.countTokens(text) <= limit;
    }

    @Override
    public String fingerprint() {
        return embedder.modelId() + "/" + limit;
    }
}
