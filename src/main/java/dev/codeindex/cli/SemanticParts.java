package dev.codeindex.cli;

import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.ModelTokenBudget;
import dev.codeindex.index.SemanticSink;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.store.VectorStore;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedder, the store and the sink of a semantic run, opened together and closed in order.
 * One model and one store per index: a root indexed with another model, store type or collection
 * is refused (exit 2).
 */
final class SemanticParts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SemanticParts.class);
    static final String MODEL_META = "embedder.model";

    /** The embedder these parts opened for themselves and close with them; null when it is shared. */
    private final SharedEmbedder owned;
    private final Embedder embedder;
    private final VectorStore store;
    private final SemanticSink sink;
    private final StoreChoice choice;

    private SemanticParts(SharedEmbedder owned, Embedder embedder, VectorStore store, SemanticSink sink,
                          StoreChoice choice) {
        this.owned = owned;
        this.embedder = embedder;
        this.store = store;
        this.sink = sink;
        this.choice = choice;
    }

    /**
     * Loads the model (or connects to the embedding server) and opens the store {@code config} asks
     * for, after checking both against what the manifest recorded for this root; then records them.
     *
     * @throws ConfigException another model, store type or collection than the root was indexed with (exit 2)
     * @throws dev.codeindex.store.StoreUnavailableException the store cannot be opened or reached (exit 4)
     * @see Embedders#open for what opening the embedder throws
     */
    static SemanticParts open(Config config, Path rootDir, Path root, Manifest manifest) {
        SharedEmbedder own = new SharedEmbedder(config.embedder(), config.threads());
        try {
            return open(config, rootDir, root, manifest, own, own);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * As {@link #open(Config, Path, Path, Manifest)}, with an embedder shared by several roots: it
     * stays open when these parts close.
     */
    static SemanticParts open(Config config, Path rootDir, Path root, Manifest manifest, SharedEmbedder shared) {
        if (!shared.serves(config.embedder())) {
            throw new IllegalArgumentException("the shared embedder was opened for another embedder config");
        }
        return open(config, rootDir, root, manifest, shared, null);
    }

    private static SemanticParts open(Config config, Path rootDir, Path root, Manifest manifest, SharedEmbedder source,
                                      SharedEmbedder owned) {
        Embedder embedder = source.get();
        String recordedModel = manifest.meta(MODEL_META).orElse(null);
        StoreChoice choice = StoreChoice.of(config, rootDir, embedder.modelId());
        if (Embedders.sameModelFileChanged(recordedModel, embedder.modelId()) && choice.type().equals("embedded")) {
            // The store's folder is named after the model id: the new model starts an empty one, and
            // reconciliation finds every file missing from it, so everything is embedded again.
            log.warn("the model file changed since {} was indexed ({} is now {}): every chunk is embedded again into {};"
                    + " the old model's store {} is no longer used (delete it to free its space)", root, recordedModel,
                    embedder.modelId(), choice.describe(), rootDir.resolve(StoreChoice.embeddedFolder(recordedModel)));
        } else {
            checkSameModel(recordedModel, embedder.modelId(), root);
        }
        Optional<StoreChoice> recordedStore = StoreChoice.recorded(manifest);
        recordedStore.ifPresent(r -> choice.checkSameAs(r, root));
        VectorStore store = choice.openForWriting(config, embedder.dimension());
        try {
            if (recordedStore.isEmpty()) {
                refuseForeignPoints(config, choice, store);
            }
            manifest.putMeta(MODEL_META, embedder.modelId());
            choice.record(manifest);
            return new SemanticParts(owned, embedder, store, new SemanticSink(embedder, store, manifest,
                    choice.collection()), choice);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * @param recorded the model id the manifest recorded for {@code root}, or null when none is
     * @throws ConfigException when {@code modelId} is another model (docs/ARCHITECTURE.md, invariant 6)
     */
    static void checkSameModel(String recorded, String modelId, Path root) {
        if (Embedders.sameModelFileChanged(recorded, modelId)) {
            throw new ConfigException("config key embedder.modelPath: the model file changed since " + root
                    + " was indexed (" + recorded + " is now " + modelId + "); vectors of two models never mix: run"
                    + " codeindex index " + root + " to embed it again with the new file (the embedded store does;"
                    + " with Qdrant, use another --data-dir), or put the old file back");
        }
        if (recorded != null && !recorded.equals(modelId)) {
            throw new ConfigException("config key embedder.model: " + root + " was indexed with " + recorded
                    + ", not " + modelId + "; vectors of two models never mix: use that model, or"
                    + " another --data-dir for this one");
        }
    }

    /**
     * A collection the user named that already holds points this root never wrote belongs to
     * someone else (another root, another tool): start-up reconciliation would sweep them all. A
     * derived name is this root's own, so whatever it holds is adopted and reconciled.
     */
    private static void refuseForeignPoints(Config config, StoreChoice choice, VectorStore store) {
        if (!choice.type().equals("qdrant") || config.collection().isEmpty()) {
            return;
        }
        long points = store.count();
        if (points > 0) {
            throw new ConfigException("config key store.collection: " + choice.describe() + " already holds " + points
                    + " points that this root's manifest did not write; a collection holds one root's points: name"
                    + " another collection (--collection), or delete that one");
        }
    }

    TokenBudget budget() {
        return new ModelTokenBudget(embedder);
    }

    SemanticSink sink() {
        return sink;
    }

    Embedder embedder() {
        return embedder;
    }

    VectorStore store() {
        return store;
    }

    /** For status: "Qdrant collection 'NAME' at URL" or "embedded store in DIR"; never the API key. */
    String storeDescription() {
        return choice.describe();
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (owned != null) {
                owned.close();
            }
        }
    }
}
