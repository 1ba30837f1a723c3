package dev.codeindex.chunk;

/**
 * Hides what must never be embedded or stored (credentials) in a file's text before it is parsed
 * and chunked, so every chunk, its hash, the embedder and the store see the hidden form. An
 * implementation keeps every line break where it was: line numbers of chunks stay those of the file.
 * {@link #NONE} changes nothing. Implementations are thread-safe.
 */
public interface TextRedactor {
    TextRedactor NONE = new TextRedactor() {
        @Override
        public Redacted redact(String relPath, String text) {
            return new Redacted(text, 0);
        }

        @Override
        public String fingerprint() {
            return "none";
        }
    };

    /**
     * The text with its secrets replaced.
     *
     * @param count how many were replaced; 0 means {@code text} is the input itself
     */
    record Redacted(String text, int count) {}

    /** {@code text} of the file at {@code relPath} (its name decides some rules) with secrets replaced. */
    Redacted redact(String relPath, String text);

    /** Identifies the rules and settings: a change re-chunks files. */
    String fingerprint();
}
