package dev.codeindex.index;

/**
 * Observes a run's progress. Called on the indexing thread; implementations must be fast and must
 * not throw.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {};

    /** A phase starts; {@code total} is -1 when unknown (the scan). */
    default void phase(String name, long total) {}

    /** {@code done} units of the current phase are complete. */
    default void progress(long done, String detail) {}

    default void finished() {}
}
