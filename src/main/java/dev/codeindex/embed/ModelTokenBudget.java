package dev.codeindex.embed;

import dev.codeindex.chunk.TokenBudget;

/**
 * Keeps what is embedded for a chunk, its {@link EmbeddingText} header and its text, within the
 * embedder's window, counted in the model's own tokens (special tokens included).
 */
public final class ModelTokenBudget implements TokenBudget {
    /** Below this the window holds too little code to be worth a chunk. */
    static final int MIN_WINDOW = 64;
    /** Counts the chunker fingerprint: a change re-chunks (embedding only texts not seen before). */
    static final int VERSION = 2;

    private final Embedder embedder;
    private final int limit;

    public ModelTokenBudget(Embedder embedder) {
        this.embedder = embedder;
        this.limit = embedder.maxTokens();
        if (limit < MIN_WINDOW) {
            throw new IllegalArgumentException("model " + embedder.modelId() + " reads only " + embedder.maxTokens()
                    + " tokens: too few for a header and code");
        }
    }

    @Override
    public boolean fits(Header header, String text) {
        String embedded = EmbeddingText.header(header.path(), header.symbol(), header.kind(), header.language()) + text;
        // a token holds at least one character: short texts need no tokenizer call
        return embedded.length() <= limit - 2 || embedder.countTokens(embedded) <= limit;
    }

    @Override
    public String fingerprint() {
        return embedder.modelId() + "/" + limit + "/v" + VERSION;
    }
}
