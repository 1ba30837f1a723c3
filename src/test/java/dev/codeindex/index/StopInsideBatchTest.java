package dev.codeindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.store.PointRef;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop asked while a semantic batch is embedded ends the embedding between two model calls: the
 * leading files whose vectors are all computed are stored and committed, the rest stay pending
 * with their old points untouched, and the next run converges without embedding anything twice.
 * (A daemon asked to stop used to wait for the whole batch, and past its bound the JVM exited with
 * the model still running.)
 */
class StopInsideBatchTest {
    static final int FILES = 48;

    @TempDir
    Path root;
    @TempDir
    Path data;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @AfterEach
    void shutdown() {
        workers.shutdownNow();
    }

    private void writeTree(String version) throws Exception {
        for (int i = 0; i < FILES; i++) {
            StringBuilder src = new StringBuilder("package pkg;\nclass C" + i + " {\n");
            for (int k = 0; k < 3; k++) {
                src.append("    int m").append(k).append("_").append(i).append("() { return \"").append(version)
                        .append("\".length() + ").append(i * 10 + k).append("; }\n");
            }
            Files.writeString(root.resolve(String.format("C%02d.java", i)), src.append("}\n").toString());
        }
    }

    private IndexSummary run(MapDbManifest m, LuceneStore store, FakeEmbedder embedder, BooleanSupplier stop)
            throws Exception {
        SourceChunker chunker = new SourceChunker(new ChunkLimits(3, 1000, 1), TokenBudget.NONE,
                Map.of("java", new JavaStructureParser()), 2 << 20);
        // one batch holds the whole tree, so a stop can only land inside it
        return IndexRun.builder().root(root).manifest(m).walker(new Walker(root, WalkOptions.defaults()))
                .chunker(chunker).workers(workers).settings(new RunSettings(FILES, 1 << 24, 1 << 20, 0, false))
                .sink(new SemanticSink(embedder, store, m, "test")).clock(Clock.systemUTC()).stopWhen(stop)
                .build().run();
    }

    /** Points in the store by path. */
    private static Map<String, Integer> pointsByPath(LuceneStore store) {
        Map<String, Integer> out = new TreeMap<>();
        store.forEachPoint(500, page -> {
            for (PointRef p : page) {
                out.merge(p.path(), 1, Integer::sum);
            }
        });
        return out;
    }

    private static Map<String, ManifestEntry> entries(MapDbManifest m) {
        Map<String, ManifestEntry> out = new HashMap<>();
        for (Iterator<Map.Entry<String, ManifestEntry>> it = m.entries(); it.hasNext(); ) {
            Map.Entry<String, ManifestEntry> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    @Test
    void a_stop_while_embedding_stores_the_finished_files_and_the_next_run_embeds_only_the_rest() throws Exception {
        writeTree("v1");
        FakeEmbedder embedder = FakeEmbedder.hashed();
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"));
             LuceneStore store = new LuceneStore(data.resolve("store"))) {
            IndexSummary stopped = run(m, store, embedder, () -> embedder.calls() >= 2);
            assertEquals(2, embedder.calls(), "the embedding ended at the first call boundary after the stop");
            long embeddedBeforeStop = embedder.texts();

            Map<String, ManifestEntry> indexed = entries(m);
            assertTrue(indexed.size() > 0 && indexed.size() < FILES, "a part of the batch is stored: " + indexed.size());
            assertEquals(indexed.size(), stopped.indexed());
            Map<String, Integer> points = pointsByPath(store);
            assertEquals(indexed.keySet(), points.keySet(), "the store holds exactly the files the manifest records");
            for (Map.Entry<String, ManifestEntry> e : indexed.entrySet()) {
                assertEquals(FileState.INDEXED, e.getValue().state());
                assertEquals(e.getValue().chunks().size(), points.get(e.getKey()), e.getKey());
            }
            assertEquals(FILES - indexed.size(), m.pendingCount(), "the files left out stay pending");
            assertTrue(m.checkpoint().filesDone() == indexed.size(), "checkpoint: " + m.checkpoint());

            IndexSummary resumed = run(m, store, embedder, () -> false);
            assertEquals(FILES, entries(m).size());
            assertEquals(0, m.pendingCount());
            long chunks = 0;
            java.util.Set<String> texts = new java.util.HashSet<>();
            for (ManifestEntry e : entries(m).values()) {
                chunks += e.chunks().size();
                e.chunks().forEach(c -> texts.add(c.hash()));
            }
            assertEquals(chunks, store.count(), "no duplicate or missing point");
            assertEquals(texts.size(), embedder.texts(), "every distinct text embedded once: "
                    + embeddedBeforeStop + " before the stop, " + resumed.chunksEmbedded() + " after");
        }
    }

    @Test
    void files_whose_vectors_are_in_are_stored_while_the_next_call_embeds() throws Exception {
        writeTree("v1");
        dev.codeindex.testing.FakeVectorStore store = new dev.codeindex.testing.FakeVectorStore();
        java.util.List<Integer> upsertsSeenBySecondCall = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger call = new java.util.concurrent.atomic.AtomicInteger();
        FakeEmbedder embedder = FakeEmbedder.hashed().beforeEmbed(batch -> {
            if (call.incrementAndGet() == 2) {
                // the first call's files are written while this one runs: wait (bounded) to see it
                long end = System.nanoTime() + 5_000_000_000L;
                while (store.calls(dev.codeindex.testing.FakeVectorStore.Op.UPSERT) == 0 && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                upsertsSeenBySecondCall.add(store.calls(dev.codeindex.testing.FakeVectorStore.Op.UPSERT));
            }
        });
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            SourceChunker chunker = new SourceChunker(new ChunkLimits(3, 1000, 1), TokenBudget.NONE,
                    Map.of("java", new JavaStructureParser()), 2 << 20);
            IndexSummary s = IndexRun.builder().root(root).manifest(m).walker(new Walker(root, WalkOptions.defaults()))
                    .chunker(chunker).workers(workers).settings(new RunSettings(FILES, 1 << 24, 1 << 20, 0, false))
                    .sink(new SemanticSink(embedder, store, m, "test")).clock(Clock.systemUTC()).stopWhen(() -> false)
                    .build().run();
            assertEquals(FILES, s.indexed());
            assertTrue(embedder.calls() >= 3, "the batch takes several calls: " + embedder.calls());
            assertEquals(java.util.List.of(1), upsertsSeenBySecondCall,
                    "the first call's files went to the store while the second call ran, not after the last");
            assertEquals(1, store.calls(dev.codeindex.testing.FakeVectorStore.Op.COMMIT), "one commit for the batch");
            long chunks = entries(m).values().stream().mapToLong(e -> e.chunks().size()).sum();
            assertEquals(chunks, store.count(), "every point stored once");
        }
    }

    @Test
    void files_left_out_of_a_stopped_batch_keep_their_old_points() throws Exception {
        writeTree("v1");
        FakeEmbedder embedder = FakeEmbedder.hashed();
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"));
             LuceneStore store = new LuceneStore(data.resolve("store"))) {
            run(m, store, embedder, () -> false);
            Map<String, Integer> before = pointsByPath(store);
            Map<String, ManifestEntry> v1 = entries(m);
            assertEquals(FILES, before.size());

            writeTree("v2"); // every file changes
            long calls = embedder.calls();
            run(m, store, embedder, () -> embedder.calls() >= calls + 2);

            Map<String, ManifestEntry> after = entries(m);
            Map<String, Integer> points = pointsByPath(store);
            assertEquals(FILES, points.size(), "no file lost its points: " + points.size());
            int changed = 0;
            for (String path : v1.keySet()) {
                boolean updated = !after.get(path).hash().equals(v1.get(path).hash());
                changed += updated ? 1 : 0;
                assertEquals(after.get(path).chunks().size(), points.get(path), path + " (updated: " + updated + ")");
            }
            assertTrue(changed > 0 && changed < FILES, "a part of the batch is updated: " + changed);
            assertEquals(FILES - changed, m.pendingCount());
        }
    }
}
