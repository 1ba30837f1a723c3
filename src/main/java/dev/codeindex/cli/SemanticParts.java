package dev.codeindex.cli;

import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.ModelTokenBudget;
import dev.codeindex.embed.onnx.BundledModel;
import dev.codeindex.embed.onnx.OnnxEmbedder;
import dev.codeindex.index.SemanticSink;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.store.VectorStore;
import dev.codeindex.store.lucene.LuceneStore;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedder, the store and the sink of a semantic run, opened together and closed in order.
 * One model per index: a root indexed with another model is refused (exit 2).
 */
final class SemanticParts implements AutoCloseable {
    static final String MODEL_META = "embedder.model";

    private final ExecutorService embedThreads;
    private final Embedder embedder;
    private final VectorStore store;
    private final SemanticSink sink;

    private SemanticParts(ExecutorService embedThreads, Embedder embedder, VectorStore store, SemanticSink sink) {
        this.embedThreads = embedThreads;
        this.embedder = embedder;
        this.store = store;
        this.sink = sink;
    }

    static SemanticParts open(Config config, Path rootDir, Path root, Manifest manifest) {
        BundledModel model = BundledModel.byName(config.embedderModel());
        ExecutorService threads = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "embed");
            t.setDaemon(true);
            return t;
        });
        Embedder embedder = new OnnxEmbedder(model, threads);
        String recorded = manifest.meta(MODEL_META).orElse(null);
        if (recorded != null && !recorded.equals(embedder.modelId())) {
            embedder.close();
            threads.shutdownNow();
            throw new ConfigException("config key embedder.model: " + root + " was indexed with " + recorded
                    + ", not " + embedder.modelId() + "; vectors of two models never mix: use that model, or another"
                    + " --data-dir for this one");
        }
        manifest.putMeta(MODEL_META, embedder.modelId());
        VectorStore store = new LuceneStore(rootDir.resolve("lucene-" + embedder.modelId()));
        String collection = config.collection().isEmpty() ? rootDir.getFileName().toString() : config.collection();
        return new SemanticParts(threads, embedder, store, new SemanticSink(embedder, store, manifest, collection));
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

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            embedder.close();
            embedThreads.shutdownNow();
        }
    }
}
