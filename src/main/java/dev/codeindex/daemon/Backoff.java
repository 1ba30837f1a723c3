package dev.codeindex.daemon;

/**
 * A wait that doubles on each failure up to a cap, and starts over after a success.
 * Not thread-safe: owned by the root's loop.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long current;

    Backoff(long minMillis, long maxMillis) {
        if (minMillis < 1 || maxMillis < minMillis) {
            throw new IllegalArgumentException("need 1 <= min <= max, got " + minMillis + ", " + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.current = minMillis;
    }

    /** The wait to use now. */
    long current() {
        return current;
    }

    /** After a wait of {@link #current()}: the next one is twice as long, at most the cap. */
    void grow() {
        current = Math.min(current * 2, maxMillis);
    }

    void reset() {
        current = minMillis;
    }
}
