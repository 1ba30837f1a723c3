package dev.codeindex.watch;

import dev.codeindex.search.Searcher;
import dev.codeindex.store.SearchHit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The watched roots of one process, as the HTTP server sees them: their status, search over them,
 * the sync barrier and rescans. A thin facade: the work happens in each {@link WatchedRoot}.
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class Daemon {
    /** One watched root and how to search it (null searcher: offline, nothing to search). */
    public record Root(WatchedRoot watched, Searcher searcher, String store, String embedder) {}

    /** A search answer: the hits and how many files the index is behind. */
    public record SearchAnswer(List<SearchHit> hits, long pending) {}

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

    public String version() {
        return version;
    }

    public long startedAt() {
        return startedAt;
    }

    public long uptimeMillis() {
        return clock.millis() - startedAt;
    }

    /** The state of the whole: degraded if any root is, else scanning, indexing or watching. */
    public RootStatus.State state() {
        List<RootStatus.State> states = new ArrayList<>(roots.size());
        for (Root r : roots) {
            states.add(r.watched().status().state());
        }
        return overall(states);
    }

    /** The state of a daemon whose roots are in {@code states}; see {@link #state()}. */
    public static RootStatus.State overall(List<RootStatus.State> states) {
        RootStatus.State worst = RootStatus.State.WATCHING;
        for (RootStatus.State s : states) {
            if (s == RootStatus.State.DEGRADED) {
                return s;
            }
            if (s == RootStatus.State.SCANNING || (s == RootStatus.State.INDEXING && worst == RootStatus.State.WATCHING)) {
                worst = s;
            }
        }
        return worst;
    }

    /** Null when every root is ready (initial pass done, store reachable), else why not. */
    public String notReadyReason() {
        for (Root r : roots) {
            RootStatus s = r.watched().status();
            if (!s.ready()) {
                return s.root() + ": " + (s.reason() != null ? s.reason() : "the initial pass is still running");
            }
        }
        return null;
    }

    /**
     * Searches every root that has a semantic index; hits are merged by score.
     *
     * @throws IllegalArgumentException for a bad request (the message is for the user)
     * @throws IllegalStateException    when no root has a semantic index (offline daemon)
     */
    public SearchAnswer search(String query, int k, String language, String pathGlob) {
        return search(query, k, language, pathGlob, null);
    }

    /** As {@link #search(String, int, String, String)}, in one root only when {@code onlyRoot} is not null. */
    public SearchAnswer search(String query, int k, String language, String pathGlob, String onlyRoot) {
        List<Root> selected = roots(onlyRoot);
        if (selected.isEmpty()) {
            throw new IllegalStateException("this daemon does not watch " + onlyRoot);
        }
        List<SearchHit> hits = new ArrayList<>();
        long pending = 0;
        boolean any = false;
        for (Root r : selected) {
            pending += r.watched().status().pending();
            if (r.searcher() != null) {
                any = true;
                hits.addAll(r.searcher().search(query, k, language, pathGlob));
            }
        }
        if (!any) {
            throw new IllegalStateException("this daemon runs offline (analysis only): there is nothing to search");
        }
        if (roots.size() > 1) {
            hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        }
        return new SearchAnswer(hits.subList(0, Math.min(k, hits.size())), pending);
    }

    /** Every root when {@code onlyRoot} is null, else the one watched at that path (none when there is none). */
    public List<Root> roots(String onlyRoot) {
        return onlyRoot == null ? roots
                : roots.stream().filter(r -> r.watched().root().toString().equals(onlyRoot)).toList();
    }

    /** Waits until everything written before this call is indexed in every root. */
    public boolean sync(long timeoutMillis) throws InterruptedException {
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
