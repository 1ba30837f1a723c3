package dev.codeindex.daemon;

import dev.codeindex.api.Coverage;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.index.IndexState;
import dev.codeindex.index.IndexSummary;
import dev.codeindex.index.PassProgress;
import dev.codeindex.index.ProgressListener;
import dev.codeindex.manifest.Checkpoint;
import dev.codeindex.watch.ChangeSet;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one root has done and is doing, kept as the loop reports it, and turned into a
 * {@link RootStatus} snapshot on request. The manifest's figures are copied after each pass (by the
 * loop's thread, the manifest's single writer), so a status read never touches the manifest.
 *
 * <p>Threading: the root's loop (and the run's workers, through {@link #progress()}) write; any
 * thread builds snapshots. Fields are volatile: a snapshot may mix figures of two consecutive
 * moments, never torn values.
 */
final class StatusTracker {
    private static final Logger log = LoggerFactory.getLogger(StatusTracker.class);
    static final String IDLE = "idle";

    private final String root;
    private final String store;
    private final String embedder;
    private final RecentPasses recent = new RecentPasses();
    private final PassProgress pass;
    private final ProgressListener progress = new ProgressListener() {
        @Override
        public void phase(String name, long total) {
            pass.phase(name, total);
            phase = name;
            progressDone = 0;
            progressTotal = total;
        }

        @Override
        public void progress(long done, String detail) {
            pass.progress(done, detail);
            progressDone = done;
        }

        @Override
        public void work(long bytes) {
            pass.work(bytes);
        }

        @Override
        public void stored(long files, long bytes, long chunks) {
            pass.stored(files, bytes, chunks);
        }

        @Override
        public void committed() {
            // the run's thread, right after a commit: the checkpoint and the work left are what the
            // manifest now says; from the commit that ends the scan on, the work left is known
            refresh(afterCommit);
            if (++commitsThisPass >= 2) { // the first commit starts the run; the second ends its scan
                pendingKnown = true;
                rescanScanning = false;
            }
        }
    };

    private volatile String failure;
    private volatile boolean initialDone;
    private volatile boolean passRunning;
    private volatile String phase = IDLE;
    private volatile long progressDone;
    private volatile long progressTotal;
    private volatile long passCount;
    private volatile long rescanCount;
    private volatile long filesIndexed;
    private volatile long chunksEmbedded;
    private volatile double filesPerSec;
    private volatile String lastError;
    private volatile long lastErrorAt;
    /** When a pass first succeeded after {@link #lastError}, or 0 while it stands. */
    private volatile long lastErrorResolvedAt;
    private volatile long lastPassAt;
    private volatile Map<String, Long> totals;
    private volatile long manifestPending;
    private volatile Checkpoint checkpoint;
    /** False while the first pass has not yet committed its scan: how much work is left is unknown. */
    private volatile boolean pendingKnown;
    /** A rescan whose findings are not known is scanning: what it will find is not in the counts yet. */
    private volatile boolean rescanScanning;
    /** Commits of the pass in flight; written by the root's thread only. */
    private volatile int commitsThisPass;
    private final Supplier<IndexState> state;
    private final Supplier<IndexState> afterCommit;

    /**
     * @param state       what the index holds; read once here (before the root's thread starts) and
     *                    then on the root's thread after each pass
     * @param afterCommit the same, cheaply, on the root's thread after each commit within a pass
     */
    StatusTracker(String root, String store, String embedder, Supplier<IndexState> state,
                  Supplier<IndexState> afterCommit, LongSupplier millis) {
        this.root = root;
        this.pass = new PassProgress(millis);
        this.store = store;
        this.embedder = embedder;
        this.state = state;
        this.afterCommit = afterCommit;
        IndexState start = state.get();
        this.totals = start.totals();
        this.checkpoint = start.checkpoint();
        this.manifestPending = start.pending();
    }


    static final String PAUSED_REASON = "indexing is paused: changes are collected, not applied "
            + "(POST /resume or `codeindex resume` goes on)";

    ProgressListener progress() {
        return progress;
    }

    /**
     * @param findingsUnknown a rescan whose findings are not known (lost events, changed rules, a request):
     *                        pending is not known until its scan commits, instead of reading 0 while it scans
     */
    void passStarted(boolean findingsUnknown) {
        passRunning = true;
        commitsThisPass = 0;
        phase = "scan";
        rescanScanning = findingsUnknown;
    }

    /**
     * @param stopped the root was stopped during the pass: an initial pass cut short does not count as done
     */
    void passSucceeded(ChangeSet set, IndexSummary s, long now, boolean stopped) {
        if (set.isRescan()) {
            rescanCount++;
        }
        passCount++;
        filesIndexed += s.indexed();
        chunksEmbedded += s.chunksEmbedded();
        if (s.indexed() > 0 && s.durationMs() > 0) {
            filesPerSec = s.indexed() * 1000.0 / s.durationMs();
        }
        // a change set's entry is its own work: the vectors its pass embedded for files queued before (the
        // embed phase of a first index) are not the edit's, and made a vim save read "2,207 embedded, 341 s"
        boolean own = !set.isRescan();
        recent.add(now, set.paths(), set.rescanReason(), s.indexed(), s.deleted(), s.moved(),
                s.chunksEmbedded() - (own ? s.queuedChunksEmbedded() : 0), s.durationMs() - (own ? s.queuedEmbedMs() : 0));
        failure = null;
        if (lastError != null && lastErrorResolvedAt == 0) {
            lastErrorResolvedAt = now;
        }
        if (!stopped) {
            initialDone = true;
        }
    }

    void passFailed(String message, long now) {
        failure = message;
        lastErrorResolvedAt = 0; // first: a snapshot in between must not show the new error resolved
        lastError = message;
        lastErrorAt = now;
    }

    /** After every pass, failed or not: the manifest's figures as they now stand. */
    void passEnded(long now) {
        pass.finished();
        phase = IDLE;
        passRunning = false;
        lastPassAt = now;
        refresh(state);
        pendingKnown = true;
        rescanScanning = false;
    }

    private void refresh(Supplier<IndexState> source) {
        try {
            IndexState s = source.get();
            totals = s.totals();
            manifestPending = s.pending();
            checkpoint = s.checkpoint();
        } catch (RuntimeException e) {
            log.debug("status snapshot: {}", e.getMessage());
        }
    }

    /** The loop ended. */
    void stopped() {
        pass.finished();
        phase = IDLE;
        passRunning = false;
    }

    /** Why the last pass failed, or null when it succeeded. */
    String failure() {
        return failure;
    }

    boolean initialDone() {
        return initialDone;
    }

    /**
     * @param queueDepth   what waits in the change queue, a pending rescan counting as one
     * @param queuedPaths  the files of those ({@code ChangeQueue.pendingFiles}): -1 while a rescan waits whose
     *                     findings are not known; a pass a pause sent back adds none
     * @param watchProblem why the tree is not (fully) watched, or null
     * @param paused       indexing is paused by a user: that is the state, whatever else holds
     */
    RootStatus snapshot(int queueDepth, int queuedPaths, boolean watcherAlive, String watchProblem, boolean paused) {
        String failed = failure;
        RootState state;
        if (paused) {
            state = RootState.PAUSED;
        } else if (failed != null || watchProblem != null) {
            state = RootState.DEGRADED;
        } else if (!initialDone) {
            state = RootState.SCANNING;
        } else {
            state = passRunning ? RootState.INDEXING : RootState.WATCHING;
        }
        PassProgress.Snapshot p = pass.snapshot();
        return RootStatus.builder()
                .root(root)
                .state(state, state == RootState.PAUSED ? PAUSED_REASON
                        : state == RootState.DEGRADED ? (failed != null ? failed : watchProblem) : null)
                .ready(initialDone && failed == null)
                .watcherAlive(watcherAlive)
                // after a failed pass the queue holds the set it put back, which the manifest's work list holds already
                .totals(withQueued(totals, failed != null ? 0 : queuedPaths))
                .pending((initialDone || pendingKnown) && !rescanScanning && queuedPaths >= 0
                        ? manifestPending + queuedPaths : -1)
                .queueDepth(queueDepth)
                .progress(phase, progressDone, progressTotal)
                .chunks(p.chunksDone(), p.chunksTotal(), p.chunksPerSec(), p.etaMillis())
                .sinceStart(passCount, rescanCount, filesIndexed, chunksEmbedded)
                .filesPerSec(filesPerSec)
                .lastError(lastError, lastErrorAt)
                .lastErrorResolvedAt(lastErrorResolvedAt)
                .lastPassAt(lastPassAt)
                .checkpoint(ApiViews.checkpoint(checkpoint))
                .describedAs(store, embedder)
                .recent(recent.snapshot())
                .build();
    }

    /**
     * The totals with the paths the watcher queued counted as new files waiting ({@link Coverage#PENDING_NEW}):
     * the manifest knows only the files on its own work list, and coverage would call a tree with new files in the
     * queue complete. A queued path that is a changed file counts once too many, the safe side.
     */
    static Map<String, Long> withQueued(Map<String, Long> totals, long queuedPaths) {
        Long manifestNew = totals.get(Coverage.PENDING_NEW);
        if (manifestNew == null || queuedPaths <= 0) {
            return totals;
        }
        Map<String, Long> out = new java.util.TreeMap<>(totals);
        out.put(Coverage.PENDING_NEW, manifestNew + queuedPaths);
        return out;
    }
}
