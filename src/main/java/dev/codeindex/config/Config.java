package dev.codeindex.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The validated, immutable configuration of one run. Built once by {@link ConfigLoader}.
 *
 * @param batchSize      files per batch
 * @param batchBytes     a batch also closes when its files add up to this many bytes
 * @param maxFiles       stop adding new files after this many (0 = no limit)
 * @param threads        chunking threads
 * @param secretExcludes gitignore-style patterns that are never indexed
 * @param chunkLimits    the size of one chunk
 * @param maxParseSize   larger files are line-chunked without a structural parse
 * @param embedder       the model that makes the vectors: bundled (bge, minilm) or behind an HTTP server
 * @param store          the vector store: "embedded" (default) or "qdrant"
 * @param collection     the store's collection; empty means one derived from the root (and, for
 *                       Qdrant, the model)
 * @param shards         Qdrant: shards of a new collection
 * @param replicationFactor      Qdrant: copies of each shard a new collection keeps
 * @param writeConsistencyFactor Qdrant: replicas that must apply a write; at most {@code replicationFactor}
 * @param storeTimeout   Qdrant: bound on every call
 * @param qdrantApiKey   Qdrant: from {@code QDRANT_API_KEY} only; printed masked
 * @param watch          the daemon's roots, HTTP server and timing
 * @param secrets        redaction of credentials inside indexed files
 */
public record Config(Path dataDir, int batchSize, long batchBytes, long maxFileSize, long maxFiles, int threads,
                     boolean followSymlinks, boolean builtinExcludes, List<String> excludes,
                     List<String> secretExcludes, ChunkConfig chunkLimits, long maxParseSize, boolean offline,
                     EmbedderConfig embedder, String store, String qdrantUrl, String collection, boolean progress,
                     int shards, int replicationFactor, int writeConsistencyFactor, Duration storeTimeout,
                     Secret qdrantApiKey, WatchConfig watch, SecretsConfig secrets) {
    public Config {
        excludes = List.copyOf(excludes);
        secretExcludes = List.copyOf(secretExcludes);
        qdrantApiKey = qdrantApiKey == null ? Secret.NONE : qdrantApiKey;
        secrets = secrets == null ? SecretsConfig.DEFAULT : secrets;
    }

    /** The same configuration for a root with its own collection ({@code roots:} entries may name one). */
    public Config withCollection(String newCollection) {
        return new Config(dataDir, batchSize, batchBytes, maxFileSize, maxFiles, threads, followSymlinks,
                builtinExcludes, excludes, secretExcludes, chunkLimits, maxParseSize, offline, embedder, store,
                qdrantUrl, newCollection, progress, shards, replicationFactor, writeConsistencyFactor, storeTimeout,
                qdrantApiKey, watch, secrets);
    }
}
