package dev.codeindex.chunk;

/**
 * How much text one chunk may hold so that its embedding sees all of it, counted in the embedding
 * model's own tokens. {@link #NONE} (offline analysis) lets the line and character limits decide.
 * Implementations are thread-safe and cheap enough to ask once per window.
 */
public interface TokenBudget {
    TokenBudget NONE = new TokenBudget() {
        @Override
        public boolean fits(String text) {
            return true;
        }

        @Override
        public String fingerprint() {
            return "none";
        }
    };

    boolean fits(String text);

    /** Identifies the model and the budget: a change re-chunks files (and embeds only changed texts). */
    String fingerprint();
}
