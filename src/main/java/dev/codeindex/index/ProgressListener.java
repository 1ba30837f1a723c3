package dev.codeindex.index;

/**
 * Observes a run's progress. {@link #progress} is also called from worker threads as files
 * complete, so implementations must be thread-safe; all of them must be fast and must not throw.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {};

    /** A phase starts; {@code total} is -1 when unknown (the scan). */
    default void phase(String name, long total) {}

    /** {@code done} units of the current phase are complete. */
    default void progress(long done, String detail) {}

    /**
     * The run just committed the manifest (its checkpoint, a batch, a batch of removals). Called on
     * the run's own thread, the manifest's single writer, so a listener may read the manifest here.
     */
    default void committed() {}

    default void finished() {}
}
