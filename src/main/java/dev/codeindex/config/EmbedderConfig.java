package dev.codeindex.config;

import java.time.Duration;

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

    public EmbedderConfig {
        apiKey = apiKey == null ? Secret.NONE : apiKey;
    }

    public boolean isHttp() {
        return HTTP.equals(model);
    }
}
