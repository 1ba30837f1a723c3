package dev.codeindex.testing;

import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.ContextRequest;
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
import dev.codeindex.embed.http.Sleeper;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link DaemonApi} with nothing behind it: it answers what the test set, records what it was asked,
 * and fails on request. For testing what talks to a daemon (the HTTP server, the CLI) without an
 * index, a store or a watcher.
 *
 * <p>Defaults: one ready, watching root {@code /fake/root}; no search hits; sync succeeds at once;
 * reindex schedules what it was asked (a rescan without a path) in the roots of the current status.
 *
 * <p>Threading: knobs may be set from the test thread while server threads call the daemon; every
 * call sees the latest setting, and the records are safe to read at any time.
 */
public final class FakeDaemon implements DaemonApi {
    /** One {@link #reindex} call, with its arguments exactly as they arrived. */
    public record ReindexCall(String root, String path) {}

    private volatile DaemonStatus status = statusOf(RootStatus.builder().root("/fake/root")
            .state(RootState.WATCHING, null).ready(true).watcherAlive(true).build());
    private volatile SearchAnswer searchAnswer = new SearchAnswer(List.of(), 0);
    private volatile RuntimeException searchFailure;
    private volatile RuntimeException reindexFailure;
    private volatile boolean syncSucceeds = true;
    private volatile boolean syncBlocks;
    private volatile Duration latency = Duration.ZERO;
    private volatile Sleeper sleeper = new FakeSleeper();
    private volatile ContextAnswer contextAnswer = new ContextAnswer("/fake/root", "Fake.java", 1, 1, 1, "Fake", "class",
            "java", "class Fake {}", true, null);
    private volatile RuntimeException contextFailure;
    private final List<ContextRequest> contexts = new CopyOnWriteArrayList<>();
    private final List<SimilarRequest> similars = new CopyOnWriteArrayList<>();
    private final List<SearchRequest> searches = new CopyOnWriteArrayList<>();
    private final List<SymbolRequest> symbolLookups = new CopyOnWriteArrayList<>();
    private final List<ReferencesRequest> referenceLookups = new CopyOnWriteArrayList<>();
    private volatile ReferencesAnswer referencesAnswer = new ReferencesAnswer("", List.of(), 0, 0, true, 0, null, List.of());
    private final List<ReindexCall> reindexes = new CopyOnWriteArrayList<>();
    private final List<Long> syncs = new CopyOnWriteArrayList<>();
    private volatile boolean paused;

    /** A daemon status over {@code roots}, its overall state derived as the real daemon derives it. */
    public static DaemonStatus statusOf(RootStatus... roots) {
        return new DaemonStatus(RootState.overall(Arrays.stream(roots).map(RootStatus::state).toList()), "fake-version",
                65_000, 1_700_000_000_000L, 64L << 20, 512L << 20, List.of(roots));
    }

    /** Answers {@link #status()} with {@code s} from now on. */
    public FakeDaemon status(DaemonStatus s) {
        status = s;
        return this;
    }

    /** Shorthand for {@code status(statusOf(roots))}. */
    public FakeDaemon roots(RootStatus... roots) {
        return status(statusOf(roots));
    }

    /** Answers every search and symbol look-up with {@code answer}. */
    public FakeDaemon searchAnswers(SearchAnswer answer) {
        searchAnswer = answer;
        searchFailure = null;
        return this;
    }

    /** Answers every references look-up with {@code answer} (failing as {@link #searchFails} set). */
    public FakeDaemon referencesAnswers(ReferencesAnswer answer) {
        referencesAnswer = answer;
        return this;
    }

    /** The references look-ups received, in order. */
    public List<ReferencesRequest> referenceLookups() {
        return List.copyOf(referenceLookups);
    }

    /**
     * Throws {@code failure} from every search and symbol look-up: {@link IllegalArgumentException} as for a bad glob or
     * k, {@link IllegalStateException} as in an offline daemon, anything else as a bug would.
     */
    public FakeDaemon searchFails(RuntimeException failure) {
        searchFailure = failure;
        return this;
    }

    /** Answers every context request with {@code answer}. */
    public FakeDaemon contextAnswers(ContextAnswer answer) {
        contextAnswer = answer;
        contextFailure = null;
        return this;
    }

    /** Throws {@code failure} from every context request: {@link IllegalArgumentException} as for a path outside the root. */
    public FakeDaemon contextFails(RuntimeException failure) {
        contextFailure = failure;
        return this;
    }

    /** The similar-code requests asked so far, oldest first. */
    public List<SimilarRequest> similars() {
        return List.copyOf(similars);
    }

    /** The context requests asked so far, oldest first. */
    public List<ContextRequest> contexts() {
        return List.copyOf(contexts);
    }

    /** Throws {@code failure} from every reindex, as the real daemon does for a path outside the root. */
    public FakeDaemon reindexFails(RuntimeException failure) {
        reindexFailure = failure;
        return this;
    }

    /** Sync answers {@code result} at once. */
    public FakeDaemon syncs(boolean result) {
        syncSucceeds = result;
        syncBlocks = false;
        return this;
    }

    /**
     * Sync never completes: it waits out its whole timeout (through the {@link #latency} sleeper, so
     * a test with a {@link FakeSleeper} does not wait) and answers false.
     */
    public FakeDaemon syncNeverCompletes() {
        syncBlocks = true;
        return this;
    }

    /** Every call first waits this long through {@code sleeper}, as a busy daemon might. */
    public FakeDaemon latency(Duration d, Sleeper sleeper) {
        latency = d;
        this.sleeper = sleeper;
        return this;
    }

    /** The symbol look-ups asked so far, oldest first. */
    public List<SymbolRequest> symbolLookups() {
        return List.copyOf(symbolLookups);
    }

    /** The searches asked so far, oldest first. */
    public List<SearchRequest> searches() {
        return List.copyOf(searches);
    }

    /** The reindex calls so far, oldest first. */
    public List<ReindexCall> reindexes() {
        return List.copyOf(reindexes);
    }

    /** The timeouts sync was called with so far, oldest first. */
    public List<Long> syncTimeouts() {
        return List.copyOf(syncs);
    }

    @Override
    public DaemonStatus status() {
        pause();
        return status;
    }

    @Override
    public SearchAnswer search(SearchRequest request) {
        pause();
        searches.add(request);
        return cannedAnswer();
    }

    /** Answers as {@link #search} does: with the canned answer, or the failure {@link #searchFails} set. */
    @Override
    public SearchAnswer findSymbol(SymbolRequest request) {
        pause();
        symbolLookups.add(request);
        return cannedAnswer();
    }

    /** The canned references answer, or the failure {@link #searchFails} set. */
    @Override
    public ReferencesAnswer references(ReferencesRequest request) {
        pause();
        referenceLookups.add(request);
        RuntimeException failure = searchFailure;
        if (failure != null) {
            throw failure;
        }
        return referencesAnswer;
    }

    /** The canned search answer, or the failure {@link #searchFails} set. */
    private SearchAnswer cannedAnswer() {
        RuntimeException failure = searchFailure;
        if (failure != null) {
            throw failure;
        }
        return searchAnswer;
    }

    @Override
    public ContextAnswer context(ContextRequest request) {
        pause();
        contexts.add(request);
        RuntimeException failure = contextFailure;
        if (failure != null) {
            throw failure;
        }
        return contextAnswer;
    }

    /**
     * Answers with the canned search hits (or its failure, as {@link #searchFails} set), and as source
     * the request's path and line (none for a snippet).
     */
    @Override
    public SimilarAnswer similar(SimilarRequest request) {
        pause();
        similars.add(request);
        SearchAnswer hits = cannedAnswer();
        return request.path() == null ? SimilarAnswer.ofSnippet(hits)
                : new SimilarAnswer(request.path(), request.line(), request.line(), "", hits);
    }

    @Override
    public boolean sync(long timeoutMillis) throws InterruptedException {
        pause();
        syncs.add(timeoutMillis);
        if (syncBlocks) {
            sleeper.sleep(Duration.ofMillis(timeoutMillis));
            return false;
        }
        return syncSucceeds;
    }

    @Override
    public ReindexAnswer reindex(String root, String path) {
        pause();
        reindexes.add(new ReindexCall(root, path));
        RuntimeException failure = reindexFailure;
        if (failure != null) {
            throw failure;
        }
        List<String> roots = root != null ? List.of(root)
                : status.roots().stream().map(RootStatus::root).toList();
        return new ReindexAnswer(path == null, path, roots);
    }

    /** Records the pause; the status the test set is not changed. */
    @Override
    public void pauseIndexing() {
        paused = true;
    }

    @Override
    public void resumeIndexing() {
        paused = false;
    }

    /** Whether the last of pauseIndexing and resumeIndexing was a pause. */
    public boolean paused() {
        return paused;
    }

    private void pause() {
        Duration d = latency;
        if (!d.isZero()) {
            try {
                sleeper.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the call goes on; the caller sees the flag
            }
        }
    }
}
