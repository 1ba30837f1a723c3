package dev.codeindex.cli;

import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.store.VectorStore;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.store.qdrant.QdrantSettings;
import dev.codeindex.store.qdrant.QdrantStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which store holds a root's vectors: the embedded store in the root's data directory, or a Qdrant
 * collection. The manifest records the choice, and a root's manifest tracks one store: another
 * store type or collection for the same data directory is refused (exit 2), because the manifest's
 * entries describe what the recorded store holds, not the other one.
 *
 * @param type       "embedded" or "qdrant"
 * @param collection the Qdrant collection; for the embedded store the namespace of its point ids
 * @param url        Qdrant's URL; null for the embedded store
 * @param directory  the embedded store's directory; null for Qdrant
 */
record StoreChoice(String type, String collection, String url, Path directory) {
    static final String TYPE_META = "store.type";
    static final String COLLECTION_META = "store.collection";
    static final String URL_META = "store.url";
    /** The root's part of a derived Qdrant collection name is cut to this, keeping its hash. */
    static final int MAX_ROOT_PART = 160;

    /**
     * The store the config asks for. Without a collection name: the embedded store keeps its point
     * ids in the root's namespace (as before collections could be named); a Qdrant collection is
     * {@code codeindex-NAME-HASH-MODEL}, so another root or another model means another collection
     * (docs/ARCHITECTURE.md, invariant 6).
     */
    static StoreChoice of(Config config, Path rootDir, String modelId) {
        String rootPart = rootDir.getFileName().toString();
        if (config.store().equals("qdrant")) {
            if (rootPart.length() > MAX_ROOT_PART) {
                rootPart = rootPart.substring(rootPart.length() - MAX_ROOT_PART);
            }
            String derived = ("codeindex-" + rootPart + "-" + modelId).replaceAll("[^A-Za-z0-9._-]", "_");
            return new StoreChoice("qdrant", config.collection().isEmpty() ? derived : config.collection(),
                    config.qdrantUrl(), null);
        }
        return new StoreChoice("embedded", config.collection().isEmpty() ? rootPart : config.collection(), null,
                rootDir.resolve(embeddedFolder(modelId)));
    }

    /**
     * {@code lucene-MODEL}, with what a file name cannot hold replaced: an HTTP model id such as
     * {@code http:BAAI/bge-m3:1024} has '/' and ':'. The bundled ids are left as they were. Two ids
     * that differ only there share a name, never a folder: a root's manifest accepts one model.
     */
    static String embeddedFolder(String modelId) {
        return "lucene-" + modelId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * What the manifest says the root was indexed into. A manifest from before stores were recorded
     * that has a model was indexed into the embedded store, in a namespace it did not record.
     */
    static Optional<StoreChoice> recorded(Manifest m) {
        Optional<String> type = m.meta(TYPE_META);
        if (type.isEmpty()) {
            return m.meta(SemanticParts.MODEL_META).map(model -> new StoreChoice("embedded", null, null, null));
        }
        return Optional.of(new StoreChoice(type.get(), m.meta(COLLECTION_META).orElse(null),
                m.meta(URL_META).orElse(null), null));
    }

    /** @throws ConfigException naming the key that differs from what {@code root} was indexed into */
    void checkSameAs(StoreChoice recorded, Path root) {
        if (!recorded.type.equals(type)) {
            throw new ConfigException("config key store.type: " + root + " was indexed into the " + recorded.describe()
                    + ", not the " + type + " store; its manifest tracks one store: use --store " + recorded.type
                    + " (store.type: " + recorded.type + "), or another --data-dir for the " + type + " store");
        }
        if (recorded.collection != null && !recorded.collection.equals(collection)) {
            throw new ConfigException("config key store.collection: " + root + " was indexed into collection '"
                    + recorded.collection + "', not '" + collection + "'; its manifest tracks one collection: use"
                    + " --collection " + recorded.collection + ", or another --data-dir for '" + collection + "'");
        }
    }

    void record(Manifest m) {
        m.putMeta(TYPE_META, type);
        m.putMeta(COLLECTION_META, collection);
        if (url != null) {
            m.putMeta(URL_META, url);
        }
    }

    /**
     * Opens the store for an index run; a missing Qdrant collection is created.
     *
     * @throws dev.codeindex.store.StoreUnavailableException when it cannot be opened or reached (exit 4)
     */
    VectorStore openForWriting(Config config, int dimension) {
        return type.equals("qdrant") ? QdrantStore.open(qdrant(config, dimension)) : new LuceneStore(directory);
    }

    /** Opens the store for searching; the embedded store read-only, so a search runs beside an index run. */
    VectorStore openForReading(Config config, int dimension) {
        return type.equals("qdrant") ? QdrantStore.open(qdrant(config, dimension)) : LuceneStore.openReadOnly(directory);
    }

    /** Whether an index run has written to this store: the embedded store's directory exists; for Qdrant, a manifest. */
    boolean mayHoldIndex(Path rootDir) {
        return type.equals("qdrant") ? Files.exists(rootDir.resolve("manifest.db")) : Files.isDirectory(directory);
    }

    private QdrantSettings qdrant(Config config, int dimension) {
        return new QdrantSettings(url, config.qdrantApiKey().value(), collection, dimension, config.shards(),
                config.replicationFactor(), config.writeConsistencyFactor(), config.storeTimeout());
    }

    String describe() {
        if (type.equals("qdrant")) {
            return "Qdrant collection '" + collection + "'" + (url == null ? "" : " at " + url);
        }
        return "embedded store" + (directory == null ? "" : " in " + directory);
    }
}
