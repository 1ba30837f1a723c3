package dev.codeindex.manifest;

/**
 * Where a run stood, saved with every manifest commit.
 *
 * @param phase            the step the run was in, or {@link Phase#DONE} once it finished
 * @param cleanShutdown    true once a run ended (or was stopped) cleanly; false while one is running
 * @param updatedAt        epoch milliseconds
 */
public record Checkpoint(String runId, Phase phase, long filesDone, long filesTotal, long batchesCommitted,
                         String lastCommittedPath, boolean cleanShutdown, long startedAt, long updatedAt) {
    public static final Checkpoint NONE = new Checkpoint("", Phase.NONE, 0, 0, 0, "", true, 0, 0);

    /**
     * The steps of a run, in order. {@link #id()} is the name stored in the manifest and shown in
     * JSON; it never changes, since manifests written before must still read.
     */
    public enum Phase {
        /** No run has saved a checkpoint yet. */
        NONE("none"),
        /** Comparing the tree with the manifest. */
        SCAN("scan"),
        /** Reading, chunking and storing the files found new or changed. */
        INDEX("index"),
        /** Removing the files found gone. */
        DELETE("delete"),
        /** Embedding the files a structural pass stored without vectors (the second phase of a two-phase index). */
        EMBED("embed"),
        /** The run finished. */
        DONE("done");

        private final String id;

        Phase(String id) {
            this.id = id;
        }

        /** The stored and displayed name: "none", "scan", "index", "delete", "embed" or "done". */
        public String id() {
            return id;
        }

        /** @throws IllegalArgumentException when {@code id} names no phase */
        public static Phase of(String id) {
            for (Phase p : values()) {
                if (p.id.equals(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown checkpoint phase '" + id + "'");
        }

        /** The id, so that a phase reads in messages as it always did. */
        @Override
        public String toString() {
            return id;
        }
    }

    /** A run started and did not finish (stopped, failed or killed): the next run resumes its work. */
    public boolean unfinished() {
        return phase != Phase.NONE && phase != Phase.DONE;
    }

    public Checkpoint advance(Phase newPhase, long done, long total, long batches, String lastPath, long now) {
        return new Checkpoint(runId, newPhase, done, total, batches, lastPath, cleanShutdown, startedAt, now);
    }

    public Checkpoint finished(long now) {
        return new Checkpoint(runId, Phase.DONE, filesDone, filesTotal, batchesCommitted, lastCommittedPath, true,
                startedAt, now);
    }
}
