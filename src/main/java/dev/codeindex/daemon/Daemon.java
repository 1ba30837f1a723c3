package dev.codeindex.daemon;

import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.ReindexAnswer;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SearchResult;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.SearchHit;
import dev.codeindex.watch.Rescan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The watched roots of one process behind the {@link DaemonApi}: their status, search over them,
 * the sync barrier and rescans. A thin facade: the work happens in each {@link WatchedRoot}.
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class Daemon implements DaemonApi {
    static final String REQUESTED = "requested over HTTP";

    /** One watched root and how to search it (null searcher: offline, nothing to search). */
    public record Root(WatchedRoot watched, Searcher searcher) {}

    private final List<Root> roots;
    private final String version;
    private final Clock clock;
    private final long startedAt;

    public Daemon(List<Root> roots, String version, Clock clock) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a daemon watches at least one root");
        }
        this.roots = List.copyOf(roots);
        this.version = version;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    public List<Root> roots() {
        return roots;
    }

    @Override
    public DaemonStatus status() {
        List<RootStatus> each = new ArrayList<>(roots.size());
        for (Root r : roots) {
            each.add(r.watched().status());
        }
        Runtime rt = Runtime.getRuntime();
        return new DaemonStatus(RootState.overall(each.stream().map(RootStatus::state).toList()), version,
                clock.millis() - startedAt, startedAt, rt.totalMemory() - rt.freeMemory(), rt.maxMemory(), each);
    }

    /**
     * Searches every root that has a semantic index (or the one the request names); hits are merged by score.
     *
     * @throws IllegalArgumentException for a bad request (the message is for the user)
     * @throws IllegalStateException    when no selected root has a semantic index (offline daemon), or
     *                                  the named root is not watched here
     */
    @Override
    public SearchAnswer search(SearchRequest request) {
        return over(request.root(), request.k(),
                s -> s.search(request.query(), request.k(), request.language(), request.pathGlob()));
    }

    /** The definitions of a name in every root with a semantic index (or the one named); errors as {@link #search}. */
    @Override
    public SearchAnswer findSymbol(SymbolRequest request) {
        return over(request.root(), request.k(), s -> s.findSymbol(request.name(), request.k()));
    }

    private SearchAnswer over(String root, int k, Function<Searcher, List<SearchHit>> ask) {
        List<Root> selected = roots(root);
        if (selected.isEmpty()) {
            throw new IllegalStateException("this daemon does not watch " + root);
        }
        List<SearchResult> hits = new ArrayList<>();
        long pending = 0;
        boolean any = false;
        for (Root r : selected) {
            long p = r.watched().status().pending();
            pending = pending < 0 || p < 0 ? -1 : pending + p; // -1: a root does not know yet (its first scan)
            if (r.searcher() != null) {
                any = true;
                ask.apply(r.searcher()).forEach(h -> hits.add(ApiViews.result(h)));
            }
        }
        if (!any) {
            throw new IllegalStateException("this daemon runs offline (analysis only): there is nothing to search");
        }
        if (roots.size() > 1) {
            hits.sort(Comparator.comparingDouble(SearchResult::score).reversed());
        }
        return new SearchAnswer(hits.subList(0, Math.min(k, hits.size())), pending);
    }

    /** Every root when {@code onlyRoot} is null, else the one watched at that path (none when there is none). */
    List<Root> roots(String onlyRoot) {
        return onlyRoot == null ? roots
                : roots.stream().filter(r -> r.watched().root().toString().equals(onlyRoot)).toList();
    }

    /**
     * @throws IllegalStateException at once when indexing is paused in a root: nothing would be indexed
     *                               before a resume, so waiting could only time out
     */
    @Override
    public boolean sync(long timeoutMillis) throws InterruptedException {
        for (Root r : roots) {
            if (r.watched().paused()) {
                throw new IllegalStateException("indexing is paused in " + r.watched().root()
                        + ": nothing is indexed until it is resumed (POST /resume, or `codeindex resume`)");
            }
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Root r : roots) {
            all.add(r.watched().sync());
        }
        try {
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    /**
     * @throws IllegalArgumentException when {@code root} is not watched here, when {@code path} is given
     *                                  and the daemon watches several roots but none was named, or when
     *                                  the path is absolute or leaves the root
     */
    @Override
    public ReindexAnswer reindex(String root, String path) {
        List<Root> targets = roots(root);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("this daemon does not watch " + root);
        }
        List<String> names = targets.stream().map(r -> r.watched().root().toString()).toList();
        if (path == null) {
            targets.forEach(r -> r.watched().requestRescan(Rescan.requested(REQUESTED)));
            return new ReindexAnswer(true, null, names);
        }
        if (targets.size() > 1) {
            throw new IllegalArgumentException("this daemon watches " + targets.size() + " roots: say which with root=");
        }
        WatchedRoot r = targets.get(0).watched();
        String rel = RootPath.relative(r.root(), path);
        if (rel.isEmpty()) {
            r.requestRescan(Rescan.requested(REQUESTED));
        } else {
            r.requestPath(rel);
        }
        return new ReindexAnswer(rel.isEmpty(), rel, names);
    }

    /** Every root stops indexing at its next batch boundary; the watchers keep collecting changes. */
    @Override
    public void pauseIndexing() {
        roots.forEach(r -> r.watched().pauseIndexing());
    }

    @Override
    public void resumeIndexing() {
        roots.forEach(r -> r.watched().resumeIndexing());
    }

    /** Stops every root: each finishes or abandons its batch in flight and commits. */
    public boolean stop(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean clean = true;
        for (Root r : roots) {
            r.watched().signalStop();
        }
        for (Root r : roots) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            clean &= r.watched().stop(left);
        }
        return clean;
    }
}
