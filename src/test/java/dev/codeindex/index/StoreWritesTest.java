package dev.codeindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.embed.EmbedderUnavailableException;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.StoreUnavailableException;
import dev.codeindex.testing.FakeEmbedder;
import dev.codeindex.testing.InterceptingManifest;
import dev.codeindex.testing.JavaTrees;
import dev.codeindex.testing.FakeVectorStore;
import dev.codeindex.testing.FakeVectorStore.Op;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's writes of a semantic batch run on a thread of their own while the batch goes on; a write
 * that fails there fails the batch as it would have failed in line: nothing after it is written, the
 * store is not committed, the manifest records nothing, and the next run stores everything.
 */
class StoreWritesTest {
    static final int FILES = 48;

    @TempDir
    Path root;
    @TempDir
    Path data;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private IndexSummary run(MapDbManifest m, FakeVectorStore store) throws Exception {
        return run(m, store, FILES);
    }

    private IndexSummary run(MapDbManifest m, FakeVectorStore store, int batch) throws Exception {
        return run(m, store, batch, FakeEmbedder.hashed());
    }

    private IndexSummary run(MapDbManifest m, FakeVectorStore store, int batch, FakeEmbedder embedder) throws Exception {
        return run(m, m, store, batch, embedder);
    }

    /** A run whose index run writes {@code manifest} (a hook around {@code m}, the sink's vector cache). */
    private IndexSummary run(Manifest manifest, MapDbManifest m, FakeVectorStore store, int batch,
                             FakeEmbedder embedder) throws Exception {
        return run(manifest, new SemanticSink(embedder, store, m, "test"), batch);
    }

    private IndexSummary run(Manifest manifest, SemanticSink sink, int batch) throws Exception {
        SourceChunker chunker = new SourceChunker(new ChunkLimits(3, 1000, 1), TokenBudget.NONE,
                Map.of("java", new JavaStructureParser()), 2 << 20);
        // one batch holds the whole tree; the embedder's calls of 32 texts give several upserts in it
        return IndexRun.builder().root(root).manifest(manifest).walker(new Walker(root, WalkOptions.defaults()))
                .chunker(chunker).workers(workers).settings(new RunSettings(batch, 1 << 24, 1 << 20, 0, false))
                .sink(sink).clock(Clock.systemUTC())
                .stopWhen(() -> false).build().run();
    }

    /** Whether the manifest records {@code C<i>.java} as indexed. */
    private static boolean recorded(MapDbManifest m, int i) {
        return m.get(String.format("C%02d.java", i)).map(x -> x.state() == FileState.INDEXED).orElse(false);
    }

    /** Whether {@code store} holds the points of class {@code C<i>}. */
    private static boolean stored(FakeVectorStore store, int i) {
        return !store.searchSymbol("C" + i, 1, SearchFilter.NONE).isEmpty();
    }

    @Test
    void the_manifest_records_a_batch_only_once_the_store_has_committed_it_behind_its_writes() throws Exception {
        JavaTrees.classes(root, FILES, 3);
        // batches of 12 files: the store commits each behind its writes while the next batch goes on;
        // its second commit fails
        FakeVectorStore store = new FakeVectorStore().failFrom(Op.COMMIT, 2);
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            assertThrows(StoreUnavailableException.class, () -> run(m, store, 12));
            assertEquals(2, store.calls(Op.COMMIT), "no commit after the failed one");
            FakeVectorStore durable = store.reopen();
            int indexed = 0;
            for (int i = 0; i < FILES; i++) {
                if (recorded(m, i)) {
                    indexed++;
                    assertTrue(stored(durable, i), "C" + i + " is recorded, so its points must be committed");
                }
            }
            assertEquals(12, indexed, "the first batch, whose commit succeeded, and nothing after it");

            FakeVectorStore healed = store.reopen();
            IndexSummary s = run(m, healed, 12);
            assertEquals(FILES - 12, s.indexed());
            assertEquals(4 - 1, healed.calls(Op.COMMIT), "three batches left, one commit each");
        }
    }

    /**
     * The batch before a failed one keeps its place: its store commit went through behind its writes,
     * so the manifest records it although the next batch failed before its own (a run loses at most
     * the batch in flight).
     */
    @Test
    void a_batch_the_store_committed_stays_recorded_when_the_next_batch_fails() throws Exception {
        JavaTrees.classes(root, FILES, 3);
        FakeVectorStore store = new FakeVectorStore();
        // the embedder goes down at the second batch of 12 (files C12..C23)
        FakeEmbedder embedder = FakeEmbedder.hashed().beforeEmbed(texts -> {
            if (texts.stream().anyMatch(t -> t.contains("class C12 "))) {
                throw new EmbedderUnavailableException("the model went away", null);
            }
        });
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            assertThrows(EmbedderUnavailableException.class, () -> run(m, store, 12, embedder));
            FakeVectorStore durable = store.reopen();
            for (int i = 0; i < FILES; i++) {
                assertEquals(i < 12, recorded(m, i), "C" + i + ": only the first batch is recorded");
                assertTrue(!recorded(m, i) || stored(durable, i), "C" + i + " is recorded, so its points are committed");
            }

            FakeVectorStore healed = durable.reopen();
            IndexSummary s = run(m, healed, 12);
            assertEquals(FILES - 12, s.indexed(), "the next run stores only what the failed one had not recorded");
            assertEquals(s.chunksTotal(), healed.reopen().count(), "and ends with one point per chunk");
        }
    }

    /**
     * A failure while the manifest takes a batch's entries, with that batch's store commit still behind
     * (and failing): the entries written so far are rolled back, so no later commit records files the
     * store never committed.
     */
    @Test
    void entries_cut_short_while_the_store_commit_is_behind_are_rolled_back() throws Exception {
        JavaTrees.classes(root, FILES, 3);
        FakeVectorStore store = new FakeVectorStore().failFrom(Op.COMMIT, 2);
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            InterceptingManifest failing = new InterceptingManifest(m)
                    .afterPut((path, entry) -> {
                        if (path.equals("C13.java")) {
                            throw new IllegalStateException("the manifest failed mid-batch");
                        }
                    });
            assertThrows(IllegalStateException.class, () -> run(failing, m, store, 12, FakeEmbedder.hashed()));

            FakeVectorStore healed = store.reopen();
            IndexSummary s = run(m, healed, 12);
            for (int i = 0; i < FILES; i++) {
                assertTrue(recorded(m, i) && stored(healed, i), "C" + i + " is recorded, and its points are stored");
            }
            assertEquals(s.chunksTotal(), healed.reopen().count(), "one committed point per chunk");
        }
    }

    /**
     * The run's last batch: its store commit, behind its writes, fails once the manifest holds the
     * batch's entries; the run ends with nothing recorded (the failure is known only when the run
     * awaits that commit, and a second look at the sink would find no commit left to wait for).
     */
    @Test
    void a_failed_commit_of_the_last_batch_leaves_nothing_recorded() throws Exception {
        JavaTrees.classes(root, FILES, 3);
        FakeVectorStore store = new FakeVectorStore().failFrom(Op.COMMIT, 1);
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            assertThrows(StoreUnavailableException.class, () -> run(m, store));
            assertEquals(0, store.reopen().count(), "the store committed nothing");
            m.commit(); // whatever a later run commits: nothing of the failed batch is left in the manifest
            for (int i = 0; i < FILES; i++) {
                assertFalse(recorded(m, i), "C" + i + " is not recorded");
            }
        }
    }

    /**
     * Batch 2's store commit fails while batch 3 is embedded, and then batch 3 fails too: batch 2,
     * recorded but not committed by the store, is rolled back; batch 1 stays.
     */
    @Test
    void a_recorded_batch_whose_commit_failed_is_rolled_back_when_the_next_batch_fails() throws Exception {
        JavaTrees.classes(root, FILES, 3);
        FakeVectorStore store = new FakeVectorStore().failFrom(Op.COMMIT, 2);
        FakeEmbedder embedder = FakeEmbedder.hashed().beforeEmbed(texts -> {
            if (texts.stream().anyMatch(t -> t.contains("class C24 "))) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (store.calls(Op.COMMIT) < 2 && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // batch 2's commit has been tried (and failed) before batch 3 fails
                }
                throw new EmbedderUnavailableException("the model went away", null);
            }
        });
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            assertThrows(EmbedderUnavailableException.class, () -> run(m, store, 12, embedder));
            assertEquals(2, store.calls(Op.COMMIT));
            m.commit(); // whatever a later run commits
            for (int i = 0; i < FILES; i++) {
                assertEquals(i < 12, recorded(m, i), "C" + i + ": batch 1 only");
            }
        }
    }

    /** A watch daemon keeps one sink for all its runs: a run that failed leaves nothing queued for the next. */
    @Test
    void one_sink_serves_the_run_after_a_failed_commit() throws Exception {
        JavaTrees.classes(root, FILES, 3);
        FakeVectorStore store = new FakeVectorStore().failFrom(Op.COMMIT, 2);
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            SemanticSink sink = new SemanticSink(FakeEmbedder.hashed(), store, m, "test");
            assertThrows(StoreUnavailableException.class, () -> run(m, sink, 12));
            store.failFrom(Op.COMMIT, Integer.MAX_VALUE); // the store is back

            IndexSummary s = run(m, sink, 12);
            assertEquals(FILES - 12, s.indexed());
            for (int i = 0; i < FILES; i++) {
                assertTrue(recorded(m, i), "C" + i);
            }
            assertEquals(s.chunksTotal(), store.reopen().count(), "every chunk committed once");
        }
    }

    @Test
    void an_upsert_that_fails_on_the_store_thread_fails_the_batch_before_anything_after_it_is_written() throws Exception {
        JavaTrees.classes(root, FILES, 3);
        FakeVectorStore store = new FakeVectorStore().failFrom(Op.UPSERT, 2);
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> run(m, store));
            assertTrue(e.getMessage().contains("(upsert)"), "the store's own failure: " + e.getMessage());
            assertEquals(2, store.calls(Op.UPSERT), "the failed write was the last one tried");
            assertEquals(0, store.calls(Op.COMMIT), "a failed batch is not committed");
            assertEquals(0, store.reopen().count(), "nothing of the batch is durable");
            for (int i = 0; i < FILES; i++) {
                assertFalse(recorded(m, i), "the manifest records no file of the failed batch");
            }

            FakeVectorStore healed = store.reopen();
            IndexSummary s = run(m, healed);
            assertEquals(FILES, s.indexed());
            assertTrue(healed.calls(Op.UPSERT) >= 3, "the batch takes several upserts: " + healed.calls(Op.UPSERT));
            assertEquals(s.chunksTotal(), healed.count());
            assertEquals(s.chunksTotal(), healed.reopen().count(), "committed");
        }
    }
}
