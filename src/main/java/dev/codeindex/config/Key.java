package dev.codeindex.config;

import java.util.Locale;

/**
 * One configuration key: its YAML path, its environment variable and its default.
 * Environment names are derived: {@code index.batchSize} → {@code CODEINDEX_INDEX_BATCH_SIZE}.
 */
public enum Key {
    DATA_DIR("dataDir", ""),
    BATCH_SIZE("index.batchSize", "256"),
    BATCH_BYTES("index.batchBytes", "32MB"),
    MAX_FILE_SIZE("index.maxFileSize", "5MB"),
    MAX_FILES("index.maxFiles", "0"),
    THREADS("index.threads", "0"),
    FOLLOW_SYMLINKS("walk.followSymlinks", "false"),
    BUILTIN_EXCLUDES("walk.builtinExcludes", "true"),
    EXCLUDES("walk.excludes", ""),
    SECRET_EXCLUDES("walk.secretExcludes", "default"),
    SECRETS_ENABLED("secrets.enabled", "true"),
    SECRETS_EXTRA_PATTERNS("secrets.extraPatterns", ""),
    SECRETS_ALLOW("secrets.allow", ""),
    CHUNK_MAX_LINES("chunk.maxLines", "60"),
    CHUNK_MAX_CHARS("chunk.maxChars", "1500"),
    CHUNK_OVERLAP_LINES("chunk.overlapLines", "5"),
    CHUNK_MAX_PARSE_SIZE("chunk.maxParseSize", "2MB"),
    OFFLINE("index.offline", "false"),
    EMBEDDER_MODEL("embedder.model", "bge"),
    EMBEDDER_URL("embedder.url", ""),
    EMBEDDER_HTTP_MODEL("embedder.httpModel", ""),
    EMBEDDER_DIMENSION("embedder.dimension", "0"),
    EMBEDDER_MAX_TOKENS("embedder.maxTokens", "512"),
    EMBEDDER_BATCH_SIZE("embedder.batchSize", "32"),
    EMBEDDER_CONCURRENCY("embedder.concurrency", "4"),
    EMBEDDER_TIMEOUT("embedder.timeout", "120s"),
    EMBEDDER_MODEL_PATH("embedder.modelPath", ""),
    EMBEDDER_TOKENIZER_PATH("embedder.tokenizerPath", ""),
    EMBEDDER_POOLING("embedder.pooling", "mean"),
    EMBEDDER_NORMALIZE("embedder.normalize", "true"),
    EMBEDDER_QUERY_PREFIX("embedder.queryPrefix", ""),
    EMBEDDER_DOCUMENT_PREFIX("embedder.documentPrefix", ""),
    STORE("store.type", "embedded"),
    QDRANT_URL("store.qdrantUrl", "http://localhost:6334"),
    COLLECTION("store.collection", ""),
    SHARDS("store.shards", "1"),
    REPLICATION_FACTOR("store.replicationFactor", "1"),
    WRITE_CONSISTENCY_FACTOR("store.writeConsistencyFactor", "1"),
    STORE_TIMEOUT("store.timeout", "30s"),
    PROGRESS("output.progress", "true"),
    ROOTS("roots", ""),
    SERVER_BIND("server.bind", "127.0.0.1"),
    SERVER_PORT("server.port", "7341"),
    SERVER_TOKEN("server.token", ""),
    SERVER_HOSTS("server.hosts", ""),
    WATCH_DEBOUNCE("watch.debounce", "100ms"),
    WATCH_RESCAN_INTERVAL("watch.rescanInterval", "10m");

    private final String path;
    private final String defaultValue;

    Key(String path, String defaultValue) {
        this.path = path;
        this.defaultValue = defaultValue;
    }

    public String path() {
        return path;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String envName() {
        return "CODEINDEX_" + path.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public static Key byPath(String path) {
        for (Key k : values()) {
            if (k.path.equals(path)) {
                return k;
            }
        }
        return null;
    }
}
