package dev.codeindex.manifest.mapdb;

import dev.codeindex.manifest.Checkpoint;

/** Checkpoint as one tab-separated string in the meta map (paths never hold tabs or newlines here). */
final class CheckpointCodec {
    private CheckpointCodec() {}

    static String encode(Checkpoint c) {
        return String.join("\t", c.runId(), c.phase().id(), Long.toString(c.filesDone()), Long.toString(c.filesTotal()),
                Long.toString(c.batchesCommitted()), c.lastCommittedPath().replace('\t', ' '),
                Boolean.toString(c.cleanShutdown()), Long.toString(c.startedAt()), Long.toString(c.updatedAt()));
    }

    static Checkpoint decode(String s) {
        String[] p = s.split("\t", -1);
        return new Checkpoint(p[0], Checkpoint.Phase.of(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]), p[5],
                Boolean.parseBoolean(p[6]), Long.parseLong(p[7]), Long.parseLong(p[8]));
    }
}
