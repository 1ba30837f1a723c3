package dev.codeindex.api;

/**
 * Where a root's last (or current) run stood, as {@code /checkpoint} and {@code status} show it.
 *
 * @param phase         "none", "scan", "index", "delete", "embed" or "done"
 * @param cleanShutdown true once a run ended or was stopped cleanly; false while one runs
 * @param updatedAt     epoch milliseconds
 */
public record CheckpointInfo(String runId, String phase, long filesDone, long filesTotal, long batchesCommitted,
                             String lastCommittedPath, boolean cleanShutdown, long updatedAt) {}
