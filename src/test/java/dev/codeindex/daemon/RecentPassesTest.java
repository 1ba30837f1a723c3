package dev.codeindex.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.codeindex.api.RecentPass;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentPassesTest {
    @Test
    void keeps_the_last_passes_that_changed_something_newest_first() {
        RecentPasses recent = new RecentPasses();
        recent.add(1, List.of("a"), null, 0, 0, 0, 0, 5);
        assertEquals(0, recent.snapshot().size(), "a pass that changed nothing is not a change");
        // a pass of the embed phase alone (after a restart) brings vectors: it is one (a new-user trial saw none)
        recent.add(2, List.of(), null, 0, 0, 0, 8041, 5);
        assertEquals(8041, recent.snapshot().get(0).chunksEmbedded());
        recent = new RecentPasses();
        for (int i = 0; i < RecentPasses.CAPACITY + 5; i++) {
            recent.add(100 + i, List.of("a", "b", "c", "d", "e"), null, i + 1, 0, 0, 0, 5);
        }
        List<RecentPass> list = recent.snapshot();
        assertEquals(RecentPasses.CAPACITY, list.size());
        assertEquals(100 + RecentPasses.CAPACITY + 4, list.get(0).at());
        assertEquals(105, list.get(list.size() - 1).at());
        assertEquals(5, list.get(0).paths());
        assertEquals(List.of("a", "b", "c"), list.get(0).samplePaths());
        assertNull(list.get(0).rescan());
    }

    @Test
    void a_rescan_has_its_reason_and_no_paths() {
        RecentPasses recent = new RecentPasses();
        recent.add(7, List.of(), "initial pass", 0, 2, 1, 0, 9);
        RecentPass p = recent.snapshot().get(0);
        assertEquals("initial pass", p.rescan());
        assertEquals(0, p.paths());
        assertEquals(2, p.deleted());
        assertEquals(1, p.moved());
    }
}
