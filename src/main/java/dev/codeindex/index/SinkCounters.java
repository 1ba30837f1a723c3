package dev.codeindex.index;

/**
 * What a {@link ChunkSink} reports to the run it works for: how many chunks it embedded, reused
 * and deleted. The run adds them to its summary.
 *
 * <p>Threading: called only on the indexing thread, from inside the sink's own methods; not
 * thread-safe. Never throws.
 */
public interface SinkCounters {
    /** {@code n} chunks got a vector from the embedder just now. */
    void chunksEmbedded(long n);

    /** {@code n} chunks took a vector already known (the cache, or an equal chunk of the batch). */
    void chunksReused(long n);

    /** {@code n} points left the store (replaced, removed, or found stale by a reconcile). */
    void chunksDeleted(long n);
}
