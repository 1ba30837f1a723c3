package dev.codeindex.cli;

import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.ContextRequest;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.api.ReindexAnswer;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SimilarAnswer;
import dev.codeindex.api.SimilarRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.config.Config;
import dev.codeindex.daemon.ApiViews;
import dev.codeindex.search.CodeLookup;
import dev.codeindex.store.SearchHit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link DaemonApi} over the index on disk of one root, for {@code codeindex mcp} when no
 * {@code watch} daemon keeps the root: searches what {@code codeindex index ROOT} built (the embedder
 * and store opened once, at start), reports what the manifest says, and schedules nothing. When
 * nothing usable is indexed it still answers: status says so and search fails with what to run.
 *
 * <p>Threading: any thread.
 */
final class DiskIndex implements DaemonApi, AutoCloseable {
    private final Path root;
    private final Path rootDir;
    private final Config config;
    private volatile LocalIndex index;
    /** Why {@link #index} is null: what to run so that search works. */
    private volatile String unavailable;
    private final long startedAt = System.currentTimeMillis();
    private volatile CodeLookup lookup;
    /** The index tool's pass over this root in this process, or null. */
    private volatile BackgroundRun run;

    DiskIndex(Config config, Path absRoot) {
        this.root = absRoot;
        this.rootDir = RootDirs.of(config.dataDir(), absRoot);
        this.config = config;
        open();
    }

    /** Opens the index on disk, or records why it cannot be searched. */
    private void open() {
        Path absRoot = root;
        LocalIndex opened = null;
        String why = null;
        try {
            opened = LocalIndex.open(config, absRoot);
        } catch (RuntimeException e) { // nothing indexed, another model or store, the model cannot load
            why = e.getMessage() != null && e.getMessage().contains("codeindex index") ? e.getMessage()
                    : "the index of " + absRoot + " cannot be searched: " + e.getMessage()
                    + "; run `codeindex index " + absRoot + "` (with the same config) to build it";
        }
        this.index = opened;
        this.unavailable = why == null ? null : why + " (or call the `index` tool)";
        this.lookup = LocalIndex.lookup(config, absRoot, opened);
    }

    /** Tries again to open an index that could not be opened (an index run has built it since). */
    synchronized void reopen() {
        if (index == null) {
            open();
        }
    }

    /**
     * The index tool's pass over this root, whose progress status shows while it runs.
     *
     * @param complete the index was complete as the run started: ready while the run updates it (a first
     *                 index, or one a run left unfinished, is ready once the run is done, as a daemon's)
     */
    void running(BackgroundRun r, boolean complete) {
        runOverComplete = complete;
        run = r;
    }

    private volatile boolean runOverComplete;

    @Override
    public DaemonStatus status() {
        LocalIndex.Peek p = LocalIndex.peek(rootDir);
        Map<String, Long> totals = p.totals();
        long pending = p.pending();
        Coverage c = p.coverage();
        if (p.busy() && c != null && c.keyword() >= 0) {
            // another process holds the manifest: its progress file says how far it is, as search answers say
            totals = Map.of("files", c.keyword(), Coverage.UNEMBEDDED, c.keyword() - c.embedded());
            pending = c.files() < 0 ? -1 : c.files() - c.keyword();
        }
        RootStatus.Builder b = RootStatus.builder().root(root.toString()).watcherAlive(false)
                .totals(totals).pending(pending)
                .describedAs("index on disk (no watch daemon)", index != null ? index.modelId()
                        : p.busy() ? "not known while another process holds the index" : "none");
        if (p.checkpoint() != null) {
            b.checkpoint(p.checkpoint());
        }
        BackgroundRun r = run;
        if (r != null && r.running()) {
            b.state(RootState.INDEXING, r.describe()).ready(index != null && runOverComplete).progress(r.phase(), r.done(), r.total());
        } else if (!p.indexed() || unavailable != null) {
            b.state(RootState.DEGRADED, unavailable != null ? unavailable
                    : "nothing is indexed for " + root + "; run `codeindex index " + root + "`");
        } else if (p.busy()) {
            // a `codeindex index` run, or a watch daemon that has not written its daemon file yet; ready when what
            // it has committed covers the tree (it said ready with nothing indexed while a daemon started)
            b.state(RootState.INDEXING, "another codeindex process (an index run, or a watch daemon starting) is"
                    + " updating the index").ready(c != null && c.complete());
        } else if ("done".equals(p.checkpoint().phase())) {
            b.state(RootState.IDLE, "no watch daemon keeps it current: changes since its last index run are not seen;"
                    + " the index tool or `codeindex index` updates it, `codeindex watch` keeps it current").ready(true);
        } else {
            b.state(RootState.DEGRADED, "the last index run stopped in phase " + p.checkpoint().phase()
                    + "; run `codeindex index " + root + "` to finish it").ready(true);
        }
        if (r != null && r.error() != null) {
            b.lastError("the background index run failed: " + r.error(), startedAt);
        }
        RootStatus s = b.build();
        Runtime rt = Runtime.getRuntime();
        long now = System.currentTimeMillis();
        return new DaemonStatus(s.state(), Version.describe(), now - startedAt, startedAt, rt.totalMemory() - rt.freeMemory(),
                rt.maxMemory(), List.of(s));
    }

    @Override
    public SearchAnswer search(SearchRequest request) {
        LocalIndex i = searchable(request.root());
        List<String> notes = new ArrayList<>();
        SearchAnswer a = answer(i.search(request.query(), request.k(), request.language(), request.pathGlob(), notes::add));
        return notes.isEmpty() ? a : a.withNotes(notes);
    }

    @Override
    public SearchAnswer findSymbol(SymbolRequest request) {
        return answer(searchable(request.root()).findSymbol(request.name(), request.k(), request.kind()));
    }

    /** From the index's chunks when it has the file's current ones, else the file chunked now; even with nothing indexed. */
    @Override
    public ContextAnswer context(ContextRequest request) {
        checkRoot(request.root());
        return lookup.context(request.path(), request.line());
    }

    /** Through the index's keyword index when it is open, else by reading the files; even with nothing indexed. */
    @Override
    public ReferencesAnswer references(ReferencesRequest request) {
        checkRoot(request.root());
        CodeLookup.References found = lookup.references(request.name(), request.k(), request.language(),
                request.pathGlob());
        SearchAnswer standing = answer(List.of());
        List<String> notes = new ArrayList<>(standing.notes());
        found.notes().forEach(n -> notes.add(root + ": " + n)); // with several roots served, each says whose it is
        ReferencesAnswer a = new ReferencesAnswer(found.name(), found.references().stream()
                .map(x -> x.withRoot(root.toString())).toList(), found.files(), found.candidates(), found.complete(),
                standing.pending(), standing.coverage(), notes);
        return ReferencesAnswer.behind(a);
    }

    /** Needs the semantic index on disk; says what to run when there is none, or it is offline. */
    @Override
    public SimilarAnswer similar(SimilarRequest request) {
        checkRoot(request.root());
        if (index == null) {
            LocalIndex.Peek p = LocalIndex.peek(rootDir);
            throw new IllegalStateException(p.indexed() && p.model() == null && !p.busy()
                    ? "the index of " + root + " is offline (analysis only, no embeddings): finding similar code needs"
                    + " them; run `codeindex index " + root + " --data-dir " + config.dataDir() + "` without --offline"
                    : unavailable);
        }
        CodeLookup.Similar found = lookup.similar(request.path(), request.line(), request.code(), request.k());
        return SimilarAnswer.of(found.source(), answer(found.hits()));
    }

    private void checkRoot(String asked) {
        if (asked != null && !asked.equals(root.toString())) {
            throw new IllegalArgumentException("this server searches " + root + " only, not " + asked);
        }
    }

    private LocalIndex searchable(String asked) {
        checkRoot(asked);
        BackgroundRun r = run;
        if (index == null && r != null && r.running()) {
            reopen(); // the run may have committed a first batch
            if (index == null) {
                throw new IllegalStateException("nothing of " + root + " is searchable yet: " + r.describe()
                        + "; search again when index_status says it is done");
            }
        }
        LocalIndex i = index;
        if (i == null) {
            throw new IllegalStateException(unavailable);
        }
        return i;
    }

    private SearchAnswer answer(List<SearchHit> hits) {
        LocalIndex.Peek p = LocalIndex.peek(rootDir);
        BackgroundRun r = run;
        Coverage c = p.coverage();
        if (r != null && r.running() && !c.inFlight()) {
            c = new Coverage(c.files(), c.keyword(), c.embedded(), true);
        }
        return new SearchAnswer(hits.stream().map(h -> ApiViews.result(h, root.toString())).toList(), p.pending(), c,
                LocalIndex.goneNotes(root, hits));
    }

    @Override
    public boolean sync(long timeoutMillis) {
        throw new IllegalStateException(noDaemon());
    }

    @Override
    public ReindexAnswer reindex(String root, String path) {
        throw new IllegalStateException(noDaemon());
    }

    /** Nothing indexes here: there is nothing to pause. */
    @Override
    public void pauseIndexing() {
        throw new IllegalStateException(noDaemon());
    }

    @Override
    public void resumeIndexing() {
        throw new IllegalStateException(noDaemon());
    }

    private String noDaemon() {
        return "no watch daemon keeps " + root + ": run `codeindex watch " + root + "` to keep it current"
                + " (or call the `index` tool, or run `codeindex index " + root + "`, to update it once)";
    }

    @Override
    public void close() {
        if (index != null) {
            index.close();
        }
    }
}
