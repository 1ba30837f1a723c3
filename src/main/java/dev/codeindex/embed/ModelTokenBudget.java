package dev.codeindex.embed;

import dev.codeindex.chunk.TokenBudget;

/**
 * Keeps what is embedded for a chunk, its {@link EmbeddingText} header and its text, within the
 * embedder's window, counted in the model's own tokens (special tokens included).
 */
public final class ModelTokenBudget implements TokenBudget {
    /** Below this the window holds too little code to be worth a chunk. */
    public static final int MIN_WINDOW = 64;
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
        // Short texts need no tokenizer call: no tokenizer makes more tokens than UTF-8 bytes plus 2
        // special ones. Chars are no such bound: a byte-level BPE, or the HTTP estimate, may spend a
        // token on each byte of a non-ASCII character. The char test skips counting bytes of long texts.
        return embedded.length() <= limit - 2 && utf8Length(embedded) <= limit - 2
                || embedder.countTokens(embedded) <= limit;
    }

    /** UTF-8 bytes of {@code s}, without encoding it; an unpaired surrogate counts 3 (erring high only costs a count). */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public String fingerprint() {
        return embedder.modelId() + "/" + limit + "/v" + VERSION;
    }
}
