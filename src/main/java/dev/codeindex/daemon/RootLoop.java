package dev.codeindex.daemon;

import dev.codeindex.embed.EmbedderUnavailableException;
import dev.codeindex.index.Indexer;
import dev.codeindex.index.IndexSummary;
import dev.codeindex.store.StoreUnavailableException;
import dev.codeindex.util.DiskSpace;
import dev.codeindex.watch.ChangeQueue;
import dev.codeindex.watch.ChangeSet;
import dev.codeindex.watch.Rescan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One root's work loop: take a change set from the queue (or the periodic rescan when the timer is
 * due), make sure the tree is watched, apply the set as a pass, and on failure put the set back and
 * wait, longer each time. Rescans that keep being triggered (a flood of lost events) wait too.
 *
 * <p>Paused (the root's {@link StopSignal} held), the pass in flight stops at its next batch boundary
 * and its change set goes back to the queue, where the watcher keeps adding to it; the loop waits
 * for the release and then goes on with everything at once.
 *
 * <p>A loop can be stepped: its thread calls {@link #step()} until it returns false; tests call it
 * directly, with a fake clock and pause.
 *
 * <p>Threading: one thread only (the root's), which makes it the manifest's single writer.
 */
final class RootLoop {
    private static final Logger log = LoggerFactory.getLogger(RootLoop.class);

    private final Path root;
    private final ChangeQueue queue;
    private final Indexer indexer;
    private final WatcherSupervisor watchers;
    private final SyncBarrier barrier;
    private final StatusTracker status;
    private final WatchSettings settings;
    private final Clock clock;
    private final Pause pause;
    private final StopSignal stop;
    private final Backoff retry;
    private final Backoff rescans;
    private long lastRescanEnd = Long.MIN_VALUE / 2;
    private long nextRescan;
    private ChangeSet set = ChangeSet.rescanOnly(Rescan.initial());
    private boolean started;
    /** Null once run. */
    private Runnable afterInitialPass;
    /** The failure the last retry was logged for: the same one is not logged again at every retry. */
    private String lastRetried;
    /** Told of an Error that ended the loop: the process is in no state to go on (out of memory, a mapped-file fault). */
    private java.util.function.Consumer<Throwable> onFatal = e -> { };

    RootLoop(Path root, ChangeQueue queue, Indexer indexer, WatcherSupervisor watchers, SyncBarrier barrier,
             StatusTracker status, WatchSettings settings, Clock clock, Pause pause, StopSignal stop,
             Runnable afterInitialPass) {
        this.afterInitialPass = afterInitialPass;
        this.root = root;
        this.queue = queue;
        this.indexer = indexer;
        this.watchers = watchers;
        this.barrier = barrier;
        this.status = status;
        this.settings = settings;
        this.clock = clock;
        this.pause = pause;
        this.stop = stop;
        this.retry = new Backoff(settings.minBackoffMillis(), settings.maxBackoffMillis());
        this.rescans = new Backoff(settings.minBackoffMillis(), settings.maxBackoffMillis());
    }

    /**
     * The error in {@code e} or its causes after which this process cannot be trusted to go on: out of
     * memory, or the JVM's fault on a memory-mapped file (a page that could not be backed). A worker's
     * failure reaches the loop wrapped. Other errors (a parser's stack overflow on one file, say) stop
     * this root only, as before: exiting for them would make a service restart into the same error.
     */
    static Throwable fatal(Throwable e) {
        return dev.codeindex.util.Causes.find(e, c -> c instanceof OutOfMemoryError || c instanceof InternalError);
    }

    void onFatal(java.util.function.Consumer<Throwable> handler) {
        onFatal = java.util.Objects.requireNonNull(handler);
    }

    /**
     * Runs until the root stops. A failure outside a pass (a watcher that cannot be closed, a queue
     * error) ends the loop; the root then reports {@code degraded} with the reason instead of going
     * on claiming its last state while nothing runs.
     */
    void run() {
        try {
            while (step()) {
                // each step applies at most one change set
            }
        } catch (RuntimeException | Error e) {
            Throwable fatal = fatal(e);
            if (fatal != null) { // first: whatever follows may fail the same way
                onFatal.accept(fatal);
            }
            String message = "the root's loop stopped: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
            log.error("{}: {}", root, message, e);
            failed(set, message);
        } finally {
            watchers.close(); // a watch armed while a stop was closing the old one is closed here
            status.stopped();
        }
    }

    /**
     * Takes and applies at most one change set (the first step arms the watcher and runs the initial
     * pass). Returns false when the loop is over: the root stopped.
     */
    boolean step() {
        if (!started) {
            started = true;
            watchers.arm(); // before the initial scan, so edits made during it are caught
            nextRescan = clock.millis() + interval();
        }
        if (stop.stopped()) {
            return false;
        }
        if (stop.held()) {
            // paused: what is to do waits in the queue, where it counts as pending, and the watcher
            // keeps adding to it; nothing is applied until a release (or a stop)
            if (!set.isEmpty()) {
                queue.putBackUnapplied(set);
                set = ChangeSet.EMPTY;
            }
            return stop.awaitRelease();
        }
        if (set.isEmpty() && queue.depth() == 0 && indexer.vectorsPending()) {
            // a pass that gave way left files without vectors: a pass over no path goes on embedding them
            return applyVectorsOnly();
        }
        if (set.isEmpty()) {
            try {
                set = queue.take(Math.max(1, nextRescan - clock.millis()));
            } catch (InterruptedException e) {
                return false;
            }
            if (stop.stopped()) {
                return false;
            }
            if (set.isEmpty()) {
                set = ChangeSet.rescanOnly(Rescan.periodic());
            }
            if (stop.held()) { // paused while waiting: the next step parks the set
                return true;
            }
        }
        set = watchers.check(set);
        if (set.isRescan() && status.initialDone() && set.rescan().kind() != Rescan.Kind.PERIODIC
                && clock.millis() - lastRescanEnd < rescans.current()) {
            if (!pause.pause(rescans.current())) {
                return false;
            }
            rescans.grow();
        } else if (set.isRescan() && clock.millis() - lastRescanEnd > settings.maxBackoffMillis()) {
            rescans.reset();
        }
        if (apply(set)) {
            boolean held = stop.held() && !stop.stopped();
            if (held) {
                // paused mid-pass, at a batch boundary: the set goes back whole; what the pass committed
                // costs a stat each when it runs again after the release. A requested rescan compares
                // content, and a pause ends its scan early: what it will find is not known until it runs again
                if (set.isRescan() && set.rescan().comparesContent()) {
                    queue.putBackUnapplied(set);
                } else {
                    queue.putBack(set);
                }
            } else if (!stop.stopped()) {
                barrier.finish(set.cookies());
            }
            retry.reset();
            lastRetried = null;
            if (set.isRescan() && !held) {
                lastRescanEnd = clock.millis();
                nextRescan = lastRescanEnd + interval();
            }
            set = ChangeSet.EMPTY;
            if (afterInitialPass != null && status.initialDone() && !stop.stopOrHold()) {
                Runnable r = afterInitialPass;
                afterInitialPass = null;
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.warn("{}: after the initial pass: {}", root, e.getMessage());
                }
            }
        } else if (!stop.stopped()) {
            set = ChangeSet.EMPTY; // apply put it back before it reported the failure
            if (status.failure() != null && status.failure().equals(lastRetried)) { // said once until it changes
                log.debug("{}: pass failed again ({}); retrying in {} ms", root, status.failure(), retry.current());
            } else {
                log.warn("{}: pass failed ({}); retrying in {} ms", root, status.failure(), retry.current());
            }
            lastRetried = status.failure();
            if (!pause.pause(retry.current())) {
                return false;
            }
            retry.grow();
        }
        return !stop.stopped();
    }

    /** One pass over no path: the work an earlier pass left, the embed phase first of all. */
    private boolean applyVectorsOnly() {
        if (!apply(ChangeSet.EMPTY) && !stop.stopped()) {
            log.warn("{}: embedding pass failed ({}); retrying in {} ms", root, status.failure(), retry.current());
            if (!pause.pause(retry.current())) {
                return false;
            }
            retry.grow();
        } else {
            retry.reset();
        }
        return !stop.stopped();
    }

    private long interval() {
        return watchers.problem() != null ? settings.unwatchedMillis() : settings.rescanMillis();
    }

    /**
     * Runs one pass; true when it completed (or was stopped), false when it failed and must be retried:
     * then {@code set} is already back in the queue.
     */
    private boolean apply(ChangeSet set) {
        long t0 = clock.millis();
        status.passStarted(set.isRescan() && !set.rescan().findingsKnown());
        try {
            // an embed phase gives way to changes that wait: they are applied within seconds, not after it.
            // A rescan a user asked for compares content: it may follow changes that kept size and mtime
            // (a copy that keeps the mtime), which the other rescans, cheap by design, take as unchanged
            boolean compareContent = set.isRescan() && set.rescan().comparesContent();
            IndexSummary s = indexer.pass(set.isRescan() ? null : set.paths(), compareContent, status.progress(),
                    stop::stopOrHold, () -> queue.depth() > 0);
            status.passSucceeded(set, s, clock.millis(), stop.stopOrHold());
            if (s.indexed() + s.deleted() + s.moved() + s.chunksEmbedded() > 0) { // an embed-only pass too
                // the embed phase's work for files queued before is said apart: it is not the changes'
                long own = s.chunksEmbedded() - s.queuedChunksEmbedded();
                log.info("{}: {} indexed, {} moved, {} deleted, {} embedded in {} ms{}{}", root, s.indexed(),
                        s.moved(), s.deleted(), own == 1 ? "1 chunk" : own + " chunks", s.durationMs() - s.queuedEmbedMs(),
                        set.isRescan() ? " (" + set.rescanReason() + ")" : "",
                        s.queuedChunksEmbedded() == 0 ? "" : "; then " + s.queuedChunksEmbedded() + " chunks of files"
                                + " waiting for vectors embedded in " + s.queuedEmbedMs() + " ms");
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuntimeException r && fatal(r) != null) {
                throw r; // out of memory or a mapped-file fault in a worker: not a pass to retry (see run)
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            boolean rootGone = !Files.isDirectory(root);
            if (rootGone) { // deleted, moved away or unmounted: a state to report, not a failure to trace
                message = WatcherSupervisor.rootGone(root);
                if (!message.equals(status.failure())) {
                    log.warn("{}", message);
                }
            } else if (DiskSpace.exhausted(e)) {
                message = "the disk of the data directory is full (" + message + "): nothing committed is lost, and the"
                        + " root resumes by itself once there is room";
                log.warn("{}: {}", root, message);
            }
            failed(set, message);
            if (!(rootGone || e instanceof StoreUnavailableException || e instanceof EmbedderUnavailableException
                    || DiskSpace.exhausted(e))) {
                log.error("{}: pass failed", root, e);
            }
            return false;
        } finally {
            status.passEnded(clock.millis());
            log.debug("{}: pass over {} took {} ms", root, set.isRescan() ? "the tree" : set.paths().size() + " paths",
                    clock.millis() - t0);
        }
    }

    /**
     * Puts {@code set} back in the queue, then reports the failure: a root that says degraded counts
     * what it still has to do.
     */
    private void failed(ChangeSet set, String message) {
        queue.putBack(set);
        status.passFailed(message, clock.millis());
    }
}
