package dev.codeindex.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.index.SemanticSink;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import dev.codeindex.testing.SwitchableStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** The store goes down while the daemon watches: nothing is lost, nothing crashes, status says so. */
class StoreDownWhileWatchingTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    @Test
    void changes_made_while_the_store_is_down_are_applied_once_it_is_back() throws Exception {
        Files.writeString(root.resolve("A.java"), "class A {\n    int f() { return 1; }\n}\n");
        ExecutorService workers = Executors.newFixedThreadPool(2);
        FakeEmbedder embedder = FakeEmbedder.hashed();
        try (MapDbManifest manifest = MapDbManifest.open(data.resolve("m.db"));
             SwitchableStore store = new SwitchableStore(new LuceneStore(data.resolve("lucene")))) {
            SemanticSink sink = new SemanticSink(embedder, store, manifest, "test");
            WatchedRoot watched = RealRoots.of(root, manifest, sink, workers).settings(WatchedRootTest.FAST).build();
            try {
                watched.start();
                watched.sync().get(30, TimeUnit.SECONDS);
                assertEquals((long) manifest.totals().get("chunks"), store.count());

                store.setDown(true);
                Files.writeString(root.resolve("B.java"), "class B {\n    int g() { return 2; }\n}\n");
                Files.delete(root.resolve("A.java"));
                await().atMost(Duration.ofSeconds(20)).until(() -> watched.status().state() == RootState.DEGRADED);
                RootStatus degraded = watched.status();
                assertTrue(degraded.reason().contains("test://switchable"), degraded.reason());
                assertFalse(degraded.ready());
                assertTrue(degraded.pending() > 0, "the index is behind and says so");
                assertEquals(1L, degraded.totals().get("files"), "the manifest did not move ahead of the store");

                store.setDown(false);
                watched.sync().get(30, TimeUnit.SECONDS);
                RootStatus ok = watched.status();
                assertEquals(RootState.WATCHING, ok.state());
                assertEquals(0, ok.pending());
                assertTrue(ok.ready());
                assertEquals(List.of("B.java"), manifestPaths(manifest));
                assertEquals((long) manifest.totals().get("chunks"), store.count(), "no orphans, nothing missing");
                assertEquals("B.java", store.search(embedder.embed(List.of("x")).get(0), 5, SearchFilter.NONE)
                        .get(0).path());
            } finally {
                watched.stop(10_000);
                workers.shutdownNow();
            }
        }
    }

    @Test
    void a_moved_file_is_searchable_at_its_new_path_without_embedding_anything_again() throws Exception {
        Files.createDirectories(root.resolve("old"));
        Files.writeString(root.resolve("old/Mover.java"), "class Mover {\n    int a() { return 1; }\n    int b() { return 2; }\n}\n");
        ExecutorService workers = Executors.newFixedThreadPool(2);
        FakeEmbedder embedder = FakeEmbedder.hashed();
        try (MapDbManifest manifest = MapDbManifest.open(data.resolve("m.db"));
             LuceneStore store = new LuceneStore(data.resolve("lucene"))) {
            SemanticSink sink = new SemanticSink(embedder, store, manifest, "test");
            WatchedRoot watched = RealRoots.of(root, manifest, sink, workers).settings(WatchedRootTest.FAST).build();
            try {
                watched.start();
                watched.sync().get(30, TimeUnit.SECONDS);
                long embedded = watched.status().chunksEmbedded();
                long points = store.count();
                assertTrue(embedded > 0 && points > 0);

                Files.createDirectories(root.resolve("new/place"));
                Files.move(root.resolve("old/Mover.java"), root.resolve("new/place/Moved.java"));
                watched.sync().get(30, TimeUnit.SECONDS);
                assertEquals(embedded, watched.status().chunksEmbedded(), "a move embeds nothing");
                assertEquals(points, store.count(), "the points moved: none lost, none left behind");
                assertEquals(List.of("new/place/Moved.java"), manifestPaths(manifest));
                for (SearchHit h : store.searchSymbol("Mover.a", 5, SearchFilter.NONE)) {
                    assertEquals("new/place/Moved.java", h.path());
                }
                assertEquals(1, store.searchSymbol("Mover.a", 5, SearchFilter.NONE).size());
            } finally {
                watched.stop(10_000);
                workers.shutdownNow();
            }
        }
    }

    static List<String> manifestPaths(MapDbManifest m) {
        List<String> out = new ArrayList<>();
        m.entries().forEachRemaining(e -> out.add(e.getKey()));
        return out;
    }
}
