package dev.codeindex.config;

import java.time.Duration;
import java.util.List;

/**
 * Which embedder makes the vectors. The bundled models need nothing more; {@code http} names an
 * OpenAI-compatible server and the model it serves. Validated by {@link ConfigLoader}: a URL or
 * model name given without {@code model: http} is refused, so a config never silently falls back to
 * the bundled model.
 *
 * @param model     "bge" (default), "minilm" or "http"
 * @param url       http only: the server's base URL, e.g. {@code http://localhost:11434}; empty otherwise
 * @param httpModel http only: the model name the server knows; empty otherwise
 * @param dimension http only: the vector length expected, checked against the server's first
 *                  answer; 0 means learnt from it
 * @param maxTokens http only: the model's window in its own tokens as the server applies it
 * @param batchSize http only: texts per request
 * @param timeout   http only: bound on one request, answer included
 * @param apiKey    http only: from {@code CODEINDEX_EMBEDDER_API_KEY}, else {@code OPENAI_API_KEY};
 *                  never from a config file; printed masked
 */
public record EmbedderConfig(String model, String url, String httpModel, int dimension, int maxTokens,
                             int batchSize, Duration timeout, Secret apiKey) {
    public static final String HTTP = "http";
    /**
     * Where the HTTP embedder's API key is read from, first set wins. The same list as the HTTP
     * embedder's own ({@code HttpEmbedderSettings.API_KEY_ENV}), which names it in its messages;
     * a test keeps the two equal.
     */
    public static final List<String> API_KEY_ENV = List.of("CODEINDEX_EMBEDDER_API_KEY", "OPENAI_API_KEY");
    /** The most texts per request a server takes (OpenAI's limit); the HTTP embedder's bound too. */
    public static final int MAX_BATCH_SIZE = 2048;
    /** The smallest model window worth a chunk; the same bound the chunker's token budget applies. */
    public static final int MIN_MAX_TOKENS = 64;

    public EmbedderConfig {
        apiKey = apiKey == null ? Secret.NONE : apiKey;
    }

    public boolean isHttp() {
        return HTTP.equals(model);
    }
}
