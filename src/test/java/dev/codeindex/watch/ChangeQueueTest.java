package dev.codeindex.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
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
        QueueTime time = new QueueTime();
        long start = time.clock.nanoTime();
        ChangeQueue q = new ChangeQueue(100, 300, 100, time);
        q.mark("a");
        CompletableFuture<Taken> taken = CompletableFuture.supplyAsync(() -> {
            try {
                ChangeSet s = q.take(10_000);
                return new Taken(s, time.lastLook()); // the time at which take found the set ready
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        // keep marking every 50 ms of fake time: quiet never comes, the maximum delay does
        for (int i = 0; i < 5; i++) {
            time.clock.advance(Duration.ofMillis(50));
            q.mark("p" + i);
            awaitLookSinceMark(time, taken, q);
            long at = (i + 1) * 50L;
            assertTrue(!taken.isDone() || at >= 300, "taken too early at " + at + " ms");
        }
        q.mark("last"); // 250 ms after the first mark: still busy, quiet would come at 350 ms
        time.clock.advance(Duration.ofMillis(60)); // past the maximum delay
        Taken t = taken.get(5, TimeUnit.SECONDS);
        assertTrue(t.set().paths().contains("a") && t.set().paths().contains("last"), t.set().paths().toString());
        long waited = t.at() - start;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(300) && waited < TimeUnit.MILLISECONDS.toNanos(350),
                "taken at the maximum delay, not before it and not at quiet: " + waited / 1_000_000 + " ms");
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

    /** A request compares content, which the rescans queued for other reasons do not: it must not be lost in them. */
    @Test
    void a_requested_rescan_takes_the_place_of_one_queued_for_another_reason_and_keeps_it() throws Exception {
        ChangeQueue q = new ChangeQueue(0, 0, 100);
        q.requestRescan(Rescan.of(Rescan.Kind.EVENTS_LOST, "overflow"));
        q.requestRescan(Rescan.requested("asked"));
        q.requestRescan(Rescan.of(Rescan.Kind.RULES_CHANGED, "ignore rules changed"));
        assertEquals(1, q.depth(), "one rescan");
        assertEquals(Rescan.requested("asked"), q.take(1_000).rescan());
    }

    @Test
    void close_wakes_a_waiting_consumer() throws Exception {
        QueueTime time = new QueueTime(); // fake time: only close, not a timeout, can end the wait
        ChangeQueue q = new ChangeQueue(0, 0, 100, time);
        CompletableFuture<ChangeSet> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return q.take(60_000);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        // take reads the time for its deadline, then again under the queue's lock before it waits
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1)).until(() -> time.looks() >= 2);
        q.depth(); // returns once the consumer has let go of the queue's lock: it is waiting
        q.close();
        assertTrue(taken.get(5, TimeUnit.SECONDS).isEmpty());
    }

    private record Taken(ChangeSet set, long at) {}

    /** Waits until the consumer has looked at the queue since the last mark (or took), then until it lets go of it. */
    private static void awaitLookSinceMark(QueueTime time, CompletableFuture<?> taken, ChangeQueue q) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                .until(() -> time.lookedSinceMark() || taken.isDone());
        q.depth();
    }

    /**
     * The queue's nanoTime, on a {@link FakeClock}. The queue reads it when a path is marked (here on
     * the test's thread) and when the consumer looks whether a set is ready (on another thread), both
     * under its lock; the order of those reads tells whether the consumer has seen a mark.
     */
    private static final class QueueTime implements LongSupplier {
        final FakeClock clock = new FakeClock();
        private final Thread marker = Thread.currentThread();
        private final AtomicLong reads = new AtomicLong();
        private final AtomicLong looks = new AtomicLong();
        private volatile long lastMarkRead;
        private volatile long lastLookRead;
        private volatile long lastLook;

        @Override
        public long getAsLong() {
            long now = clock.nanoTime();
            long n = reads.incrementAndGet();
            if (Thread.currentThread() == marker) {
                lastMarkRead = n;
            } else {
                lastLook = now;
                lastLookRead = n;
                looks.incrementAndGet();
            }
            return now;
        }

        boolean lookedSinceMark() {
            return lastLookRead > lastMarkRead;
        }

        long looks() {
            return looks.get();
        }

        /** The time the consumer last read. */
        long lastLook() {
            return lastLook;
        }
    }

    /**
     * Pending counted queued paths only, so a rescan queued after lost events or more than maxPaths changes
     * read as 0 pending and complete coverage while thousands of files were stale (found in review).
     */
    @Test
    void pending_files_are_the_queued_paths_and_unknown_while_a_rescan_of_unknown_findings_waits() throws Exception {
        ChangeQueue q = new ChangeQueue(0, 0, 3);
        q.mark("a");
        q.mark("b");
        assertEquals(2, q.pendingFiles());
        q.mark("c");
        q.mark("d"); // past maxPaths: a rescan instead
        assertEquals(-1, q.pendingFiles(), "what the rescan will find is not known");
        q.take(0);
        assertEquals(0, q.pendingFiles());

        q.requestRescan(Rescan.of(Rescan.Kind.EVENTS_LOST, "overflow"));
        assertEquals(-1, q.pendingFiles());
        q.take(0);
        q.requestRescan(Rescan.periodic());
        assertEquals(0, q.pendingFiles(), "a timer's check names nothing known to have changed");
        q.take(0);
        q.putBack(ChangeSet.rescanOnly(Rescan.requested("asked")));
        assertEquals(0, q.pendingFiles(), "a pass sent back by a pause: its scan's findings are in the manifest");
        q.take(0);

        // taken while paused and put back unapplied: its scan has not run, so what it will find is not known
        q.putBackUnapplied(ChangeSet.rescanOnly(Rescan.of(Rescan.Kind.RULES_CHANGED, "a .gitignore changed")));
        assertEquals(-1, q.pendingFiles(), "a rescan nothing has run yet");
        q.take(0);
        q.putBackUnapplied(ChangeSet.rescanOnly(Rescan.periodic()));
        assertEquals(0, q.pendingFiles(), "a timer's check, unapplied, still names nothing known to have changed");
    }
}
