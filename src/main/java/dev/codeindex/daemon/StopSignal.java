package dev.codeindex.daemon;

import java.util.concurrent.TimeUnit;

/**
 * The root's stop flag, and the real {@link Pause}: a wait on the wall clock that a stop cuts short.
 * Threading: any thread may stop; the loop's thread pauses.
 */
final class StopSignal implements Pause {
    private volatile boolean stopped;

    boolean stopped() {
        return stopped;
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
