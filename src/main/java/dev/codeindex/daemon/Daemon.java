package dev.codeindex.daemon;

import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.ContextRequest;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.RootChoice;
import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.api.ReindexAnswer;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SearchResult;
import dev.codeindex.api.SimilarAnswer;
import dev.codeindex.api.SimilarRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.search.CodeLookup;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.SearchHit;
import dev.codeindex.util.DiskSpace;
import dev.codeindex.watch.Rescan;
import java.nio.file.Path;
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
    /** The {@code store} of a root still waiting for another process: it has no figures of its own yet. */
    public static final String NOT_OPENED = "not opened yet";

    /**
     * One watched root, how to search it (null searcher: offline, nothing to search) and how to look
     * at a place in its files (null lookup: not offered).
     */
    public record Root(WatchedRoot watched, Searcher searcher, CodeLookup lookup) {
        public Root(WatchedRoot watched, Searcher searcher) {
            this(watched, searcher, null);
        }
    }

    private final List<Root> roots;
    /** Roots another process holds at start (an index run): why, by root; each is adopted once that process lets go. */
    private final java.util.concurrent.ConcurrentSkipListMap<Path, String> waiting =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    /** Guards adoption against {@link #stop}: a root adopted while stopping would run on after it. */
    private final Object adoption = new Object();
    private boolean stopping;
    /** Indexing is paused ({@link #pauseIndexing}): a root adopted now starts paused too. */
    private volatile boolean paused;
    private final String version;
    private final Clock clock;
    private final long startedAt;
    /** What status reports about free space; null: nothing. */
    private volatile java.util.function.Supplier<dev.codeindex.api.DiskStatus> disk;

    public Daemon(List<Root> roots, String version, Clock clock) {
        this(roots, java.util.Map.of(), version, clock);
    }

    /**
     * @param waiting roots another process holds now, with why (for status and answers): each is served once
     *                {@link #adopt} brings it
     */
    public Daemon(List<Root> roots, java.util.Map<Path, String> waiting, String version, Clock clock) {
        if (roots.isEmpty() && waiting.isEmpty()) {
            throw new IllegalArgumentException("a daemon watches at least one root");
        }
        this.roots = new java.util.concurrent.CopyOnWriteArrayList<>(roots);
        this.waiting.putAll(waiting);
        this.version = version;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    public List<Root> roots() {
        return List.copyOf(roots);
    }

    /** The roots still waiting for another process to let go of them. */
    public java.util.Set<Path> waiting() {
        return java.util.Set.copyOf(waiting.keySet());
    }

    /** Stops waiting for a root another watch daemon has taken: that daemon keeps it. */
    public void giveUp(Path root) {
        waiting.remove(root);
    }

    /**
     * Says why a waiting root is still not watched (who holds it now, or why it cannot be opened).
     *
     * @return what it said before; null when the root is not waiting
     */
    public String stillWaiting(Path root, String why) {
        return waiting.replace(root, why);
    }

    /**
     * Serves a root that was waiting: it is searched from now on, and started (paused first when indexing
     * is paused here).
     *
     * @return false when the daemon is stopping: the root was not started, and its caller closes it
     */
    public boolean adopt(Root r) {
        synchronized (adoption) {
            if (stopping) {
                return false;
            }
            if (paused) {
                r.watched().pauseIndexing();
            }
            // out of the waiting list first: a status read between the two steps misses it for an instant
            // rather than listing it twice
            waiting.remove(r.watched().root());
            roots.add(r);
            r.watched().start();
            return true;
        }
    }

    /** Status reports the free space of {@code dataDir}, which runs keep {@code reserveBytes} of. */
    public Daemon reportingDisk(Path dataDir, long reserveBytes) {
        this.disk = () -> new dev.codeindex.api.DiskStatus(dataDir.toString(), DiskSpace.describe(dataDir),
                DiskSpace.usable(dataDir), reserveBytes);
        return this;
    }

    @Override
    public DaemonStatus status() {
        List<RootStatus> each = new ArrayList<>(roots.size());
        for (Root r : roots) {
            each.add(r.watched().status());
        }
        waiting.forEach((root, why) -> each.add(RootStatus.builder().root(root.toString())
                .state(RootState.DEGRADED, why).pending(-1)
                .describedAs(NOT_OPENED, "none (waiting for another process)").build()));
        Runtime rt = Runtime.getRuntime();
        return new DaemonStatus(RootState.overall(each.stream().map(RootStatus::state).toList()), version,
                clock.millis() - startedAt, startedAt, rt.totalMemory() - rt.freeMemory(), rt.maxMemory(), each,
                disk == null ? null : disk.get());
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
        // the roots share one embedder: its failure is said once, not once per root (their messages differ)
        List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());
        SearchAnswer a = over(request.root(), request.k(),
                s -> s.search(request.query(), request.k(), request.language(), request.pathGlob(), notes::add));
        return notes.isEmpty() ? a : a.withNotes(List.of(notes.get(0)));
    }

    /** The definitions of a name in every root with a semantic index (or the one named); errors as {@link #search}. */
    @Override
    public SearchAnswer findSymbol(SymbolRequest request) {
        return over(request.root(), request.k(), s -> s.findSymbol(request.name(), request.k(), request.kind()));
    }

    private SearchAnswer over(String root, int k, Function<Searcher, List<SearchHit>> ask) {
        List<Root> selected = roots(root);
        if (selected.isEmpty()) {
            throw new IllegalStateException("this daemon does not watch " + root);
        }
        return over(selected, root == null, k, "there is nothing to search", r -> ask.apply(r.searcher()));
    }

    /**
     * Hits of {@code ask} in each selected root with a semantic index, merged by score, with what the
     * answer leaves out: pending files, coverage, notes of roots whose directory is gone.
     *
     * @param everyRoot the request named no root: the roots still waiting for another process are named in notes
     * @param offline   what an offline daemon cannot do, for its message
     */
    private SearchAnswer over(List<Root> selected, boolean everyRoot, int k, String offline,
                              Function<Root, List<SearchHit>> ask) {
        Standing standing = standing(selected, everyRoot);
        List<SearchResult> hits = new ArrayList<>();
        boolean any = false;
        for (Root r : selected) {
            if (r.searcher() != null) {
                any = true;
                ask.apply(r).forEach(h -> hits.add(ApiViews.result(h, r.watched().root().toString())));
            }
        }
        if (!any) {
            throw new IllegalStateException("this daemon runs offline (analysis only): " + offline);
        }
        if (roots.size() > 1) {
            hits.sort(Comparator.comparingDouble(SearchResult::score).reversed());
        }
        return new SearchAnswer(hits.subList(0, Math.min(k, hits.size())), standing.pending(), standing.coverage(),
                standing.notes());
    }

    /** What an answer over some roots says besides its hits. */
    private record Standing(long pending, Coverage coverage, List<String> notes) {}

    /**
     * Pending files, the coverage of the roots with a semantic index, and notes of roots whose directory is
     * gone and, when the request named no root ({@code everyRoot}), of the roots still waiting for another process.
     */
    private Standing standing(List<Root> selected, boolean everyRoot) {
        long pending = 0;
        Coverage coverage = null;
        List<String> notes = new ArrayList<>();
        for (Root r : selected) {
            RootStatus status = r.watched().status();
            if (!java.nio.file.Files.isDirectory(r.watched().root())) { // deleted, moved away or unmounted
                notes.add(r.watched().root() + " does not exist: its hits name files that are gone (its index stays"
                        + " until the directory is back, or `codeindex forget` deletes it)");
            }
            long p = status.pending();
            pending = pending < 0 || p < 0 ? -1 : pending + p; // -1: a root does not know yet (its first scan)
            if (r.searcher() != null) {
                Coverage c = Coverage.of(status.totals(), p, !"idle".equals(status.phase()));
                coverage = coverage == null ? c : coverage.plus(c);
            }
        }
        if (everyRoot) { // say which roots are not searched yet
            waiting.forEach((root, why) -> notes.add(root + " is not searched yet: " + why));
        }
        return new Standing(pending, coverage, notes);
    }

    /**
     * The lines that use a name in every root (or the one named), root by root in the order served, each
     * root's files in the order {@link CodeLookup#references} gives; at most k in all.
     *
     * @throws IllegalArgumentException for a bad request, or a root not watched here
     */
    @Override
    public ReferencesAnswer references(ReferencesRequest request) {
        List<Root> selected = roots(request.root());
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("this daemon does not watch " + request.root());
        }
        String name = CodeLookup.referenceName(request.name()); // a name that is not one is refused before any root
        Standing standing = standing(selected, request.root() == null);
        ReferencesAnswer.Merged merged = new ReferencesAnswer.Merged(name, request.k(), new ArrayList<>(standing.notes()));
        RuntimeException failed = null;
        for (Root r : selected) {
            String root = r.watched().root().toString();
            int room = merged.room(root);
            if (room <= 0) {
                continue;
            }
            CodeLookup.References found;
            try {
                found = lookupOf(r).references(request.name(), room, request.language(), request.pathGlob());
            } catch (IllegalArgumentException e) {
                throw e; // the request is wrong for every root
            } catch (RuntimeException e) { // its directory gone, its store down: the other roots still answer
                failed = failed == null ? e : failed;
                merged.failed(root, e);
                continue;
            }
            merged.add(new ReferencesAnswer(name, found.references().stream().map(ref -> ref.withRoot(root)).toList(),
                    found.files(), found.candidates(), found.complete(), 0, null,
                    found.notes().stream().map(n -> root + ": " + n).toList()));
        }
        if (!merged.answered() && failed != null) {
            throw failed;
        }
        return ReferencesAnswer.behind(merged.answer(standing.pending(), standing.coverage()));
    }

    /**
     * The enclosing definition of a line, in the root the request names, else the one that holds an
     * absolute path, else the only root.
     *
     * @throws IllegalArgumentException for a root not watched here, a path outside the roots, or a bad line
     */
    @Override
    public ContextAnswer context(ContextRequest request) {
        return lookupOf(rootFor(request.root(), request.path())).context(request.path(), request.line());
    }

    /**
     * Like the chunk at a path's line (in the root chosen as for {@link #context}), or like a snippet
     * (in every root with a semantic index, or the one named; hits merged by score).
     *
     * @throws IllegalStateException when no selected root has a semantic index (offline daemon)
     */
    @Override
    public SimilarAnswer similar(SimilarRequest request) {
        boolean snippet = request.path() == null || request.path().isBlank();
        List<Root> selected = snippet ? roots(request.root()) : List.of(rootFor(request.root(), request.path()));
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("this daemon does not watch " + request.root());
        }
        ContextAnswer[] source = new ContextAnswer[1];
        SearchAnswer hits = over(selected, snippet && request.root() == null, request.k(), "finding similar code needs embeddings; run `codeindex watch`"
                + " without --offline", r -> {
                    CodeLookup.Similar found = lookupOf(r).similar(request.path(), request.line(), request.code(),
                            request.k());
                    source[0] = found.source();
                    return found.hits();
                });
        return SimilarAnswer.of(source[0], hits);
    }

    private static CodeLookup lookupOf(Root r) {
        if (r.lookup() == null) {
            throw new IllegalStateException("this daemon cannot show the code of " + r.watched().root());
        }
        return r.lookup();
    }

    private Root rootFor(String root, String path) {
        List<Root> candidates = roots(root);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("this daemon does not watch " + root);
        }
        if (candidates.size() > 1 && path != null) {
            List<Root> holding = candidates.stream().filter(r -> r.lookup() != null && r.lookup().holds(path)
                    && Path.of(path).isAbsolute()).toList();
            if (holding.isEmpty() && !Path.of(path).isAbsolute()) {
                // a relative path that names a file in one root only: that root
                holding = candidates.stream().filter(r -> {
                    try {
                        return java.nio.file.Files.isRegularFile(r.watched().root().resolve(path));
                    } catch (java.nio.file.InvalidPathException e) {
                        return false;
                    }
                }).toList();
                if (holding.size() != 1) {
                    throw new IllegalArgumentException("this daemon watches " + candidates.size() + " roots ("
                            + names(candidates) + ") and " + (holding.isEmpty() ? "none" : holding.size())
                            + " of them hold " + path + ": give an absolute path, or name the root (`root` of the"
                            + " MCP tools, root= over HTTP)");
                }
            }
            if (holding.isEmpty()) {
                throw new IllegalArgumentException("path '" + path + "' lies outside every root this daemon watches: "
                        + names(candidates));
            }
            // the deepest root that holds the path (a root may lie inside another)
            candidates = List.of(holding.stream()
                    .max(Comparator.comparingInt(r -> r.watched().root().getNameCount())).orElseThrow());
        }
        return candidates.get(0);
    }

    /** "ROOT is not watched yet: why" for each root still waiting, or "" when none is. */
    private String notWatchedYet() {
        List<String> each = new ArrayList<>();
        waiting.forEach((root, why) -> each.add(notWatchedYet(root.toString(), why)));
        return String.join("; ", each);
    }

    private static String notWatchedYet(String root, String why) {
        return root + " is not watched yet: " + why;
    }

    private static String names(List<Root> roots) {
        return String.join(", ", roots.stream().map(r -> r.watched().root().toString()).toList());
    }

    /**
     * Every root when {@code onlyRoot} is null, else the one it means: its path, a path inside it, or its
     * directory name.
     *
     * @throws IllegalArgumentException naming the roots watched when it means none
     * @throws IllegalStateException    when it means a root still waiting for another process, or when no
     *                                  root is served
     */
    List<Root> roots(String onlyRoot) {
        List<Root> now = List.copyOf(roots);
        if (onlyRoot == null) {
            if (now.isEmpty()) { // all waiting, or given up to another watch daemon
                throw new IllegalStateException(waiting.isEmpty()
                        ? "this daemon watches no root: another watch daemon took the ones it waited for"
                        : notWatchedYet());
            }
            return now;
        }
        List<String> names = new ArrayList<>(now.stream().map(r -> r.watched().root().toString()).toList());
        waiting.keySet().forEach(p -> names.add(p.toString()));
        String meant = RootChoice.pick(onlyRoot, names, null);
        String why = meant == null ? null : waiting.get(Path.of(meant));
        if (why != null) {
            throw new IllegalStateException(notWatchedYet(meant, why));
        }
        return now.stream().filter(r -> r.watched().root().toString().equals(meant)).toList();
    }

    /**
     * @throws IllegalStateException at once when indexing is paused in a root: nothing would be indexed
     *                               before a resume, so waiting could only time out
     */
    @Override
    public boolean sync(long timeoutMillis) throws InterruptedException {
        if (!waiting.isEmpty()) {
            throw new IllegalStateException(notWatchedYet());
        }
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
        if (root != null && targets.size() == 1) {
            // root= may name a directory inside the root: path is relative to it, and without path it is the
            // directory to go over
            Path base = targets.get(0).watched().root();
            Path named = Path.of(root);
            if (named.isAbsolute() && !named.normalize().equals(base) && named.normalize().startsWith(base)) {
                String sub = base.relativize(named.normalize()).toString();
                path = path == null ? sub : Path.of(path).isAbsolute() ? path : sub + "/" + path;
            }
        }
        if (path == null) {
            targets.forEach(r -> r.watched().requestRescan(Rescan.requested(REQUESTED)));
            return new ReindexAnswer(true, null, names);
        }
        if (targets.size() > 1) {
            throw new IllegalArgumentException("this daemon watches " + targets.size() + " roots (" + names(targets)
                    + "): name the one of path (`root` of the MCP tools, root= over HTTP)");
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
        synchronized (adoption) {
            paused = true;
            roots.forEach(r -> r.watched().pauseIndexing());
        }
    }

    @Override
    public void resumeIndexing() {
        synchronized (adoption) {
            paused = false;
            roots.forEach(r -> r.watched().resumeIndexing());
        }
    }

    /** Stops every root: each finishes or abandons its batch in flight and commits. */
    public boolean stop(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean clean = true;
        synchronized (adoption) {
            stopping = true;
        }
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
