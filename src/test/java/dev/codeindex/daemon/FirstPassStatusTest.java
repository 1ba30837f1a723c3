package dev.codeindex.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.api.CheckpointInfo;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.search.Searcher;
import dev.codeindex.testing.FakeEmbedder;
import dev.codeindex.testing.FakeVectorStore;
import java.time.Clock;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.index.ChunkSink;
import dev.codeindex.index.FileOutcome;
import dev.codeindex.index.SinkCounters;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status during the first pass, while it is held at two points (before its scan, and between
 * two batches): it says the work left is unknown until the scan is committed, then exactly how much
 * is left, and the checkpoint follows every commit instead of showing nothing until the pass ends.
 */
class FirstPassStatusTest {
    static final int FILES = 120; // three batches of 50, 50 and 20

    @TempDir
    Path root;
    @TempDir
    Path data;

    final ExecutorService workers = Executors.newFixedThreadPool(2);
    final CountDownLatch inScan = new CountDownLatch(1);
    final CountDownLatch releaseScan = new CountDownLatch(1);
    final CountDownLatch inSecondBatch = new CountDownLatch(1);
    final CountDownLatch releaseBatch = new CountDownLatch(1);
    final CountDownLatch inRescan = new CountDownLatch(1);
    final CountDownLatch releaseRescan = new CountDownLatch(1);
    MapDbManifest manifest;
    WatchedRoot watched;

    /** The offline sink, holding the first pass before its scan and in its second batch. */
    final ChunkSink held = new Held(1, inScan, releaseScan, 2, inSecondBatch, releaseBatch);
    /** The offline sink, holding the second full pass (a rescan) before its scan. */
    final ChunkSink heldRescan = new Held(2, inRescan, releaseRescan, -1, null, null);

    /**
     * The offline sink, holding a pass where the test wants to look: at its {@code scan}-th full pass before
     * the scan (the store's reconcile), and at its {@code batch}-th batch; -1: never.
     */
    static final class Held implements ChunkSink {
        private final AtomicInteger scans = new AtomicInteger();
        private final AtomicInteger batches = new AtomicInteger();
        private final int scan;
        private final CountDownLatch inScan;
        private final CountDownLatch releaseScan;
        private final int batch;
        private final CountDownLatch inBatch;
        private final CountDownLatch releaseBatch;

        Held(int scan, CountDownLatch inScan, CountDownLatch releaseScan, int batch, CountDownLatch inBatch,
             CountDownLatch releaseBatch) {
            this.scan = scan;
            this.inScan = inScan;
            this.releaseScan = releaseScan;
            this.batch = batch;
            this.inBatch = inBatch;
            this.releaseBatch = releaseBatch;
        }

        @Override
        public void reconcile(SinkCounters counters) {
            if (scans.incrementAndGet() == scan) {
                inScan.countDown();
                await(releaseScan);
            }
        }

        @Override
        public int apply(List<FileOutcome> outcomes, List<ManifestEntry> olds, SinkCounters counters,
                         IntConsumer stored, java.util.function.BooleanSupplier stop) {
            if (batches.incrementAndGet() == batch) {
                inBatch.countDown();
                await(releaseBatch);
            }
            return outcomes.size();
        }

        @Override
        public void removed(List<String> paths, List<ManifestEntry> olds, SinkCounters counters) {}

        @Override
        public boolean reusesChunkRefs() {
            return true;
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * While a rescan a user asked for scans (it may read every file), what it will find is not known: pending
     * is -1 and coverage not complete, not the 0 pending of the queue it left (a review of a trial's fix).
     */
    @Test
    void pending_is_unknown_while_a_requested_rescan_scans() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(root.resolve("f" + i + ".txt"), "file " + i + "\n");
        }
        manifest = MapDbManifest.open(data.resolve("m.db"));
        watched = RealRoots.of(root, manifest, heldRescan, workers).settings(WatchedRootTest.FAST)
                .describedAs("a store in the test", "hashed").build();
        watched.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> watched.status().ready() && watched.status().phase().equals("idle"));
        assertEquals(0, watched.status().pending());

        watched.requestRescan(dev.codeindex.watch.Rescan.requested("asked"));
        assertTrue(inRescan.await(30, TimeUnit.SECONDS));
        RootStatus scanning = watched.status();
        assertEquals(-1, scanning.pending(), "the rescan's findings are not known while it scans");
        assertFalse(scanning.coverage().complete(), scanning.coverage().toString());

        releaseRescan.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> watched.status().phase().equals("idle")
                && watched.status().pending() == 0);
    }

    @AfterEach
    void tearDown() throws Exception {
        releaseRescan.countDown();
        releaseScan.countDown();
        releaseBatch.countDown();
        if (watched != null) {
            watched.stop(10_000);
        }
        if (manifest != null) {
            manifest.close();
        }
        workers.shutdownNow();
    }

    @Test
    void pending_is_unknown_until_the_scan_commits_then_exact_and_the_checkpoint_follows_each_batch()
            throws Exception {
        for (int i = 0; i < FILES; i++) {
            Files.writeString(root.resolve(String.format("f%03d.txt", i)), String.format("file %03d%n", i));
        }
        manifest = MapDbManifest.open(data.resolve("m.db"));
        watched = RealRoots.of(root, manifest, held, workers).settings(WatchedRootTest.FAST)
                .describedAs("a store in the test", "hashed").build();
        watched.start();

        assertTrue(inScan.await(30, TimeUnit.SECONDS));
        RootStatus scanning = watched.status();
        assertEquals(RootState.SCANNING, scanning.state());
        assertEquals(-1, scanning.pending(), "how much is left is not known before the scan");
        assertEquals(-1, scanning.etaMillis(), "no time left before anything is stored");
        assertFalse(scanning.checkpoint().runId().isEmpty(), "the run's checkpoint is shown from its first commit");
        assertFalse(scanning.checkpoint().cleanShutdown());
        Daemon daemon = new Daemon(List.of(new Daemon.Root(watched, new Searcher(FakeEmbedder.hashed(),
                new FakeVectorStore()))), "test", Clock.systemUTC());
        SearchAnswer before = daemon.search(new SearchRequest("file", 5, null, null, null));
        assertEquals(List.of(), before.results());
        assertEquals(new Coverage(-1, 0, 0, true), before.coverage(), "nothing committed, the total not known");

        releaseScan.countDown();
        assertTrue(inSecondBatch.await(30, TimeUnit.SECONDS));
        RootStatus between = watched.status();
        CheckpointInfo cp = between.checkpoint();
        assertEquals(FILES - 50, between.pending(), "the files of the batches not yet committed");
        assertEquals(50, cp.filesDone());
        assertEquals(FILES, cp.filesTotal());
        assertEquals(1, cp.batchesCommitted());
        assertEquals("index", cp.phase());
        assertEquals(50L, between.totals().get("files"));
        assertTrue(cp.updatedAt() > 0, "the checkpoint's time is the run's, not the epoch");
        assertFalse(cp.cleanShutdown(), "a run in progress has not shut down");
        assertEquals("index", between.phase());
        assertEquals(50, between.chunksDone(), "one chunk per one-line file, the first batch's");
        assertEquals(FILES, between.chunksTotal(), "estimated from the bytes left: the files are alike");
        assertTrue(between.etaMillis() >= 0, "a time left once the first batch is stored");
        assertEquals(new Coverage(FILES, 50, 50, true), between.coverage(), "the first batch, of all the files");
        assertEquals(between.coverage(), daemon.search(new SearchRequest("file", 5, null, null, null)).coverage());
        assertEquals(between.coverage(), daemon.findSymbol(new SymbolRequest("f", 5, null, null)).coverage());

        releaseBatch.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> watched.status().ready() && watched.status().phase().equals("idle"));
        RootStatus done = watched.status();
        assertEquals(0, done.pending());
        assertEquals("done", done.checkpoint().phase());
        assertEquals((long) FILES, done.totals().get("files"));
        assertEquals(new Coverage(FILES, FILES, FILES, false), done.coverage());
        assertTrue(done.coverage().complete());
    }
}
