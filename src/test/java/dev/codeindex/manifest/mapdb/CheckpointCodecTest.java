package dev.codeindex.manifest.mapdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.manifest.Checkpoint;
import org.junit.jupiter.api.Test;

/** The stored form of a checkpoint names its phase as manifests have always stored it. */
class CheckpointCodecTest {
    @Test
    void a_checkpoint_is_stored_as_before_with_the_phase_by_its_id() {
        Checkpoint c = new Checkpoint("run-1", Checkpoint.Phase.DELETE, 10, 20, 3, "src/x y.java", false, 5, 6);
        assertEquals("run-1\tdelete\t10\t20\t3\tsrc/x y.java\tfalse\t5\t6", CheckpointCodec.encode(c));
    }

    @Test
    void every_stored_phase_name_reads_back() {
        String[] ids = {"none", "scan", "index", "delete", "embed", "done"};
        for (String id : ids) {
            Checkpoint c = CheckpointCodec.decode("r\t" + id + "\t1\t2\t3\tp\ttrue\t4\t5");
            assertEquals(id, c.phase().id());
            assertEquals("r\t" + id + "\t1\t2\t3\tp\ttrue\t4\t5", CheckpointCodec.encode(c));
        }
        assertEquals(ids.length, Checkpoint.Phase.values().length);
    }
}
