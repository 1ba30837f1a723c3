package dev.codeindex.cli;

import dev.codeindex.api.CheckpointInfo;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.embed.ModelTokenBudget;
import dev.codeindex.search.CodeLookup;
import dev.codeindex.walk.Walker;
import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import dev.codeindex.daemon.ApiViews;
import dev.codeindex.embed.Embedder;
import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Searches the index on disk of one root, with no daemon: the embedder and the store (read-only, so
 * an index run may write beside it) opened once and closed together. What {@code search} does when
 * no daemon watches the root, and what {@code mcp} serves then.
 *
 * <p>Threading: {@link #search} may be called from several threads (the embedder and the store are).
 */
final class LocalIndex implements AutoCloseable {
    /**
     * What the manifest says, read without keeping it open.
     *
     * @param pending    files an interrupted run left to do; -1 while an index run holds the root (it is
     *                   catching up), and then the rest is unknown (null, empty)
     * @param indexed    a manifest exists
     * @param busy       an index run holds the root
     * @param checkpoint the last run's checkpoint, or null
     */
    record Peek(long pending, StoreChoice recorded, String model, boolean indexed, boolean busy,
                Map<String, Long> totals, CheckpointInfo checkpoint) {}

    private final ExecutorService threads;
    private final Embedder embedder;
    private final VectorStore store;
    private final Peek peek;

    private LocalIndex(ExecutorService threads, Embedder embedder, VectorStore store, Peek peek) {
        this.threads = threads;
        this.embedder = embedder;
        this.store = store;
        this.peek = peek;
    }

    /**
     * Opens the embedder and store of what {@code codeindex index ROOT} built.
     *
     * @throws ConfigException when nothing is indexed for the root with this model, or it was indexed
     *                         with another model or store
     */
    static LocalIndex open(Config config, Path absRoot) {
        Path rootDir = RootDirs.of(config.dataDir(), absRoot);
        Peek peek = peek(rootDir);
        ExecutorService threads = Executors.newFixedThreadPool(1);
        Embedder embedder = null;
        try {
            embedder = Embedders.open(config.embedder(), threads);
            SemanticParts.checkSameModel(peek.model(), embedder.modelId(), absRoot);
            StoreChoice choice = StoreChoice.of(config, rootDir, embedder.modelId());
            if (peek.recorded() != null) {
                choice.checkSameAs(peek.recorded(), absRoot);
            }
            if (!choice.mayHoldIndex(rootDir)) {
                throw new ConfigException("nothing is indexed for " + absRoot + " with model " + embedder.modelId()
                        + " in " + config.dataDir() + "; run: codeindex index " + absRoot);
            }
            return new LocalIndex(threads, embedder, choice.openForReading(config, embedder.dimension()), peek);
        } catch (RuntimeException e) {
            if (embedder != null) {
                embedder.close();
            }
            threads.shutdownNow();
            throw e;
        }
    }

    /** The manifest as it was when this was opened. */
    Peek peek() {
        return peek;
    }

    /** @throws IllegalArgumentException for a bad k, glob or language */
    List<SearchHit> search(String query, int k, String lang, String pathGlob) {
        return new Searcher(embedder, store).search(query, k, lang, pathGlob);
    }

    List<SearchHit> findSymbol(String name, int k) {
        return findSymbol(name, k, null);
    }

    List<SearchHit> findSymbol(String name, int k, String kind) {
        return new Searcher(embedder, store).findSymbol(name, k, kind);
    }

    /**
     * What {@code context} and {@code similar} read for this root: its files through the walker and chunker the config
     * makes, and this index's store (null: none, every file is chunked when asked).
     */
    static CodeLookup lookup(Config config, Path absRoot, LocalIndex index) {
        SourceChunker chunker = new SourceChunker(ChunkSettings.of(config),
                index == null ? TokenBudget.NONE : new ModelTokenBudget(index.embedder), Parsers.all(),
                config.maxParseSize(), RedactionSettings.of(config));
        return new CodeLookup(absRoot, new Walker(absRoot, WalkSettings.of(config)), chunker,
                index == null ? null : index.store, index == null ? null : index.embedder);
    }

    String modelId() {
        return embedder.modelId();
    }

    @Override
    public void close() {
        try (embedder; store) {
            // both closed, the store first
        } finally {
            threads.shutdownNow();
        }
    }

    /** Reads what the manifest of {@code rootDir} says now, waiting for no one. */
    static Peek peek(Path rootDir) {
        if (!Files.exists(rootDir.resolve("manifest.db"))) {
            return new Peek(0, null, null, false, false, Map.of(), null);
        }
        try (DataDirLock lock = DataDirLock.acquire(rootDir);
             MapDbManifest m = MapDbManifest.open(rootDir.resolve("manifest.db"))) {
            return new Peek(m.pendingCount() + m.goneCount(), StoreChoice.recorded(m).orElse(null),
                    m.meta(SemanticParts.MODEL_META).orElse(null), true, false, m.totals(),
                    ApiViews.checkpoint(m.checkpoint()));
        } catch (DataDirInUseException e) {
            return new Peek(-1, null, null, true, true, Map.of(), null);
        } catch (IOException e) {
            return new Peek(-1, null, null, true, false, Map.of(), null);
        }
    }
}
