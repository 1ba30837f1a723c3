package dev.codeindex.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.api.Coverage;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.index.IndexRun;
import dev.codeindex.index.RunSettings;
import dev.codeindex.index.SemanticSink;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched root's first pass in two phases, with the real manifest, store and watcher: while the
 * model is held in the embed phase, symbol and keyword search already find definitions anywhere in
 * the tree, and status and answers say how much is embedded; a file edited meanwhile is indexed by
 * the change path once the pass ends, and everything ends embedded.
 */
class TwoPhaseFirstPassTest {
    static final int FILES = 300;

    @TempDir
    Path root;
    @TempDir
    Path data;

    final ExecutorService workers = Executors.newFixedThreadPool(2);
    final CountDownLatch modelHeld = new CountDownLatch(1);
    /** One permit per embed call the model may make; none at first, so the embed phase is held at its first call. */
    final Semaphore calls = new Semaphore(0);
    MapDbManifest manifest;
    LuceneStore store;
    WatchedRoot watched;

    @AfterEach
    void tearDown() throws Exception {
        calls.release(1_000_000);
        if (watched != null) {
            watched.stop(10_000);
        }
        if (store != null) {
            store.close();
        }
        if (manifest != null) {
            manifest.close();
        }
        workers.shutdownNow();
    }

    /** {@link #FILES} Java files, the real manifest and store, and a model held until {@link #calls} has permits. */
    WatchedRoot rootWithAHeldModel() throws Exception {
        for (int i = 0; i < FILES; i++) {
            Files.writeString(root.resolve(String.format("Module%04d.java", i)), String.format(
                    "class Module%04d {\n    int compute%d(int x) {\n        return x * %d;\n    }\n}\n", i, i, i));
        }
        manifest = MapDbManifest.open(data.resolve("m.db"));
        store = new LuceneStore(data.resolve("lucene"));
        FakeEmbedder indexing = FakeEmbedder.hashed().beforeEmbed(texts -> {
            modelHeld.countDown();
            try {
                assertTrue(calls.tryAcquire(60, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return RealRoots.of(root, manifest, new SemanticSink(indexing, store, manifest, "test"), workers,
                        new RunSettings(50, 1 << 20, 1 << 20, 0, false))
                .settings(WatchedRootTest.FAST).describedAs("embedded", "hash-8").build();
    }

    @Test
    void definitions_are_found_while_the_vectors_are_still_coming_and_an_edit_meanwhile_ends_right() throws Exception {
        watched = rootWithAHeldModel();
        // queries are embedded by a model of their own (the same one), which is never held
        Daemon daemon = new Daemon(List.of(new Daemon.Root(watched, new Searcher(FakeEmbedder.hashed(), store))),
                "test", Clock.systemUTC());
        watched.start();

        assertTrue(modelHeld.await(60, TimeUnit.SECONDS), "the embed phase started");
        RootStatus embedding = watched.status();
        assertEquals("embed", embedding.phase());
        assertEquals(FILES, embedding.progressTotal(), "the embed phase counts its own files");
        assertEquals(0, embedding.pending(), "every file is in the index: only vectors are to come");
        assertEquals("embed", embedding.checkpoint().phase());
        Coverage c = embedding.coverage();
        assertEquals(FILES, c.keyword(), "every file keyword-indexed: " + c);
        assertEquals(FILES, c.files(), "and no file waiting for the index phase: " + c);
        assertEquals(0, c.embedded(), "none embedded yet: " + c);
        assertFalse(c.complete());

        for (int i : new int[] {0, 123, 299}) {
            SearchAnswer defs = daemon.findSymbol(new SymbolRequest("compute" + i, 3, null));
            assertEquals(String.format("Module%04d.java", i), defs.results().get(0).path(), defs.toString());
            assertEquals(c, defs.coverage());
            SearchAnswer words = daemon.search(new SearchRequest("compute" + i, 3, null, null, null));
            assertEquals(String.format("Module%04d.java", i), words.results().get(0).path(), words.toString());
            assertEquals(0, words.coverage().embedded(), "the answer says nothing is embedded yet");
        }

        // an edit while the model is held: once the batch in flight is stored, the embed phase gives way
        // to it, long before the other files have their vectors
        Files.writeString(root.resolve("Module0007.java"),
                "class Module0007 {\n    int addedWhileEmbedding(int x) {\n        return x;\n    }\n}\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> watched.status().queueDepth() > 0);
        calls.release(6); // the batch in flight, and the edited file's own
        await().atMost(Duration.ofSeconds(60)).until(() -> !daemon.findSymbol(
                new SymbolRequest("addedWhileEmbedding", 3, null)).results().isEmpty());
        Coverage meanwhile = watched.status().coverage();
        assertTrue(meanwhile.embedded() < FILES, "the edit did not wait for the embed phase: " + meanwhile);
        assertTrue(watched.status().ready(), "the first pass gave way: keyword search is ready");
        calls.release(1_000_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> watched.status().coverage().complete()
                && "idle".equals(watched.status().phase()));
        assertTrue(daemon.findSymbol(new SymbolRequest("compute7", 3, null)).results().stream()
                .noneMatch(r -> r.path().equals("Module0007.java")), "the old definition is gone");
        // the edit's entry in `recent` counts the edit's chunks, not the vectors its pass went on to embed for
        // the files still queued (a vim save read "2,207 embedded, 341 s": a new-user trial)
        var edit = watched.status().recent().stream().filter(p -> p.rescan() == null
                && p.samplePaths().contains("Module0007.java")).findFirst().orElseThrow();
        assertTrue(edit.chunksEmbedded() <= 3, "the edited file's own chunks: " + edit);
        assertEquals(new Coverage(FILES, FILES, FILES, false), watched.status().coverage());
        long points = store.count();
        long withVectors = 0;
        for (int i = 0; i < FILES; i++) {
            withVectors += store.chunksOf(String.format("Module%04d.java", i)).stream().filter(p -> p.vector() != null)
                    .count();
        }
        assertEquals(points, withVectors, "every point has its vector");
        assertTrue(IndexRun.TWO_PHASE_MIN_FILES <= FILES, "this tree is large enough for two phases");
    }

    @Test
    void a_pause_in_the_embed_phase_shows_the_files_waiting_for_vectors_and_no_phantom_pending_file() throws Exception {
        watched = rootWithAHeldModel();
        watched.start();
        assertTrue(modelHeld.await(60, TimeUnit.SECONDS), "the embed phase started");

        watched.pauseIndexing();
        calls.release(1); // the model call in flight ends; the phase stops after it
        await().atMost(Duration.ofSeconds(30)).until(() -> "idle".equals(watched.status().phase()));
        RootStatus paused = watched.status();
        assertEquals(RootState.PAUSED, paused.state());
        assertEquals(0, paused.pending(), "every file is in the index; the first pass that goes back to the queue"
                + " is no file waiting: " + paused);
        Coverage c = paused.coverage();
        assertEquals(FILES, c.keyword(), c.toString());
        assertEquals(FILES, c.files(), "no file waits for the index phase: " + c);
        assertTrue(c.embedded() < FILES, c.toString());

        watched.resumeIndexing();
        calls.release(1_000_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> watched.status().coverage().complete()
                && "idle".equals(watched.status().phase()) && watched.status().ready());
        assertEquals(new Coverage(FILES, FILES, FILES, false), watched.status().coverage());
    }
}
