package dev.codeindex.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.store.StoreUnavailableException;
import dev.codeindex.testing.FakeClock;
import dev.codeindex.testing.FakeIndexer;
import dev.codeindex.testing.FakeSleeper;
import dev.codeindex.testing.FakeTreeWatch;
import dev.codeindex.watch.Rescan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root's loop stepped by hand on a fake clock: retries, backoff, the periodic rescan and watcher
 * supervision, with no thread, no sleep and no real watcher.
 */
class RootLoopTest {
    /** No debounce (a marked path is taken at once), 10 min rescans, 30 s unwatched, backoff 1 s to 8 s. */
    static final WatchSettings SETTINGS = new WatchSettings(0, 0, 4_096, 600_000, 30_000, 1_000, 8_000);

    @TempDir
    Path root;

    final FakeClock clock = new FakeClock();
    final FakeIndexer indexer = new FakeIndexer();
    final FakeTreeWatch.Factory watches = FakeTreeWatch.factory();
    final FakeSleeper sleeper = new FakeSleeper(clock);

    WatchedRoot build() {
        return WatchedRoot.builder().root(root).indexer(indexer).watchers(watches).settings(SETTINGS).clock(clock)
                .pause(sleeper)
                .build();
    }

    /** The waits the loop asked for, in milliseconds. */
    List<Long> pauses() {
        return sleeper.slept().stream().map(Duration::toMillis).toList();
    }

    @Test
    void the_first_step_arms_the_watcher_and_runs_the_initial_full_pass() {
        java.util.concurrent.atomic.AtomicInteger armedAtPass = new java.util.concurrent.atomic.AtomicInteger(-1);
        indexer.beforePass(() -> armedAtPass.compareAndSet(-1, watches.armings()));
        WatchedRoot r = build();
        assertEquals(RootState.SCANNING, r.status().state());
        assertTrue(r.step());
        assertEquals(1, watches.armings());
        assertEquals(1, armedAtPass.get(), "armed before the initial scan, so edits made during it are caught");
        assertEquals(1, indexer.fullPasses());
        RootStatus s = r.status();
        assertEquals(RootState.WATCHING, s.state());
        assertTrue(s.ready());
        assertEquals(1, s.rescans());
        assertEquals("initial pass", s.recent().get(0).rescan());
    }

    @Test
    void what_waits_for_the_initial_pass_runs_once_after_it_succeeds_and_a_failure_there_stops_nothing() {
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong passesWhenRun = new java.util.concurrent.atomic.AtomicLong(-1);
        indexer.failNext(1, new StoreUnavailableException("store down", null));
        WatchedRoot r = WatchedRoot.builder().root(root).indexer(indexer).watchers(watches).settings(SETTINGS)
                .clock(clock).pause(sleeper).afterInitialPass(() -> {
                    passesWhenRun.set(indexer.passes().size());
                    ran.incrementAndGet();
                    throw new IllegalStateException("the model cannot load");
                }).build();
        r.step();
        assertEquals(0, ran.get(), "not after a failed initial pass");
        r.step();
        assertEquals(1, ran.get());
        assertEquals(indexer.passes().size(), passesWhenRun.get(), "after the pass, not before");
        watches.current().changed("src/A.java");
        assertTrue(r.step(), "the loop goes on");
        assertEquals(1, ran.get(), "once");
        assertEquals(Set.of("src/A.java"), indexer.passes().get(indexer.passes().size() - 1).paths());
    }

    /**
     * An Error (a fault on a mapped file when the disk filled, out of memory) stopped the root's loop and
     * left the daemon serving with a dead root, its health still 200 (a new-user trial): the root reports
     * it, and the daemon is told, so that it can exit and start clean.
     */
    @Test
    void an_error_that_stops_the_loop_is_reported_and_handed_to_the_fatal_handler() throws Exception {
        InternalError fault = new InternalError("a fault occurred in a recent unsafe memory access operation in compiled"
                + " Java code");
        indexer.beforePass(() -> {
            throw fault;
        });
        java.util.concurrent.CompletableFuture<Throwable> told = new java.util.concurrent.CompletableFuture<>();
        WatchedRoot r = WatchedRoot.builder().root(root).indexer(indexer).watchers(watches).settings(SETTINGS)
                .clock(clock).pause(sleeper).onFatal(told::complete).build();
        r.start();
        try {
            assertEquals(fault, told.get(30, java.util.concurrent.TimeUnit.SECONDS));
            // the handler is told first (what follows may fail the same way); the root reports it just after
            RootStatus s = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(r::status,
                    st -> st.state() == RootState.DEGRADED);
            assertEquals(RootState.DEGRADED, s.state());
            assertTrue(s.reason().contains("unsafe memory access"), s.reason());
        } finally {
            r.stop(10_000);
        }
        assertTrue(dev.codeindex.util.DiskSpace.mappedFault(new RuntimeException("wrapped", fault)));
        assertFalse(dev.codeindex.util.DiskSpace.mappedFault(new InternalError("something else")));
    }

    /**
     * A worker's out-of-memory reaches the loop wrapped in the pass's failure: it was retried for ever
     * (found in review). It is fatal as when unwrapped; a stack overflow (a parser on one odd file) is not,
     * or a service would restart into it again and again.
     */
    @Test
    void a_workers_wrapped_out_of_memory_is_fatal_and_a_stack_overflow_is_not() throws Exception {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        indexer.failNext(1, new IllegalStateException("file processing failed unexpectedly", oom));
        java.util.concurrent.CompletableFuture<Throwable> told = new java.util.concurrent.CompletableFuture<>();
        WatchedRoot r = WatchedRoot.builder().root(root).indexer(indexer).watchers(watches).settings(SETTINGS)
                .clock(clock).pause(sleeper).onFatal(told::complete).build();
        r.start();
        try {
            assertEquals(oom, told.get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, indexer.passes().size(), "not retried");
        } finally {
            r.stop(10_000);
        }
        assertEquals(null, RootLoop.fatal(new IllegalStateException("parse", new StackOverflowError())));
        assertEquals(oom, RootLoop.fatal(new RuntimeException(new IllegalStateException("x", oom))));
    }

    @Test
    void a_marked_path_becomes_a_pass_over_that_path_only() {
        WatchedRoot r = build();
        r.step();
        watches.current().changed("src/A.java");
        r.step();
        assertEquals(Set.of("src/A.java"), indexer.passes().get(1).paths());
        assertEquals(1, r.status().rescans(), "no rescan for a change the watcher reported");
    }

    @Test
    void a_failing_pass_is_put_back_and_retried_after_a_doubling_wait_capped_then_reset() {
        WatchedRoot r = build();
        r.step();
        indexer.failNext(5, new StoreUnavailableException("store down", null));
        r.requestPath("a.txt");
        for (int i = 0; i < 5; i++) {
            r.step();
            RootStatus s = r.status();
            assertEquals(RootState.DEGRADED, s.state());
            assertEquals("store down", s.reason());
            assertFalse(s.ready());
        }
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 8_000L), pauses());
        r.step();
        assertEquals(RootState.WATCHING, r.status().state());
        assertEquals("store down", r.status().lastError(), "the last error stays visible");
        assertTrue(r.status().lastErrorResolvedAt() > 0, "and says it was resolved (a team trial read it as current)");
        assertTrue(r.status().lastErrorResolvedAt() >= r.status().lastErrorAt());
        // every retry was over the same path: nothing was lost
        indexer.passes().subList(1, 7).forEach(p -> assertEquals(Set.of("a.txt"), p.paths()));
        indexer.failNext(1, new StoreUnavailableException("again", null));
        r.requestPath("b.txt");
        r.step();
        assertEquals(0, r.status().lastErrorResolvedAt(), "a new error stands until a pass succeeds");
        assertEquals(1_000L, pauses().get(pauses().size() - 1), "a success resets the wait");
    }

    @Test
    void when_nothing_changes_the_periodic_rescan_runs_once_its_interval_has_passed() {
        WatchedRoot r = build();
        r.step();
        clock.advance(Duration.ofMillis(SETTINGS.rescanMillis() + 1));
        r.step();
        assertEquals(2, indexer.fullPasses());
        assertEquals(2, r.status().rescans());
        assertTrue(pauses().isEmpty(), "a periodic rescan never waits");
    }

    /**
     * Only a rescan a user asked for reads the files whose size and mtime are unchanged: it may follow a
     * copy that kept them; the others run often, and a stat is what keeps them cheap.
     */
    @Test
    void a_requested_rescan_compares_content_and_the_initial_periodic_and_lost_event_ones_do_not() {
        WatchedRoot r = build();
        r.step();
        clock.advance(Duration.ofMillis(SETTINGS.rescanMillis() + 1));
        r.step();
        r.requestRescan(Rescan.of(Rescan.Kind.EVENTS_LOST, "the watcher lost events (overflow)"));
        r.step();
        r.requestRescan(Rescan.requested(Daemon.REQUESTED));
        r.step();
        List<FakeIndexer.Pass> passes = indexer.passes();
        assertEquals(4, indexer.fullPasses());
        assertEquals(List.of(false, false, false, true), passes.stream().map(FakeIndexer.Pass::compareContent).toList());
    }

    /**
     * A pause during a requested rescan ends its scan early (it reads every file): while paused, the files
     * waiting are not known, not the few its cut scan had found (a review).
     */
    @Test
    void a_requested_rescan_paused_mid_pass_leaves_pending_unknown_until_it_runs_again() {
        WatchedRoot r = build();
        r.step();
        assertEquals(0, r.status().pending());
        indexer.beforePass(r::pauseIndexing);
        r.requestRescan(Rescan.requested(Daemon.REQUESTED));
        r.step();
        assertTrue(r.paused());
        assertEquals(-1, r.status().pending(), "the rescan's findings are not known");
        indexer.beforePass(() -> { });
        r.resumeIndexing();
        r.step();
        assertEquals(0, r.status().pending());
    }

    @Test
    void a_watcher_that_died_is_rearmed_and_the_pending_paths_become_a_rescan() {
        WatchedRoot r = build();
        r.step();
        FakeTreeWatch first = watches.current();
        first.changed("a.txt");
        first.die("gone");
        r.step();
        assertEquals(2, watches.armings());
        assertTrue(indexer.passes().get(1).full(), "events may have been missed while it was dead");
        assertTrue(watches.current().alive());
    }

    @Test
    void an_ignore_rule_change_rearms_the_watcher() {
        WatchedRoot r = build();
        r.step();
        watches.current().rulesChange();
        r.requestRescan(Rescan.of(Rescan.Kind.RULES_CHANGED, "ignore rules changed: .gitignore"));
        r.step();
        assertEquals(2, watches.armings());
    }

    @Test
    void a_tree_that_cannot_be_watched_is_degraded_rescans_on_the_short_timer_and_recovers() {
        watches.refuse("User limit of inotify watches reached");
        WatchedRoot r = build();
        r.step();
        RootStatus s = r.status();
        assertEquals(RootState.DEGRADED, s.state());
        assertTrue(s.reason().startsWith("cannot watch the tree (the inotify watch limit is reached"), s.reason());
        assertTrue(s.ready(), "the index is complete; it may see changes late");
        assertFalse(s.watcherAlive());
        watches.allow();
        clock.advance(Duration.ofMillis(SETTINGS.unwatchedMillis() + 1));
        r.step();
        assertEquals(2, indexer.fullPasses(), "the short timer ran a rescan");
        assertEquals(RootState.WATCHING, r.status().state());
        assertNull(r.status().reason());
    }

    @Test
    void rescans_that_keep_being_triggered_wait_longer_each_time() {
        WatchedRoot r = build();
        r.step();
        for (int i = 0; i < 3; i++) {
            r.requestRescan(Rescan.of(Rescan.Kind.EVENTS_LOST, "the watcher lost events (overflow)"));
            r.step();
        }
        assertEquals(List.of(1_000L, 2_000L, 4_000L), pauses());
        assertEquals(4, indexer.fullPasses());
    }

    @Test
    void a_sync_is_done_once_the_pass_holding_its_cookie_is_applied() throws Exception {
        WatchedRoot r = build();
        r.step();
        var done = r.sync();
        assertFalse(done.isDone());
        String cookie = java.nio.file.Files.list(root).map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(dev.codeindex.walk.WalkOptions.COOKIE_PREFIX)).findFirst().orElseThrow();
        watches.current().cookie(cookie.substring(dev.codeindex.walk.WalkOptions.COOKIE_PREFIX.length()));
        r.step();
        assertTrue(done.isDone());
        assertNull(done.get(), "completed normally");
        assertFalse(java.nio.file.Files.exists(root.resolve(cookie)), "the cookie file is removed");
    }

    @Test
    void a_loop_that_fails_outside_a_pass_reports_degraded_instead_of_its_last_state() throws Exception {
        WatchedRoot r = build();
        r.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> r.status().ready());
        FakeTreeWatch first = watches.current();
        first.failOnClose(new IllegalStateException("close failed"));
        first.die("gone");
        r.requestPath("a.txt"); // the next step re-arms, which closes the dead watch
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> r.status().state() == RootState.DEGRADED);
        assertEquals("the root's loop stopped: close failed", r.status().reason());
        assertFalse(r.status().ready());
        r.stop(5_000);
    }
}
