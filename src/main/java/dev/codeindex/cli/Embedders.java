package dev.codeindex.cli;

import dev.codeindex.config.ConfigException;
import dev.codeindex.config.EmbedderConfig;
import dev.codeindex.config.Key;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.EmbedderUnavailableException;
import dev.codeindex.embed.http.HttpEmbedder;
import dev.codeindex.embed.http.HttpEmbedderException;
import dev.codeindex.embed.http.HttpEmbedderSettings;
import dev.codeindex.embed.onnx.BundledModel;
import dev.codeindex.embed.onnx.ModelFileException;
import dev.codeindex.embed.onnx.ModelFileSettings;
import dev.codeindex.embed.onnx.OnnxEmbedder;
import dev.codeindex.embed.onnx.OnnxFileEmbedder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place an embedder is built from the config: index, watch and search all come here. */
final class Embedders {
    private static final Logger log = LoggerFactory.getLogger(Embedders.class);
    /** The connect bound; a request may take up to {@code embedder.timeout}, a connection should not. */
    static final Duration CONNECT_TIMEOUT = HttpEmbedderSettings.DEFAULT_CONNECT_TIMEOUT;

    private Embedders() {}

    /**
     * Loads the bundled model or the model file, or connects to the embedding server and probes it.
     *
     * @param onnxThreads where a bundled model or a model file runs its batches; unused by the HTTP embedder
     * @throws ConfigException a configured dimension the server's model does not have, a model file
     *         or tokenizer that cannot serve (exit 2, naming the key)
     * @throws HttpEmbedderException the server refused the key or the request (exit 2), or its
     *         answer is not an embeddings list (exit 4); the API key never appears in the message
     * @throws EmbedderUnavailableException the model cannot load, or the server stays unreachable (exit 4)
     */
    static Embedder open(EmbedderConfig config, ExecutorService onnxThreads) {
        if (config.isOnnxFile()) {
            return openModelFile(config, onnxThreads);
        }
        if (!config.isHttp()) {
            return new OnnxEmbedder(BundledModel.byName(config.model()), onnxThreads);
        }
        HttpEmbedderSettings settings = settings(config);
        if (settings.apiKey() != null && "http".equalsIgnoreCase(settings.baseUrl().getScheme())
                && !isLoopback(settings.baseUrl())) {
            log.warn("the embedder's API key goes to {} in plaintext: use https://", settings.baseUrl().getHost());
        }
        String key = settings.apiKey();
        try {
            HttpEmbedder http = HttpEmbedder.open(settings);
            return key == null ? http : keyMasked(http, key);
        } catch (IllegalArgumentException e) { // the dimension differs from the server's
            throw new ConfigException("config key " + Key.EMBEDDER_DIMENSION.path() + " (env "
                    + Key.EMBEDDER_DIMENSION.envName() + "): " + e.getMessage());
        } catch (RuntimeException e) {
            throw masked(e, key);
        }
    }

    /** {@code embedder.model: onnx}: a file that cannot serve is exit 2, naming its key. */
    static Embedder openModelFile(EmbedderConfig config, ExecutorService onnxThreads) {
        EmbedderConfig.LocalModel m = config.local();
        ModelFileSettings.Pooling pooling = ModelFileSettings.Pooling.byName(m.pooling());
        if (pooling == null) { // the loader allows only known names; kept for a config built elsewhere
            throw new ConfigException("config key " + Key.EMBEDDER_POOLING.path() + " (env " + Key.EMBEDDER_POOLING.envName()
                    + "): unknown pooling '" + m.pooling() + "'; expected one of " + String.join(", ", EmbedderConfig.POOLINGS));
        }
        try {
            return OnnxFileEmbedder.open(new ModelFileSettings(m.modelPath(), m.tokenizerPath(), pooling, m.normalize(),
                    config.maxTokens(), m.queryPrefix(), m.documentPrefix()), onnxThreads);
        } catch (ModelFileException e) {
            Key key = e.part() == ModelFileException.Part.MODEL ? Key.EMBEDDER_MODEL_PATH : Key.EMBEDDER_TOKENIZER_PATH;
            throw new ConfigException("config key " + key.path() + " (env " + key.envName() + "): " + e.getMessage());
        }
    }

    /**
     * Whether {@code recorded} and {@code now} are ids of one model file whose content changed
     * (same name, another hash): a model replaced at its path, which the user means to use.
     */
    static boolean sameModelFileChanged(String recorded, String now) {
        if (recorded == null || !recorded.startsWith(OnnxFileEmbedder.ID_PREFIX)
                || !now.startsWith(OnnxFileEmbedder.ID_PREFIX) || recorded.equals(now)) {
            return false;
        }
        int a = recorded.lastIndexOf(':');
        int b = now.lastIndexOf(':');
        return recorded.substring(0, a).equals(now.substring(0, b));
    }

    /** The adapter's settings; the config was validated, so a failure here names the keys all the same. */
    static HttpEmbedderSettings settings(EmbedderConfig c) {
        try {
            HttpEmbedderSettings s = HttpEmbedderSettings.of(c.url(), c.httpModel()).withApiKey(c.apiKey().value())
                    .withMaxTokens(c.maxTokens()).withBatchSize(c.batchSize())
                    .withConcurrency(c.concurrency())
                    .withTimeouts(min(CONNECT_TIMEOUT, c.timeout()), c.timeout());
            return c.dimension() > 0 ? s.withDimension(c.dimension()) : s;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config keys " + Key.EMBEDDER_URL.path() + ", " + Key.EMBEDDER_HTTP_MODEL.path()
                    + ": " + e.getMessage());
        }
    }

    /**
     * The failure with the key masked in its message: a server that echoes what it was sent must
     * not put the key on a terminal, in a log or in the daemon's status.
     */
    static RuntimeException masked(RuntimeException e, String key) {
        String m = e.getMessage();
        if (key == null || m == null || !m.contains(key)) {
            return e;
        }
        m = m.replace(key, "****");
        if (e instanceof HttpEmbedderException h) {
            return new HttpEmbedderException(h.reason(), h.status(), m);
        }
        if (e instanceof EmbedderUnavailableException) {
            return new EmbedderUnavailableException(m, e.getCause());
        }
        return new IllegalStateException(m);
    }

    /** {@code http} with its failures' messages never showing {@code key}. */
    static Embedder keyMasked(Embedder http, String key) {
        return new KeyMasked(http, key);
    }

    /** An HTTP embedder whose failures never show its API key. */
    private static final class KeyMasked implements Embedder {
        private final Embedder http;
        private final String key;

        KeyMasked(Embedder http, String key) {
            this.http = http;
            this.key = key;
        }

        /** What {@code call} gives, or its failure with the key masked. */
        private <T> T masking(java.util.function.Supplier<T> call) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                throw masked(e, key);
            }
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return masking(() -> http.embed(texts));
        }

        /** The wrapped embedder's own: one attempt for a search query (a review found the default's retries here). */
        @Override
        public List<float[]> embedQueries(List<String> queries) {
            return masking(() -> http.embedQueries(queries));
        }

        @Override
        public int textsPerCall() {
            return http.textsPerCall();
        }

        @Override
        public boolean keepsPaceWithIndexing() {
            return http.keepsPaceWithIndexing();
        }

        @Override
        public void warmUp() {
            masking(() -> {
                http.warmUp();
                return null;
            });
        }

        @Override
        public String modelId() {
            return http.modelId();
        }

        @Override
        public int dimension() {
            return http.dimension();
        }

        @Override
        public int maxTokens() {
            return http.maxTokens();
        }

        @Override
        public int countTokens(String text) {
            return http.countTokens(text);
        }

        @Override
        public void close() {
            http.close();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** By name, without a DNS lookup at start. */
    private static boolean isLoopback(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }
}
