package dev.codeindex.embed.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How to reach an OpenAI-compatible embedding server, validated once: a bad value fails here with a
 * message naming the setting, never later in a run.
 *
 * @param baseUrl        the server's root, e.g. {@code http://localhost:11434} (Ollama); requests go to
 *                       {@code {baseUrl}/v1/embeddings}, and a base URL that already ends in {@code /v1}
 *                       is taken as it is
 * @param model          the model name the server knows, sent as {@code model}; pin a tag
 *                       ({@code nomic-embed-text:v1.5}), since a floating one changes the vectors unseen
 * @param dimension      the vector length expected; empty: learnt from the probe at open
 * @param apiKey         sent as {@code Authorization: Bearer}; null or blank: no header
 * @param maxTokens      the model's window in its own tokens as the server applies it (for Ollama the
 *                       model's {@code num_ctx}), special tokens included
 * @param batchSize      texts per request, at most {@link #MAX_BATCH_SIZE}
 * @param connectTimeout to open a connection
 * @param requestTimeout for one whole request, answer included
 * @param maxAttempts    requests for one batch before the server counts as unavailable
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff     the longest wait between attempts, also for a longer {@code Retry-After}
 * @param concurrency    requests in flight at once, at most {@link #MAX_CONCURRENCY}: a GPU server
 *                       embeds one batch while the next travels; 1 for a server that takes one at a time
 */
public record HttpEmbedderSettings(URI baseUrl, String model, OptionalInt dimension, String apiKey, int maxTokens,
                                   int batchSize, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
                                   Duration initialBackoff, Duration maxBackoff, int concurrency) {
    public static final int DEFAULT_MAX_TOKENS = 512;
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** OpenAI's limit of inputs per request. */
    public static final int MAX_BATCH_SIZE = 2048;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A CPU-bound server embeds a batch of 32 windows of 512 tokens in tens of seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** Requests in flight: enough to keep a GPU server busy between answers, few enough for a CPU one. */
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int MAX_CONCURRENCY = 64;
    /** Environment variables the API key is read from, first found wins. */
    public static final String[] API_KEY_ENV = {"CODEINDEX_EMBEDDER_API_KEY", "OPENAI_API_KEY"};

    public HttpEmbedderSettings {
        if (baseUrl == null || baseUrl.getHost() == null
                || !("http".equalsIgnoreCase(baseUrl.getScheme()) || "https".equalsIgnoreCase(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("embedder base URL must be an http:// or https:// URL with a host, got '"
                    + baseUrl + "'");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("embedder base URL must have no query or fragment, got '" + baseUrl + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("embedder model name is required (the name the server knows it by)");
        }
        if (dimension == null) {
            dimension = OptionalInt.empty();
        }
        if (dimension.isPresent() && dimension.getAsInt() < 1) {
            throw new IllegalArgumentException("embedder dimension must be positive, got " + dimension.getAsInt());
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        if (maxTokens < 1) {
            throw new IllegalArgumentException("embedder max tokens must be positive, got " + maxTokens);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("embedder batch size must be 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        positive("connect timeout", connectTimeout);
        positive("request timeout", requestTimeout);
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("embedder max attempts must be 1..20, got " + maxAttempts);
        }
        positive("initial backoff", initialBackoff);
        positive("max backoff", maxBackoff);
        if (initialBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("embedder initial backoff " + initialBackoff + " exceeds max backoff "
                    + maxBackoff);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("embedder concurrency must be 1.." + MAX_CONCURRENCY + ", got " + concurrency);
        }
    }

    /** Defaults for everything but where and which model; dimension learnt, no API key. */
    public static HttpEmbedderSettings of(String baseUrl, String model) {
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("embedder base URL '" + baseUrl + "' is not a URL: " + e.getMessage(), e);
        }
        return new HttpEmbedderSettings(uri, model, OptionalInt.empty(), null, DEFAULT_MAX_TOKENS, DEFAULT_BATCH_SIZE,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF, DEFAULT_CONCURRENCY);
    }

    /** The API key from {@link #API_KEY_ENV} in {@code env} (e.g. {@code System.getenv()}), or null. */
    public static String apiKeyFrom(Map<String, String> env) {
        for (String name : API_KEY_ENV) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    public HttpEmbedderSettings withDimension(int expected) {
        return new HttpEmbedderSettings(baseUrl, model, OptionalInt.of(expected), apiKey, maxTokens, batchSize,
                connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, concurrency);
    }

    public HttpEmbedderSettings withApiKey(String key) {
        return new HttpEmbedderSettings(baseUrl, model, dimension, key, maxTokens, batchSize, connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, maxBackoff, concurrency);
    }

    public HttpEmbedderSettings withMaxTokens(int tokens) {
        return new HttpEmbedderSettings(baseUrl, model, dimension, apiKey, tokens, batchSize, connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, maxBackoff, concurrency);
    }

    public HttpEmbedderSettings withBatchSize(int size) {
        return new HttpEmbedderSettings(baseUrl, model, dimension, apiKey, maxTokens, size, connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, maxBackoff, concurrency);
    }

    public HttpEmbedderSettings withTimeouts(Duration connect, Duration request) {
        return new HttpEmbedderSettings(baseUrl, model, dimension, apiKey, maxTokens, batchSize, connect, request,
                maxAttempts, initialBackoff, maxBackoff, concurrency);
    }

    public HttpEmbedderSettings withRetries(int attempts, Duration initial, Duration max) {
        return new HttpEmbedderSettings(baseUrl, model, dimension, apiKey, maxTokens, batchSize, connectTimeout,
                requestTimeout, attempts, initial, max, concurrency);
    }

    public HttpEmbedderSettings withConcurrency(int requests) {
        return new HttpEmbedderSettings(baseUrl, model, dimension, apiKey, maxTokens, batchSize, connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, maxBackoff, requests);
    }

    /** {@code {baseUrl}/v1/embeddings}, without a doubled slash or a doubled {@code /v1}. */
    public URI endpoint() {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base.endsWith("/v1") ? base + "/embeddings" : base + "/v1/embeddings");
    }

    /** The key never appears in logs or messages. */
    @Override
    public String toString() {
        return "HttpEmbedderSettings[endpoint=" + endpoint() + ", model=" + model + ", dimension="
                + (dimension.isPresent() ? dimension.getAsInt() : "learnt") + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", maxTokens=" + maxTokens + ", batchSize=" + batchSize + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff
                + ".." + maxBackoff + "]";
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("embedder " + name + " must be positive, got " + d);
        }
    }
}
