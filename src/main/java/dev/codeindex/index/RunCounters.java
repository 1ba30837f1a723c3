package dev.codeindex.index;

/** Mutable counts of one run; touched only by the indexing thread (workers report through their futures). */
final class RunCounters {
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
    long chunkMs;
    long commitMs;
}
