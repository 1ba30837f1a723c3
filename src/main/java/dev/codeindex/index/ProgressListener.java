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

    /**
     * The index phase is about to start on {@code bytes} of files (each counted up to the size cap):
     * what its chunk total is estimated from. Called once per pass, on the run's thread, after
     * {@link #phase} {@code ("index", files)}.
     */
    default void work(long bytes) {}

    /**
     * A batch was stored and committed: {@code files}, {@code bytes} and {@code chunks} (chunks made
     * from the files' content, stored or taken from the vector cache) of this pass so far. Called
     * on the run's thread.
     */
    default void stored(long files, long bytes, long chunks) {}

    default void finished() {}

    /** Both listeners, {@code a} first. */
    static ProgressListener both(ProgressListener a, ProgressListener b) {
        return new ProgressListener() {
            @Override
            public void phase(String name, long total) {
                a.phase(name, total);
                b.phase(name, total);
            }

            @Override
            public void progress(long done, String detail) {
                a.progress(done, detail);
                b.progress(done, detail);
            }

            @Override
            public void committed() {
                a.committed();
                b.committed();
            }

            @Override
            public void work(long bytes) {
                a.work(bytes);
                b.work(bytes);
            }

            @Override
            public void stored(long files, long bytes, long chunks) {
                a.stored(files, bytes, chunks);
                b.stored(files, bytes, chunks);
            }

            @Override
            public void finished() {
                a.finished();
                b.finished();
            }
        };
    }
}
