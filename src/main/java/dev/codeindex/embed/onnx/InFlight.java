package dev.codeindex.embed.onnx;

/**
 * Counts the calls running in native code, so the native side is released only when none runs: a
 * model closed (or a process exiting) while a call is inside the runtime can crash the JVM. After
 * {@link #close}, no new call is let in.
 */
final class InFlight {
    private int running;
    private boolean closed;

    /** Lets a call in; false once closed. Every true must be followed by {@link #exit}. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void exit() {
        running--;
        notifyAll();
    }

    synchronized int running() {
        return running;
    }

    /** Refuses new calls, then waits up to {@code millis} for the running ones; true when none runs. */
    synchronized boolean close(long millis) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (running > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
