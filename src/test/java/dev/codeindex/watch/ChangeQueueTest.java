package dev.codeindex.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChangeQueueTest {
    @Test
    void repeats_coalesce_and_nothing_is_taken_while_the_tree_is_busy() throws Exception {
        ChangeQueue q = new ChangeQueue(0, 0, 100);
        q.mark("a");
        q.mark("b");
        q.mark("a");
        assertEquals(2, q.depth());
        ChangeSet s = q.take(1_000);
        assertEquals(Set.of("a", "b"), s.paths());
        assertEquals(0, q.depth());
        assertTrue(q.take(10).isEmpty(), "nothing queued: an empty set after the timeout");
    }

    @Test
    void a_change_set_waits_for_quiet_but_never_longer_than_the_maximum_delay() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        ChangeQueue q = new ChangeQueue(100, 300, 100, now::get);
        q.mark("a");
        CompletableFuture<ChangeSet> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return q.take(10_000);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        // keep marking every 50 ms of fake time: quiet never comes, the maximum delay does
        for (int i = 0; i < 5; i++) {
            Thread.sleep(20);
            assertTrue(!taken.isDone() || i * 50L >= 300, "taken too early at " + i * 50 + " ms");
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
            q.mark("p" + i);
        }
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(60)); // 310 ms after the first mark
        q.mark("last");
        ChangeSet s = taken.get(5, TimeUnit.SECONDS);
        assertTrue(s.paths().contains("a") && s.paths().contains("last"), s.paths().toString());
    }

    @Test
    void too_many_paths_become_one_rescan_and_memory_stays_bounded() throws Exception {
        ChangeQueue q = new ChangeQueue(0, 0, 3);
        for (int i = 0; i < 10_000; i++) {
            q.mark("f" + i);
        }
        assertEquals(1, q.depth());
        ChangeSet s = q.take(1_000);
        assertTrue(s.isRescan());
        assertTrue(s.paths().isEmpty());
    }

    @Test
    void a_set_put_back_after_a_failure_merges_with_what_came_since_and_keeps_its_cookies() throws Exception {
        ChangeQueue q = new ChangeQueue(0, 0, 100);
        q.mark("a");
        q.addCookie(7);
        ChangeSet failed = q.take(1_000);
        q.mark("b");
        q.addCookie(8);
        q.putBack(failed);
        ChangeSet s = q.take(1_000);
        assertEquals(Set.of("a", "b"), s.paths());
        assertEquals(List.of(7L, 8L), s.cookies());
    }

    @Test
    void close_wakes_a_waiting_consumer() throws Exception {
        ChangeQueue q = new ChangeQueue(0, 0, 100);
        CompletableFuture<ChangeSet> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return q.take(60_000);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(50);
        q.close();
        assertTrue(taken.get(5, TimeUnit.SECONDS).isEmpty());
    }
}
