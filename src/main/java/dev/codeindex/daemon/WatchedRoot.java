package dev.codeindex.daemon;

import dev.codeindex.api.RootStatus;
import dev.codeindex.index.Indexer;
import dev.codeindex.watch.ChangeQueue;
import dev.codeindex.watch.Rescan;
import dev.codeindex.watch.TreeWatch;
import dev.codeindex.watch.TreeWatchFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

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
 * <p>The parts: {@link ChangeQueue} (debounced dirty paths), {@link WatcherSupervisor} (arm, re-arm,
 * problem), {@link SyncBarrier} (cookies), {@link StatusTracker} (status), {@link RootLoop} (take,
 * apply, back off). This class gives them a thread and a lifecycle.
 *
 * <p>Threading: one thread of its own runs every pass, so the manifest has a single writer;
 * {@link #status()}, {@link #sync}, {@link #requestRescan} and {@link #requestPath} may be called
 * from any thread.
 */
public final class WatchedRoot implements AutoCloseable {
    private final Path root;
    private final ChangeQueue queue;
    private final WatcherSupervisor watchers;
    private final SyncBarrier barrier;
    private final StatusTracker status;
    private final StopSignal stop = new StopSignal();
    private final RootLoop loop;
    private final Thread thread;

    private WatchedRoot(Builder b) {
        this.root = b.root.toAbsolutePath().normalize();
        WatchSettings s = b.settings;
        this.queue = new ChangeQueue(s.quietMillis(), s.maxDelayMillis(), s.maxPaths());
        this.barrier = new SyncBarrier(root, queue);
        this.watchers = new WatcherSupervisor(root, b.watchers, queue, barrier::cookieSeen, s.unwatchedMillis());
        this.status = new StatusTracker(root.toString(), b.store, b.embedder, b.indexer::state,
                b.indexer::committedState, b.clock::millis);
        this.loop = new RootLoop(root, queue, b.indexer, watchers, barrier, status, s, b.clock,
                b.pause != null ? b.pause : stop, stop, b.afterInitialPass);
        this.loop.onFatal(b.onFatal);
        this.thread = new Thread(loop::run, "index-" + root.getFileName());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path root() {
        return root;
    }

    /** Arms the watcher and starts the initial pass on the root's thread. */
    public void start() {
        thread.start();
    }

    /** Asks for a full rescan (lost events, a user's request). */
    public void requestRescan(Rescan why) {
        queue.requestRescan(why);
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
        return barrier.sync(watchers.alive());
    }

    public RootStatus status() {
        return status.snapshot(queue.depth(), queue.pendingFiles(), watchers.alive(), watchers.problem(), stop.held());
    }

    /**
     * Pauses indexing: the pass in flight stops at its next batch boundary (committed, with a clean
     * checkpoint) and no other starts; the watcher keeps collecting changed paths. Idempotent.
     */
    public void pauseIndexing() {
        stop.hold();
    }

    /** Goes on after {@link #pauseIndexing}: everything collected meanwhile is applied. Idempotent. */
    public void resumeIndexing() {
        stop.release();
    }

    public boolean paused() {
        return stop.held();
    }

    /**
     * Runs one step of the root's loop on the caller's thread, for a root that was not {@link #start}ed:
     * tests step the loop with a fake clock instead of waiting for its thread.
     *
     * @return false once the root is stopped
     */
    boolean step() {
        return loop.step();
    }

    /** The watch in use, or null; for tests that report events through it. */
    TreeWatch watcher() {
        return watchers.current();
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
        barrier.failAll(new TimeoutException("the daemon is stopping"));
        return !thread.isAlive();
    }

    /** Asks the root to stop without waiting: the pass in flight ends after its batch. */
    public void signalStop() {
        stop.stop();
        queue.close();
        watchers.close();
    }

    @Override
    public void close() {
        try {
            stop(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names the parts of a root; all but the pause are required. */
    public static final class Builder {
        private Path root;
        private Indexer indexer;
        private TreeWatchFactory watchers;
        private WatchSettings settings = WatchSettings.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private Pause pause;
        private String store = "none (offline)";
        private String embedder = "none (offline)";
        private Runnable afterInitialPass = () -> { };
        private java.util.function.Consumer<Throwable> onFatal = e -> { };

        private Builder() {}

        public Builder root(Path v) { root = v; return this; }
        public Builder indexer(Indexer v) { indexer = v; return this; }
        public Builder watchers(TreeWatchFactory v) { watchers = v; return this; }
        public Builder settings(WatchSettings v) { settings = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        /** How the loop waits between retries; by default the wall clock, cut short by a stop. */
        public Builder pause(Pause v) { pause = v; return this; }
        /**
         * Runs once on the root's thread after its initial pass completes (loading a model that pass
         * did not need, so the first search does not wait for it); a failure is logged, nothing else.
         */
        public Builder afterInitialPass(Runnable v) { afterInitialPass = java.util.Objects.requireNonNull(v); return this; }
        /**
         * Told, on the root's thread, of an error that stopped the root's loop after which the process cannot
         * be trusted to go on (out of memory, a fault on a mapped file, also when a worker's failure wraps it):
         * a daemon exits so that it starts clean. By default the root only reports itself degraded.
         */
        public Builder onFatal(java.util.function.Consumer<Throwable> v) { onFatal = java.util.Objects.requireNonNull(v); return this; }
        /** What {@code /status} says of the store and the embedder; never a secret. */
        public Builder describedAs(String storeText, String embedderText) {
            store = storeText;
            embedder = embedderText;
            return this;
        }

        public WatchedRoot build() {
            if (root == null || indexer == null || watchers == null) {
                throw new IllegalStateException("a watched root needs its root, indexer and watchers");
            }
            return new WatchedRoot(this);
        }
    }
}
