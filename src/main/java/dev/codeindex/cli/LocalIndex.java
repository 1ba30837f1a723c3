package dev.codeindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.api.CheckpointInfo;
import dev.codeindex.api.Coverage;
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
import dev.codeindex.store.StoreDamagedException;
import dev.codeindex.store.VectorStore;
import dev.codeindex.store.lucene.LuceneStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * @param coverage   how much of the tree search sees: from the manifest, or while an index run holds
     *                   the root from its progress file (unknown total before it writes one)
     */
    record Peek(long pending, StoreChoice recorded, String model, boolean indexed, boolean busy,
                Map<String, Long> totals, CheckpointInfo checkpoint, Coverage coverage) {}

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
            // a run in progress, or a manifest of this model, is an index that may have nothing committed
            // yet: its store searches as empty, and the answer's coverage says why
            boolean underWay = peek.busy() || embedder.modelId().equals(peek.model());
            if (!underWay && !choice.mayHoldIndex(rootDir)) {
                String index = "codeindex index " + absRoot + " --data-dir " + config.dataDir();
                // a manifest read whole (it has a checkpoint) that records no model and holds files: an offline
                // index (a run that failed before its first file, an unreadable root say, indexed nothing)
                if (peek.indexed() && peek.model() == null && !peek.busy() && peek.checkpoint() != null
                        && peek.totals() != null && peek.totals().getOrDefault("files", 0L) > 0) {
                    throw new ConfigException(absRoot + " was indexed offline in " + config.dataDir()
                            + " (analysis only: it keeps no store, so neither search by meaning nor by symbol can read"
                            + " it); to build one, run: " + index
                            + " (without --offline, and without index.offline: true in the config)");
                }
                if (!peek.indexed() && !java.nio.file.Files.isDirectory(absRoot)) {
                    throw new ConfigException("no directory " + absRoot + ", and nothing is indexed for it in "
                            + config.dataDir() + ": name an indexed root (codeindex status lists them)");
                }
                List<String> below = RunningDaemons.of(config.dataDir()).stream().flatMap(d -> d.roots().stream())
                        .filter(r -> Path.of(r).startsWith(absRoot) && !Path.of(r).equals(absRoot)).distinct().sorted()
                        .toList();
                if (!below.isEmpty()) { // the parent of watched roots: indexing it would index them all again
                    throw new ConfigException("nothing is indexed for " + absRoot + " itself; a watch daemon keeps the"
                            + " roots below it: " + String.join(", ", below) + ". Search one with --root ROOT (or from"
                            + " inside it)");
                }
                throw new ConfigException("nothing is indexed for " + absRoot + " with model " + embedder.modelId()
                        + " in " + config.dataDir() + "; run: " + index);
            }
            checkStoreHeld(choice, peek);
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

    /**
     * @param notes told when the query could not be embedded and was answered by symbols and keywords alone
     * @throws IllegalArgumentException for a bad k, glob or language
     */
    List<SearchHit> search(String query, int k, String lang, String pathGlob, java.util.function.Consumer<String> notes) {
        return new Searcher(embedder, store).search(query, k, lang, pathGlob, notes);
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

    /**
     * A manifest that says files are stored (and no run holds the root, which may not have committed
     * yet) with an embedded store that is missing or holds no commit: the store was deleted, and
     * searching it would answer nothing while coverage says every file is there.
     */
    static void checkStoreHeld(StoreChoice choice, Peek peek) {
        if (choice.directory() == null || peek.busy() || peek.model() == null || peek.coverage().keyword() <= 0) {
            return;
        }
        if (!LuceneStore.hasCommit(choice.directory())) {
            throw new StoreDamagedException(choice.directory(), Files.isDirectory(choice.directory())
                    ? "it has no commit (segments file), though the manifest says " + peek.coverage().keyword()
                            + " files are stored there"
                    : "it is missing, though the manifest says " + peek.coverage().keyword() + " files are stored there",
                    null);
        }
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

    /**
     * What an answer from the index on disk should say when hits name files that are no longer there: no
     * daemon watches the root, so changes since the last index run are not in it (one stat per hit).
     */
    static List<String> goneNotes(Path root, List<SearchHit> hits) {
        List<String> gone = new ArrayList<>();
        for (SearchHit h : hits) {
            if (!gone.contains(h.path()) && !Files.exists(root.resolve(h.path()))) {
                gone.add(h.path());
            }
        }
        if (gone.isEmpty()) {
            return List.of();
        }
        String some = String.join(", ", gone.subList(0, Math.min(3, gone.size()))) + (gone.size() > 3 ? ", …" : "");
        return List.of((gone.size() == 1 ? "1 hit names a file" : gone.size() + " hits name files") + " deleted since"
                + " the last index (" + some + "): no watch daemon keeps " + root + " current; run `codeindex index "
                + root + "` to update it, or `codeindex watch " + root + "` to keep it current");
    }

    /** Reads what the manifest of {@code rootDir} says now, waiting for no one. */
    static Peek peek(Path rootDir) {
        if (!Files.exists(rootDir.resolve("manifest.db"))) {
            // a first index run may hold the root before its manifest file exists
            Optional<Coverage> running = ProgressFile.read(rootDir).map(LocalIndex::coverage);
            return running.map(c -> new Peek(-1, null, null, true, true, Map.of(), null, c))
                    .orElse(new Peek(0, null, null, false, false, Map.of(), null, new Coverage(0, 0, 0, false)));
        }
        try (DataDirLock lock = DataDirLock.acquire(rootDir);
             MapDbManifest m = MapDbManifest.open(rootDir.resolve("manifest.db"))) {
            long pending = m.pendingCount() + m.goneCount();
            Map<String, Long> totals = m.totals();
            return new Peek(pending, StoreChoice.recorded(m).orElse(null),
                    m.meta(SemanticParts.MODEL_META).orElse(null), true, false, totals,
                    ApiViews.checkpoint(m.checkpoint()), Coverage.of(totals, pending, false));
        } catch (DataDirInUseException e) {
            Coverage c = ProgressFile.read(rootDir).map(LocalIndex::coverage).orElse(Coverage.UNKNOWN);
            return new Peek(-1, null, null, true, true, Map.of(), null, c);
        } catch (IOException e) {
            return new Peek(-1, null, null, true, false, Map.of(), null, new Coverage(-1, 0, 0, false));
        }
    }

    /**
     * The coverage an index run's progress file shows: files of its last commit, and in its index phase
     * the new files it has yet to commit on top of them (before that phase, the total is not known); in its
     * embed phase every file is in the index, and only the vectors of some are still to come. Files
     * read since the last commit are still to commit: counting them done made the total shrink while a
     * batch was read (a tree of one batch counted down to its committed files). A progress file written
     * before the manifest counted new files apart has only the pass's files left, changed ones included.
     */
    static Coverage coverage(JsonNode run) {
        long files = run.path("files").asLong();
        long unembedded = run.path(Coverage.UNEMBEDDED).asLong();
        JsonNode p = run.path("progress");
        JsonNode cp = run.path("checkpoint");
        long total = -1;
        if ("index".equals(p.path("phase").asText()) && run.has(Coverage.PENDING_NEW)) {
            total = files + Math.max(0, run.path(Coverage.PENDING_NEW).asLong());
        } else if ("index".equals(p.path("phase").asText()) && "index".equals(cp.path("phase").asText())
                && cp.path("filesTotal").asLong(-1) >= 0) {
            total = files + Math.max(0, cp.path("filesTotal").asLong() - cp.path("filesDone").asLong());
        } else if ("index".equals(p.path("phase").asText()) && p.path("total").asLong(-1) >= 0) {
            total = files + Math.max(0, p.path("total").asLong() - p.path("done").asLong());
        } else if ("embed".equals(p.path("phase").asText())) {
            total = files;
        }
        return new Coverage(total, files, Math.max(0, files - unembedded), true);
    }
}
