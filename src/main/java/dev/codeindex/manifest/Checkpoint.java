package dev.codeindex.manifest;

/**
 * Where a run stood, saved with every manifest commit.
 *
 * @param phase            "scan", "index", "delete", "done"
 * @param cleanShutdown    true once a run ended (or was stopped) cleanly; false while one is running
 * @param updatedAt        epoch milliseconds
 */
public record Checkpoint(String runId, String phase, long filesDone, long filesTotal, long batchesCommitted,
                         String lastCommittedPath, boolean cleanShutdown, long startedAt, long updatedAt) {
    public static final Checkpoint NONE = new Checkpoint("", "none", 0, 0, 0, "", true, 0, 0);

    public Checkpoint advance(String newPhase, long done, long total, long batches, String lastPath, long now) {
        return new Checkpoint(runId, newPhase, done, total, batches, lastPath, cleanShutdown, startedAt, now);
    }

    public Checkpoint finished(long now) {
        return new Checkpoint(runId, "done", filesDone, filesTotal, batchesCommitted, lastCommittedPath, true,
                startedAt, now);
    }
}
