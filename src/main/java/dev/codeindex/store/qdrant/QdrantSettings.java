package dev.codeindex.store.qdrant;

import java.net.URI;
import java.time.Duration;

/**
 * Where the Qdrant store lives and how its collection is laid out. The URL names the gRPC endpoint:
 * {@code http://host:6334} is plaintext, {@code https://host[:port]} is TLS; without a port, 6334.
 *
 * @param apiKey                 sent with every call, or null; the caller reads it from {@code QDRANT_API_KEY}
 * @param collection             the collection; created when missing
 * @param dimension              the embedder's vector size; an existing collection must have it
 * @param shardNumber            shards of a new collection (distributed Qdrant)
 * @param replicationFactor      copies of each shard a new collection keeps
 * @param writeConsistencyFactor replicas that must apply a write before it counts as done
 * @param timeout                bound on every call: no call waits longer
 * @throws IllegalArgumentException for a value out of range (the config loader checks the user's values first)
 */
public record QdrantSettings(String url, String apiKey, String collection, int dimension, int shardNumber,
                             int replicationFactor, int writeConsistencyFactor, Duration timeout) {
    public static final int DEFAULT_PORT = 6334;
    public static final String API_KEY_ENV = "QDRANT_API_KEY";

    public QdrantSettings {
        URI u = URI.create(url);
        if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
            throw new IllegalArgumentException("Qdrant URL must be http://host[:port] (plaintext) or https://host[:port]"
                    + " (TLS), got " + url);
        }
        if (collection == null || collection.isBlank()) {
            throw new IllegalArgumentException("the Qdrant collection name is empty");
        }
        if (dimension < 1 || shardNumber < 1 || replicationFactor < 1 || writeConsistencyFactor < 1) {
            throw new IllegalArgumentException("dimension, shard_number, replication_factor and"
                    + " write_consistency_factor must be at least 1, got " + dimension + ", " + shardNumber + ", "
                    + replicationFactor + ", " + writeConsistencyFactor);
        }
        if (writeConsistencyFactor > replicationFactor) {
            throw new IllegalArgumentException("write_consistency_factor " + writeConsistencyFactor
                    + " exceeds replication_factor " + replicationFactor + ": no write could ever succeed");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Qdrant timeout must be positive, got " + timeout);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /** One node: one shard, one replica. */
    public static QdrantSettings singleNode(String url, String apiKey, String collection, int dimension,
                                            Duration timeout) {
        return new QdrantSettings(url, apiKey, collection, dimension, 1, 1, 1, timeout);
    }

    public String host() {
        return URI.create(url).getHost();
    }

    public int port() {
        int p = URI.create(url).getPort();
        return p == -1 ? DEFAULT_PORT : p;
    }

    public boolean tls() {
        return "https".equals(URI.create(url).getScheme());
    }

    /** Never shows the API key, so settings can be logged. */
    @Override
    public String toString() {
        return "QdrantSettings[url=" + url + ", apiKey=" + (apiKey == null ? "none" : "****") + ", collection="
                + collection + ", dimension=" + dimension + ", shardNumber=" + shardNumber + ", replicationFactor="
                + replicationFactor + ", writeConsistencyFactor=" + writeConsistencyFactor + ", timeout=" + timeout + "]";
    }
}
