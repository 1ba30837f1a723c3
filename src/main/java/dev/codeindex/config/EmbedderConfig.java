package dev.codeindex.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Which embedder makes the vectors. The bundled models need nothing more; {@code http} names an
 * OpenAI-compatible server and the model it serves. Validated by {@link ConfigLoader}: a URL or
 * model name given without {@code model: http} is refused, so a config never silently falls back to
 * the bundled model.
 *
 * @param model     "bge" (default), "minilm", "http" or "onnx" (a model file of the user's choice)
 * @param url       http only: the server's base URL, e.g. {@code http://localhost:11434}; empty otherwise
 * @param httpModel http only: the model name the server knows; empty otherwise
 * @param dimension http only: the vector length expected, checked against the server's first
 *                  answer; 0 means learnt from it
 * @param maxTokens http and onnx: the model's window in its own tokens (onnx: longer texts are cut to it)
 * @param batchSize http only: texts per request
 * @param concurrency http only: requests in flight at once
 * @param timeout   http only: bound on one request, answer included
 * @param apiKey    http only: from {@code CODEINDEX_EMBEDDER_API_KEY}, else {@code OPENAI_API_KEY};
 *                  never from a config file; printed masked
 * @param local     onnx only: the model's files and how its outputs become a vector; {@link LocalModel#NONE} otherwise
 */
public record EmbedderConfig(String model, String url, String httpModel, int dimension, int maxTokens,
                             int batchSize, int concurrency, Duration timeout, Secret apiKey, LocalModel local) {
    public static final String HTTP = "http";
    public static final String ONNX = "onnx";
    /** The poolings an ONNX model's per-token outputs can be turned into one vector by. */
    public static final List<String> POOLINGS = List.of("mean", "cls", "last");
    /**
     * Where the HTTP embedder's API key is read from, first set wins. The same list as the HTTP
     * embedder's own ({@code HttpEmbedderSettings.API_KEY_ENV}), which names it in its messages;
     * a test keeps the two equal.
     */
    public static final List<String> API_KEY_ENV = List.of("CODEINDEX_EMBEDDER_API_KEY", "OPENAI_API_KEY");
    /** The most texts per request a server takes (OpenAI's limit); the HTTP embedder's bound too. */
    public static final int MAX_BATCH_SIZE = 2048;
    /** Requests in flight to an embedding server: the HTTP embedder's default. */
    public static final int DEFAULT_CONCURRENCY = 4;
    /** The most requests in flight; the HTTP embedder's bound too. */
    public static final int MAX_CONCURRENCY = 64;
    /** The smallest model window worth a chunk; the same bound the chunker's token budget applies. */
    public static final int MIN_MAX_TOKENS = 64;

    public EmbedderConfig {
        apiKey = apiKey == null ? Secret.NONE : apiKey;
        local = local == null ? LocalModel.NONE : local;
    }

    /** A bundled or HTTP embedder: no local model files. */
    public EmbedderConfig(String model, String url, String httpModel, int dimension, int maxTokens, int batchSize,
                          Duration timeout, Secret apiKey) {
        this(model, url, httpModel, dimension, maxTokens, batchSize, DEFAULT_CONCURRENCY, timeout, apiKey,
                LocalModel.NONE);
    }

    public boolean isHttp() {
        return HTTP.equals(model);
    }

    public boolean isOnnxFile() {
        return ONNX.equals(model);
    }

    /**
     * An ONNX model on disk ({@code embedder.model: onnx}).
     *
     * @param modelPath      the {@code .onnx} file; checked to exist by {@link ConfigLoader}
     * @param tokenizerPath  the model's Hugging Face {@code tokenizer.json}
     * @param pooling        one of {@link #POOLINGS}: the mean of the token vectors, the first token's, the last's
     * @param normalize      whether vectors are scaled to length 1
     * @param queryPrefix    put before every search query (e.g. {@code "search_query: "}), kept verbatim
     * @param documentPrefix put before every chunk's text that is embedded, kept verbatim
     */
    public record LocalModel(Path modelPath, Path tokenizerPath, String pooling, boolean normalize, String queryPrefix,
                             String documentPrefix) {
        public static final LocalModel NONE = new LocalModel(null, null, "mean", true, "", "");
    }
}
