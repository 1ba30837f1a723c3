package dev.codeindex.chunk;

/**
 * How much text one chunk may hold so that its embedding sees all of it, counted in the embedding
 * model's own tokens, together with the header that is embedded with it (path, kind, symbol,
 * language): so a short path leaves more room for code. {@link #NONE} (offline analysis) lets the
 * line and character limits decide. Implementations are thread-safe and cheap enough to ask once
 * per window.
 */
public interface TokenBudget {
    TokenBudget NONE = new TokenBudget() {
        @Override
        public boolean fits(Header header, String text) {
            return true;
        }

        @Override
        public String fingerprint() {
            return "none";
        }
    };

    /** What is embedded with a chunk's text, besides the text. */
    record Header(String path, String symbol, String kind, String language) {}

    /** Whether {@code text}, embedded with {@code header}, fits the model's window. */
    boolean fits(Header header, String text);

    /** Identifies the model and the budget: a change re-chunks files (and embeds only changed texts). */
    String fingerprint();
}
