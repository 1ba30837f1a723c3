package dev.codeindex.daemon;

/**
 * How the root's loop waits between retries. The real one waits on the wall clock and wakes early
 * when the root stops; tests pass one that advances a fake clock instead.
 */
@FunctionalInterface
public interface Pause {
    /** Waits {@code millis}; false when the root was stopped (or interrupted) meanwhile: the loop ends. */
    boolean pause(long millis);
}
