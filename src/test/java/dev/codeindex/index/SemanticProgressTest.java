package dev.codeindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import dev.codeindex.testing.JavaTrees;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress of a semantic run follows the embedding, not the chunking that runs a batch ahead of it. */
class SemanticProgressTest {
    static final int FILES = 48;
    static final int BATCH = 24;

    @TempDir
    Path root;
    @TempDir
    Path data;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void files_count_as_done_as_their_chunks_are_embedded_in_order_within_a_batch() throws Exception {
        JavaTrees.classes(root, FILES, 3);
        List<Long> reports = new CopyOnWriteArrayList<>();
        FakeEmbedder embedder = FakeEmbedder.hashed();
        IndexSummary s;
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"));
             LuceneStore store = new LuceneStore(data.resolve("store"))) {
            SourceChunker chunker = new SourceChunker(new ChunkLimits(3, 1000, 1), TokenBudget.NONE,
                    Map.of("java", new JavaStructureParser()), 2 << 20);
            ProgressListener progress = new ProgressListener() {
                @Override
                public void progress(long done, String detail) {
                    reports.add(done);
                }
            };
            s = IndexRun.builder().root(root).manifest(m).walker(new Walker(root, WalkOptions.defaults()))
                    .chunker(chunker).workers(workers).settings(new RunSettings(BATCH, 1 << 20, 1 << 20, 0, false))
                    .sink(new SemanticSink(embedder, store, m, "test")).clock(Clock.systemUTC()).progress(progress)
                    .stopWhen(() -> false).build().run();
        }
        long chunksPerFile = s.chunksTotal() / FILES;
        assertTrue(chunksPerFile >= 2, "several chunks per file: " + s.chunksTotal());
        assertEquals(FILES, s.indexed());
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i) >= reports.get(i - 1), "never backwards: " + reports);
        }
        assertEquals(FILES, reports.get(reports.size() - 1));
        // embedded in calls of 32 texts, a batch of 24 files with several chunks each is reported in steps
        long inside = reports.stream().filter(r -> r % BATCH != 0).count();
        assertTrue(inside >= 2, "progress moves inside a batch: " + reports);
        assertTrue(reports.size() <= 2 * (FILES / BATCH) * (1 + chunksPerFile * BATCH / embedder.textsPerCall()),
                "not per chunk of the workers: " + reports);
    }
}
