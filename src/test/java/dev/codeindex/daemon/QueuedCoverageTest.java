package dev.codeindex.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.codeindex.api.Coverage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * New files the watcher has queued are not on the manifest's work list yet (a paused daemon, a debounce):
 * counting only the manifest's new files made coverage say a tree was complete while they waited (found in
 * review). The status counts them as new.
 */
class QueuedCoverageTest {
    @Test
    void files_the_watcher_queued_count_as_waiting() {
        Map<String, Long> totals = Map.of("files", 10L, Coverage.PENDING_NEW, 1L);
        long manifestPending = 2; // one changed, one new
        long queued = 3;

        Coverage c = Coverage.of(StatusTracker.withQueued(totals, queued), manifestPending + queued, false);

        assertEquals(14, c.files(), "10 in the index, 1 new on the work list, 3 queued");
        assertFalse(c.complete());
        assertEquals(11, Coverage.of(StatusTracker.withQueued(totals, 0), manifestPending, false).files());
        assertEquals(totals, StatusTracker.withQueued(totals, -1), "a rescan waiting: the queue is not known");
    }
}
