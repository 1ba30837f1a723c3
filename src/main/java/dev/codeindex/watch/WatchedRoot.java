package dev.codeindex.watch;

import dev.codeindex.index.IndexRun;
import dev.codeindex.index.IndexSummary;
import dev.codeindex.index.ProgressListener;
import dev.codeindex.manifest.Checkpoint;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import dev.codeindex.watch.RootStatus.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one root's index current: arms the watcher, runs the initial pass (which also finds what
 * changed while the daemon was down), then applies debounced change sets as passes over the
 * changed paths, with a periodic stat-only rescan as the safety net.
 *
 * <p>Failures never lose work: when the store or the embedder is down, the change set goes back to
 * the queue, the root reports {@code degraded} with the reason, and the pass is retried with
 * exponential backoff; the manifest only ever records what the store holds. When the tree cannot
 * be watched (inotify limit, a watcher that died) the root is {@code degraded} and rescans on a
 * timer, re-arming the watcher each time.
 *
 * <p>Threading: one thread of its own runs every pass, so the manifest has a single writer;
 * {@link #status()} and {@link #sync} may be called from any thread.
 */
public final class WatchedRoot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatchedRoot.class);

    /** Makes the index passes of this root; each pass runs once. */
    @FunctionalInterface
    public interface Passes {
        IndexRun pass(ProgressListener progress, BooleanSupplier stop);
    }

    private final Path root;
    private final Walker walker;
    private final Manifest manifest;
    private final Passes passes;
    private final WatchSettings settings;
    private final Clock clock;
    private final ChangeQueue queue;
    private final Thread thread;
    private final String cookieTag = ProcessHandle.current().pid() + "-";
    private final AtomicLong cookies = new AtomicLong();
    private final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    private volatile boolean stop;
    private volatile TreeWatcher watcher;
    private volatile String watchProblem;
    private volatile String failure;
    private volatile boolean initialDone;
    private volatile String phase = "idle";
    private volatile long progressDone;
    private volatile long progressTotal;
    private volatile long passCount;
    private volatile long rescanCount;
    private volatile long filesIndexed;
    private volatile long chunksEmbedded;
    private volatile double filesPerSec;
    private volatile String lastError;
    private volatile long lastErrorAt;
    private volatile long lastPassAt;
    private volatile Map<String, Long> totals = Map.of();
    private volatile long manifestPending;
    private volatile Checkpoint checkpoint = Checkpoint.NONE;
    private final RecentPasses recent = new RecentPasses();

    public WatchedRoot(Path root, Walker walker, Manifest manifest, Passes passes, WatchSettings settings, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.walker = walker;
        this.manifest = manifest;
        this.passes = passes;
        this.settings = settings;
        this.clock = clock;
        this.queue = new ChangeQueue(settings.quietMillis(), settings.maxDelayMillis(), settings.maxPaths());
        this.thread = new Thread(this::loop, "index-" + this.root.getFileName());
        this.checkpoint = manifest.checkpoint();
        this.totals = new TreeMap<>(manifest.totals());
    }

    public Path root() {
        return root;
    }

    /** Arms the watcher and starts the initial pass on the root's thread. */
    public void start() {
        thread.start();
    }

    /** Asks for a full rescan (lost events, a user's request). */
    public void requestRescan(String reason) {
        queue.requestRescan(reason);
    }

    /**
     * Asks for a pass over one path, relative to the root and '/'-separated (a directory: everything
     * under it), as if the watcher had reported it changed. The caller checks the path stays inside.
     */
    public void requestPath(String relPath) {
        queue.mark(relPath);
    }

    /**
     * Completes once everything written to the tree before this call is in the index: writes a
     * cookie file, waits for the watcher to report it (so every earlier event has been marked), and
     * for the pass that applies those marks. Without a working watcher, a full rescan is the barrier.
     */
    public CompletableFuture<Void> sync() {
        long id = cookies.incrementAndGet();
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.put(id, done);
        TreeWatcher w = watcher;
        Path cookie = cookiePath(id);
        boolean written = false;
        if (w != null && w.alive()) {
            try {
                Files.writeString(cookie, "");
                written = true;
            } catch (IOException e) {
                log.debug("cannot write the sync cookie {}: {}; rescanning instead", cookie, e.getMessage());
            }
        }
        if (!written) {
            queue.requestRescan("sync without a watcher");
            queue.addCookie(id);
        }
        return done;
    }

    private Path cookiePath(long id) {
        return root.resolve(WalkOptions.COOKIE_PREFIX + cookieTag + id);
    }

    private void cookieSeen(String suffix) {
        if (suffix.startsWith(cookieTag)) {
            try {
                queue.addCookie(Long.parseLong(suffix.substring(cookieTag.length())));
            } catch (NumberFormatException notOurs) {
                log.debug("cookie {} is not one of ours", suffix);
            }
        }
    }

    public RootStatus status() {
        TreeWatcher w = watcher;
        State state = state();
        return new RootStatus(root.toString(), state, state == State.DEGRADED ? reason() : null,
                initialDone && failure == null, w != null && w.alive(), totals, manifestPending + queue.depth(),
                queue.depth(), phase, progressDone, progressTotal, passCount, rescanCount, filesIndexed,
                chunksEmbedded, filesPerSec, lastError, lastErrorAt, lastPassAt, checkpoint, recent.snapshot());
    }

    private String reason() {
        if (failure != null) {
            return failure;
        }
        return watchProblem();
    }

    /** Why the tree is not (fully) watched, or null. */
    private String watchProblem() {
        if (watchProblem != null) {
            return watchProblem;
        }
        TreeWatcher w = watcher;
        String p = w == null ? null : w.problem();
        return p == null ? null : p + ": rescanning every " + settings.unwatchedMillis() / 1000 + " s";
    }

    /** The watcher in use, or null; for tests that report events through it. */
    TreeWatcher watcher() {
        return watcher;
    }

    private void loop() {
        arm();
        long backoff = settings.minBackoffMillis();
        long rescanBackoff = settings.minBackoffMillis();
        long lastRescanEnd = Long.MIN_VALUE / 2;
        long nextRescan = clock.millis() + interval();
        ChangeQueue.ChangeSet set = new ChangeQueue.ChangeSet(java.util.Set.of(), "initial pass", java.util.List.of());
        while (!stop) {
            if (set.isEmpty()) {
                try {
                    set = queue.take(Math.max(1, nextRescan - clock.millis()));
                } catch (InterruptedException e) {
                    break;
                }
                if (stop) {
                    break;
                }
                if (set.isEmpty()) {
                    set = new ChangeQueue.ChangeSet(java.util.Set.of(), "periodic rescan", java.util.List.of());
                }
            }
            TreeWatcher w = watcher;
            boolean retryLimit = w != null && w.problem() != null && "periodic rescan".equals(set.rescanReason());
            if (w == null || !w.alive() || w.rulesChanged() || retryLimit) {
                String why = w == null ? null : !w.alive() ? "the watcher stopped: " + w.failure()
                        : retryLimit ? "part of the tree was not watched (" + w.problem() + ")" : "ignore rules changed";
                if (why != null) {
                    log.info("{}: {}; re-arming the watcher", root, why);
                }
                arm();
                if (!set.rescan()) {
                    set = new ChangeQueue.ChangeSet(set.paths(), "watcher re-armed", set.cookies());
                }
            }
            if (set.rescan() && initialDone && !set.rescanReason().equals("periodic rescan")
                    && clock.millis() - lastRescanEnd < rescanBackoff) {
                // rescans that keep being triggered (a flood of lost events) wait, longer each time
                if (!sleep(rescanBackoff)) {
                    break;
                }
                rescanBackoff = Math.min(rescanBackoff * 2, settings.maxBackoffMillis());
            } else if (set.rescan() && clock.millis() - lastRescanEnd > settings.maxBackoffMillis()) {
                rescanBackoff = settings.minBackoffMillis();
            }
            if (apply(set)) {
                if (!stop) {
                    finishCookies(set);
                }
                backoff = settings.minBackoffMillis();
                if (set.rescan()) {
                    lastRescanEnd = clock.millis();
                    nextRescan = lastRescanEnd + interval();
                }
                set = new ChangeQueue.ChangeSet(java.util.Set.of(), null, java.util.List.of());
            } else if (!stop) {
                queue.putBack(set);
                set = new ChangeQueue.ChangeSet(java.util.Set.of(), null, java.util.List.of());
                log.warn("{}: pass failed ({}); retrying in {} ms", root, failure, backoff);
                if (!sleep(backoff)) {
                    break;
                }
                backoff = Math.min(backoff * 2, settings.maxBackoffMillis());
            }
        }
        phase = "idle";
    }

    private long interval() {
        return watchProblem() != null ? settings.unwatchedMillis() : settings.rescanMillis();
    }

    /** (Re-)arms the watcher; on failure the root runs on timed rescans and says why. */
    private void arm() {
        TreeWatcher old = watcher;
        watcher = null;
        if (old != null) {
            old.close();
        }
        try {
            watcher = new TreeWatcher(root, walker, queue, this::cookieSeen);
            watchProblem = null;
        } catch (IOException | RuntimeException e) {
            watchProblem = "cannot watch the tree (" + TreeWatcher.describe(e) + "): rescanning every "
                    + settings.unwatchedMillis() / 1000 + " s";
            log.warn("{}: {}", root, watchProblem);
        }
    }

    private State state() {
        if (failure != null || watchProblem() != null) {
            return State.DEGRADED;
        }
        if (!initialDone) {
            return State.SCANNING;
        }
        return phase.equals("idle") ? State.WATCHING : State.INDEXING;
    }

    /** Runs one pass; true when it completed (or was stopped), false when it failed and must be retried. */
    private boolean apply(ChangeQueue.ChangeSet set) {
        long t0 = clock.millis();
        phase = "scan";
        ProgressListener progress = new ProgressListener() {
            @Override
            public void phase(String name, long total) {
                phase = name;
                progressDone = 0;
                progressTotal = total;
            }

            @Override
            public void progress(long done, String detail) {
                progressDone = done;
            }
        };
        try {
            IndexRun run = passes.pass(progress, () -> stop);
            IndexSummary s = set.rescan() ? run.run() : run.runPaths(set.paths());
            if (set.rescan()) {
                rescanCount++;
            }
            passCount++;
            filesIndexed += s.indexed();
            chunksEmbedded += s.chunksEmbedded();
            if (s.indexed() > 0 && s.durationMs() > 0) {
                filesPerSec = s.indexed() * 1000.0 / s.durationMs();
            }
            recent.add(clock.millis(), set.paths(), set.rescanReason(), s.indexed(), s.deleted(), s.moved(),
                    s.chunksEmbedded(), s.durationMs());
            if (s.indexed() + s.deleted() + s.moved() > 0) {
                log.info("{}: {} indexed, {} moved, {} deleted, {} chunks embedded in {} ms{}", root, s.indexed(),
                        s.moved(), s.deleted(), s.chunksEmbedded(), s.durationMs(),
                        set.rescan() ? " (" + set.rescanReason() + ")" : "");
            }
            failure = null;
            if (!stop) {
                initialDone = true;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            lastError = failure;
            lastErrorAt = clock.millis();
            if (!(e instanceof dev.codeindex.store.StoreUnavailableException
                    || e instanceof dev.codeindex.embed.EmbedderUnavailableException)) {
                log.error("{}: pass failed", root, e);
            }
            try {
                manifest.rollback();
            } catch (RuntimeException rollbackFailure) {
                log.debug("rollback after a failed pass: {}", rollbackFailure.getMessage());
            }
            return false;
        } finally {
            phase = "idle";
            lastPassAt = clock.millis();
            snapshot();
            log.debug("{}: pass over {} took {} ms", root, set.rescan() ? "the tree" : set.paths().size() + " paths",
                    clock.millis() - t0);
        }
    }

    private void snapshot() {
        try {
            totals = new TreeMap<>(manifest.totals());
            manifestPending = manifest.pendingCount() + manifest.goneCount();
            checkpoint = manifest.checkpoint();
        } catch (RuntimeException e) {
            log.debug("status snapshot: {}", e.getMessage());
        }
    }

    private void finishCookies(ChangeQueue.ChangeSet set) {
        for (long id : set.cookies()) {
            CompletableFuture<Void> f = waiting.remove(id);
            try {
                Files.deleteIfExists(cookiePath(id));
            } catch (IOException e) {
                log.debug("cannot delete the sync cookie {}: {}", cookiePath(id), e.getMessage());
            }
            if (f != null) {
                f.complete(null);
            }
        }
    }

    private boolean sleep(long millis) {
        try {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (!stop) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                synchronized (this) {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
            return false;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * Stops watching, lets the pass in flight finish its batch (the manifest commits it with a clean
     * checkpoint) and waits for the root's thread up to {@code timeoutMillis}.
     *
     * @return false when the thread was still busy at the deadline
     */
    public boolean stop(long timeoutMillis) throws InterruptedException {
        signalStop();
        thread.join(timeoutMillis);
        for (CompletableFuture<Void> f : waiting.values()) {
            f.completeExceptionally(new TimeoutException("the daemon is stopping"));
        }
        return !thread.isAlive();
    }

    /** Asks the root to stop without waiting: the pass in flight ends after its batch. */
    public void signalStop() {
        stop = true;
        queue.close();
        synchronized (this) {
            notifyAll();
        }
        TreeWatcher w = watcher;
        if (w != null) {
            w.close();
        }
    }

    @Override
    public void close() {
        try {
            stop(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
