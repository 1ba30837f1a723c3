package dev.codeindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.store.PointRef;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 9 of docs/ARCHITECTURE.md on the embedded store: what the store lost is indexed again,
 * what it holds extra is swept.
 */
class ReconcilerTest {
    /** More files than fit one existence check, so the manifest is committed while it is being read. */
    static final int FILES = 120;

    @TempDir
    Path root;
    @TempDir
    Path data;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final FakeEmbedder embedder = FakeEmbedder.hashed();

    /** Test-only decorator: counts the calls reconciliation makes; {@code listing} false hides the listing methods. */
    static final class WatchedStore implements VectorStore {
        final VectorStore real;
        final boolean listing;
        int listed;
        int lookedUp;

        WatchedStore(VectorStore real, boolean listing) {
            this.real = real;
            this.listing = listing;
        }

        @Override public void upsert(List<StoredChunk> chunks) { real.upsert(chunks); }
        @Override public void delete(Collection<String> ids) { real.delete(ids); }
        @Override public void deleteByPath(String path) { real.deleteByPath(path); }
        @Override public List<SearchHit> search(float[] v, int k, SearchFilter f) { return real.search(v, k, f); }
        @Override public List<SearchHit> searchSymbol(String id, int k, SearchFilter f) { return real.searchSymbol(id, k, f); }
        @Override public long count() { return real.count(); }
        @Override public void commit() { real.commit(); }
        @Override public void close() { real.close(); }

        @Override
        public java.util.Set<String> existing(Collection<String> ids) {
            lookedUp++;
            return listing ? real.existing(ids) : VectorStore.super.existing(ids);
        }

        @Override
        public void forEachPoint(int pageSize, java.util.function.Consumer<List<PointRef>> page) {
            listed++;
            if (listing) {
                real.forEachPoint(pageSize, page);
            } else {
                VectorStore.super.forEachPoint(pageSize, page);
            }
        }
    }

    @BeforeEach
    void tree() throws Exception {
        for (int i = 0; i < FILES; i++) {
            Path p = root.resolve("pkg" + (i % 5)).resolve("C" + i + ".java");
            Files.createDirectories(p.getParent());
            Files.writeString(p, "package pkg;\nclass C" + i + " {\n    int f" + i + "() { return " + i
                    + "; }\n    int g" + i + "() { return " + (2 * i) + "; }\n}\n");
        }
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private Path storeDir() {
        return data.resolve("lucene");
    }

    private IndexSummary index() throws Exception {
        return index(true, null);
    }

    /** A full semantic pass; {@code watched} (if given) receives the store. */
    private IndexSummary index(boolean listing, WatchedStore[] watched) throws Exception {
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"));
             WatchedStore store = new WatchedStore(new LuceneStore(storeDir()), listing)) {
            if (watched != null) {
                watched[0] = store;
            }
            SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, TokenBudget.NONE,
                    Map.of("java", new JavaStructureParser()), 2 << 20);
            return IndexRun.builder().root(root).manifest(m).walker(new Walker(root, WalkOptions.defaults()))
                    .chunker(chunker).workers(workers).settings(new RunSettings(16, 1 << 20, 1 << 20, 0, false))
                    .sink(new SemanticSink(embedder, store, m, "test")).clock(Clock.systemUTC())
                    .progress(ProgressListener.NONE).stopWhen(() -> false).build().run();
        }
    }

    private long points() {
        try (LuceneStore s = new LuceneStore(storeDir())) {
            return s.count();
        }
    }

    private List<PointRef> pointsOf(String path) {
        List<PointRef> out = new ArrayList<>();
        try (LuceneStore s = LuceneStore.openReadOnly(storeDir())) {
            s.forEachPoint(64, page -> page.stream().filter(p -> p.path().equals(path)).forEach(out::add));
        }
        return out;
    }

    @Test
    void a_removed_store_is_filled_again_from_the_vector_cache_without_embedding() throws Exception {
        IndexSummary first = index();
        long chunks = first.chunksTotal();
        assertTrue(chunks > Reconciler.PAGE, "enough chunks for several existence checks: " + chunks);
        assertEquals(chunks, points());

        try (Stream<Path> files = Files.walk(storeDir())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        long embeddedBefore = embedder.texts();
        IndexSummary again = index();
        assertEquals(FILES, again.indexed(), "every file is indexed again");
        assertEquals(0, again.chunksEmbedded(), "vectors come from the cache");
        assertEquals(embeddedBefore, embedder.texts());
        assertEquals(chunks, again.chunksReused());
        assertEquals(chunks, again.chunksTotal());
        assertEquals(chunks, points());
        try (LuceneStore s = LuceneStore.openReadOnly(storeDir())) {
            assertEquals("pkg2/C7.java", s.searchSymbol("C7.f7", 1, SearchFilter.NONE).get(0).path());
        }
        assertEquals(0, index().indexed(), "reconciled: the next pass has nothing to do");
    }

    @Test
    void stray_points_are_swept_whatever_path_they_name() throws Exception {
        long chunks = index().chunksTotal();
        try (LuceneStore s = new LuceneStore(storeDir())) {
            float[] v = embedder.embed(List.of("x")).get(0);
            s.upsert(List.of(
                    new StoredChunk(UUID.randomUUID().toString(), "deleted/Ghost.java", 1, 3, "Ghost", "class", "java",
                            "class Ghost {}", "h1", v),
                    new StoredChunk(UUID.randomUUID().toString(), "pkg1/C1.java", 1, 3, "C1.old", "method", "java",
                            "int old() {}", "h2", v)));
            s.commit();
        }
        IndexSummary again = index();
        assertEquals(0, again.indexed(), "nothing the manifest holds was lost");
        assertEquals(2, again.chunksDeleted());
        assertEquals(chunks, points());
        assertTrue(pointsOf("deleted/Ghost.java").isEmpty());
    }

    @Test
    void a_file_that_lost_some_of_its_points_is_indexed_again_alone() throws Exception {
        long chunks = index().chunksTotal();
        List<PointRef> mine = pointsOf("pkg3/C8.java");
        assertTrue(mine.size() >= 2, mine.toString());
        try (LuceneStore s = new LuceneStore(storeDir())) {
            s.delete(List.of(mine.get(0).id()));
            s.commit();
        }
        IndexSummary again = index();
        assertEquals(1, again.indexed());
        assertEquals(0, again.chunksEmbedded());
        assertEquals(chunks, points());
        assertEquals(mine.size(), pointsOf("pkg3/C8.java").size());
    }

    @Test
    void agreeing_counts_cost_one_count_and_no_listing() throws Exception {
        index();
        WatchedStore[] watched = new WatchedStore[1];
        index(true, watched);
        assertEquals(List.of(0, 0), List.of(watched[0].listed, watched[0].lookedUp));
    }

    @Test
    void a_store_that_cannot_list_its_points_is_left_as_it_is() throws Exception {
        index();
        try (LuceneStore s = new LuceneStore(storeDir())) {
            s.upsert(List.of(new StoredChunk(UUID.randomUUID().toString(), "stray.java", 1, 1, "S", "class", "java",
                    "class S {}", "h", embedder.embed(List.of("s")).get(0))));
            s.commit();
        }
        WatchedStore[] watched = new WatchedStore[1];
        IndexSummary again = index(false, watched);
        assertEquals(1, watched[0].listed, "it was asked");
        assertEquals(0, again.chunksDeleted());
    }
}
