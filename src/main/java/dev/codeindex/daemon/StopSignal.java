package dev.codeindex.daemon;

import java.util.concurrent.TimeUnit;

/**
 * The root's stop flag and its hold (indexing paused by a user), and the real {@link Pause}: a wait on
 * the wall clock that a stop cuts short.
 * Threading: any thread may stop, hold and release; the loop's thread pauses and waits for a release.
 */
final class StopSignal implements Pause {
    private volatile boolean stopped;
    private volatile boolean held;

    boolean stopped() {
        return stopped;
    }

    /** Indexing is held: the pass in flight ends at its next batch boundary and no other starts. */
    boolean held() {
        return held;
    }

    /** A pass stops at its next batch boundary: the root stops or is held. */
    boolean stopOrHold() {
        return stopped || held;
    }

    synchronized void hold() {
        held = true;
        notifyAll();
    }

    synchronized void release() {
        held = false;
        notifyAll();
    }

    /** Waits while held; false when the root was stopped (or the thread interrupted) meanwhile. */
    boolean awaitRelease() {
        try {
            synchronized (this) {
                while (held && !stopped) {
                    wait();
                }
            }
            return !stopped;
        } catch (InterruptedException e) {
            return false;
        }
    }

    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    @Override
    public boolean pause(long millis) {
        try {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (!stopped) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                synchronized (this) {
                    if (!stopped) {
                        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    }
                }
            }
            return false;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
