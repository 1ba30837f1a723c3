package dev.codeindex.index;

/** Mutable counts of one run; touched only by the indexing thread (workers report through their futures). */
final class RunCounters implements SinkCounters {
    long indexed;
    long unchanged;
    long deleted;
    long moved;
    long encodingFallback;
    long chunksMade;
    long chunksEmbedded;
    long chunksReused;
    long chunksDeleted;
    long embedMs;
    /** Chunks the embed phase embedded, and its time: work of files queued before, not of this pass's changes. */
    long queuedEmbedded;
    long queuedEmbedMs;
    long chunkMs;
    long commitMs;

    @Override
    public void chunksEmbedded(long n) {
        chunksEmbedded += n;
    }

    @Override
    public void chunksReused(long n) {
        chunksReused += n;
    }

    @Override
    public void chunksDeleted(long n) {
        chunksDeleted += n;
    }
}
