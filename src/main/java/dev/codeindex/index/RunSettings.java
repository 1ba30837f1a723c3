package dev.codeindex.index;

/**
 * How an index run batches and bounds its work.
 *
 * @param batchSize   files per batch (and paths per removal batch)
 * @param batchBytes  a batch also closes when its files add up to this many bytes
 * @param maxFileSize larger files are recorded as skipped, never read
 * @param maxFiles    stop adding new files after this many (0 = no limit)
 * @param offline     no embedder and no store: the summary says so
 */
public record RunSettings(int batchSize, long batchBytes, long maxFileSize, long maxFiles, boolean offline) {}
