package dev.codeindex.cli;

import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.ReindexAnswer;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.config.Config;
import dev.codeindex.daemon.ApiViews;
import dev.codeindex.store.SearchHit;
import java.nio.file.Path;
import java.util.List;

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
    private final LocalIndex index;
    /** Why {@link #index} is null: what to run so that search works. */
    private final String unavailable;
    private final long startedAt = System.currentTimeMillis();

    DiskIndex(Config config, Path absRoot) {
        this.root = absRoot;
        this.rootDir = RootDirs.of(config.dataDir(), absRoot);
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
        this.unavailable = why;
    }

    @Override
    public DaemonStatus status() {
        LocalIndex.Peek p = LocalIndex.peek(rootDir);
        RootStatus.Builder b = RootStatus.builder().root(root.toString()).watcherAlive(false)
                .totals(p.totals()).pending(p.pending())
                .describedAs("index on disk (no watch daemon)", index == null ? "none" : index.modelId());
        if (p.checkpoint() != null) {
            b.checkpoint(p.checkpoint());
        }
        if (!p.indexed() || unavailable != null) {
            b.state(RootState.DEGRADED, unavailable != null ? unavailable
                    : "nothing is indexed for " + root + "; run `codeindex index " + root + "`");
        } else if (p.busy()) {
            b.state(RootState.INDEXING, "a `codeindex index` run is updating the index").ready(true);
        } else if ("done".equals(p.checkpoint().phase())) {
            b.state(RootState.WATCHING, null).ready(true);
        } else {
            b.state(RootState.DEGRADED, "the last index run stopped in phase " + p.checkpoint().phase()
                    + "; run `codeindex index " + root + "` to finish it").ready(true);
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
        return answer(i.search(request.query(), request.k(), request.language(), request.pathGlob()));
    }

    @Override
    public SearchAnswer findSymbol(SymbolRequest request) {
        return answer(searchable(request.root()).findSymbol(request.name(), request.k()));
    }

    private LocalIndex searchable(String asked) {
        if (asked != null && !asked.equals(root.toString())) {
            throw new IllegalArgumentException("this server searches " + root + " only, not " + asked);
        }
        if (index == null) {
            throw new IllegalStateException(unavailable);
        }
        return index;
    }

    private SearchAnswer answer(List<SearchHit> hits) {
        return new SearchAnswer(hits.stream().map(ApiViews::result).toList(), LocalIndex.peek(rootDir).pending());
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
                + " (or `codeindex index " + root + "` once to update it)";
    }

    @Override
    public void close() {
        if (index != null) {
            index.close();
        }
    }
}
