package dev.codeindex.watch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The paths the watcher marked dirty, coalesced and debounced like Watchman: repeats of a path
 * count once; {@link #take} hands them out once the tree has been quiet for a moment, or once the
 * oldest mark has waited the maximum delay, so a burst (a branch switch touching 10,000 files)
 * becomes one change set, not 10,000 passes.
 *
 * <p>Memory is bounded: past {@link #maxPaths} distinct paths the queue forgets them and asks for
 * a full rescan instead, which finds the same changes by stat (cheap: unchanged files are not read).
 *
 * <p>Sync cookies ride in the queue: a cookie taken with a change set is done once that set is applied.
 *
 * <p>Threading: any thread may mark; one consumer takes.
 */
public final class ChangeQueue {
    private final long quietNanos;
    private final long maxDelayNanos;
    private final int maxPaths;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private Set<String> paths = new LinkedHashSet<>();
    private Rescan rescan;
    /**
     * The queued rescan names no file that is not counted elsewhere: a timer's check, the first pass, or a
     * pass sent back by a pause or a failure (its scan's findings are in the manifest). False for one that
     * follows lost events, changed rules or a request: what it will find is not known.
     */
    private boolean rescanCounted;
    private List<Long> cookies = new ArrayList<>();
    private boolean marked;
    private long firstMark;
    private long lastMark;
    private boolean closed;

    public ChangeQueue(long quietMillis, long maxDelayMillis, int maxPaths) {
        this(quietMillis, maxDelayMillis, maxPaths, System::nanoTime);
    }

    ChangeQueue(long quietMillis, long maxDelayMillis, int maxPaths, LongSupplier nanoTime) {
        if (quietMillis < 0 || maxDelayMillis < quietMillis || maxPaths < 1) {
            throw new IllegalArgumentException("need 0 <= quiet <= maxDelay and maxPaths >= 1");
        }
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxDelayMillis);
        this.maxPaths = maxPaths;
        this.nanoTime = nanoTime;
    }

    /** Marks a path (relative to the root, '/'-separated) as possibly changed. */
    public void mark(String relPath) {
        lock.lock();
        try {
            if (rescan == null) {
                paths.add(relPath);
                if (paths.size() > maxPaths) {
                    rescan = Rescan.of(Rescan.Kind.TOO_MANY_CHANGES, "more than " + maxPaths + " changed paths at once");
                    rescanCounted = false;
                    paths = new LinkedHashSet<>();
                }
            }
            touched();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks for a full rescan: events were lost, the rules changed, or a user asked. A user's request
     * takes the place of a rescan queued for another reason: it compares content, the others do not.
     */
    public void requestRescan(Rescan reason) {
        lock.lock();
        try {
            if (rescan == null) {
                rescan = reason;
                rescanCounted = reason.findingsKnown();
                paths = new LinkedHashSet<>();
            } else if (reason.comparesContent() && !rescan.comparesContent()) {
                rescan = reason;
                rescanCounted = reason.findingsKnown();
            }
            touched();
        } finally {
            lock.unlock();
        }
    }

    /** Adds a sync cookie: it comes out with the change set that holds everything marked before it. */
    public void addCookie(long cookie) {
        lock.lock();
        try {
            cookies.add(cookie);
            touched();
        } finally {
            lock.unlock();
        }
    }

    private void touched() {
        long now = nanoTime.getAsLong();
        if (!marked) {
            marked = true;
            firstMark = now;
        }
        lastMark = now;
        changed.signalAll();
    }

    private boolean isEmptyLocked() {
        return paths.isEmpty() && rescan == null && cookies.isEmpty();
    }

    /**
     * Puts back a change set whose pass ran but could not finish (a pause mid-pass, a failure), ahead of
     * nothing: it is merged with what came since. Its rescan's findings are counted where its scan recorded them.
     */
    public void putBack(ChangeSet set) {
        putBack(set, true);
    }

    /**
     * Puts back a change set taken but not applied (the root is paused): a rescan in it has found nothing
     * yet, so the files waiting are not known, unless it is a timer's or the first pass's.
     */
    public void putBackUnapplied(ChangeSet set) {
        putBack(set, false);
    }

    private void putBack(ChangeSet set, boolean scanned) {
        lock.lock();
        try {
            if (set.isRescan()) {
                boolean fresh = rescan == null;
                requestRescan(set.rescan());
                if (fresh && scanned) {
                    rescanCounted = true;
                }
            } else {
                for (String p : set.paths()) {
                    mark(p);
                }
            }
            List<Long> merged = new ArrayList<>(set.cookies());
            merged.addAll(cookies);
            cookies = merged;
            touched();
        } finally {
            lock.unlock();
        }
    }

    /** Distinct paths waiting (a pending rescan counts as one). */
    public int depth() {
        lock.lock();
        try {
            return paths.size() + (rescan == null ? 0 : 1);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Files waiting: the distinct paths queued; -1 while a rescan is queued whose findings are not known
     * (after lost events, changed rules or a request). A timer's rescan, or a pass a pause or a failure
     * sent back, adds none: its findings are counted where its scan recorded them.
     */
    public int pendingFiles() {
        lock.lock();
        try {
            return rescan != null && !rescanCounted ? -1 : paths.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until something is queued and the tree has been quiet for the debounce window (or the
     * first mark has waited the maximum delay), then takes everything. Returns an empty change set
     * when {@code timeoutMillis} passes with nothing queued, or when the queue is closed.
     */
    public ChangeSet take(long timeoutMillis) throws InterruptedException {
        long deadline = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (!closed) {
                long now = nanoTime.getAsLong();
                if (isEmptyLocked()) {
                    if (now >= deadline) {
                        break;
                    }
                    changed.awaitNanos(deadline - now);
                    continue;
                }
                long readyAt = Math.min(lastMark + quietNanos, firstMark + maxDelayNanos);
                if (now >= readyAt) {
                    ChangeSet out = new ChangeSet(paths, rescan, cookies);
                    paths = new LinkedHashSet<>();
                    rescan = null;
                    cookies = new ArrayList<>();
                    marked = false;
                    return out;
                }
                changed.awaitNanos(readyAt - now);
            }
            return ChangeSet.EMPTY;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the consumer; later takes return at once. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
