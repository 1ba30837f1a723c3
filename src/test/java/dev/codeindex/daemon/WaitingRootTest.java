package dev.codeindex.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.index.SemanticSink;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root another process holds when the daemon starts waits, named in status and in answers, and is served
 * once adopted: paused when the daemon is, never after the daemon stopped. Real roots (MapDB, Lucene, the
 * watcher) in temp directories.
 */
class WaitingRootTest {
    @TempDir
    Path tmp;

    final ExecutorService workers = Executors.newFixedThreadPool(2);
    final List<AutoCloseable> opened = new ArrayList<>();
    final FakeEmbedder embedder = FakeEmbedder.hashed();
    Daemon daemon;

    Daemon.Root root(String name, String file, String text) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve(file), text);
        MapDbManifest manifest = MapDbManifest.open(Files.createDirectories(tmp.resolve("data-" + name)).resolve("m.db"));
        LuceneStore store = new LuceneStore(tmp.resolve("data-" + name).resolve("lucene"));
        opened.add(manifest);
        opened.add(store);
        WatchedRoot watched = RealRoots.of(dir, manifest, new SemanticSink(embedder, store, manifest, "test"), workers)
                .settings(new WatchSettings(50, 500, 1000, 600_000, 1_000, 50, 400))
                .describedAs("embedded", "hash-8").build();
        return new Daemon.Root(watched, new Searcher(embedder, store));
    }

    @AfterEach
    void close() throws Exception {
        if (daemon != null) {
            daemon.stop(10_000);
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        workers.shutdownNow();
    }

    @Test
    void a_waiting_root_is_named_in_status_and_answers_and_is_served_paused_once_adopted() throws Exception {
        Daemon.Root a = root("a", "A.java", "class A {\n    void present() {}\n}\n");
        Path heldDir = tmp.resolve("held");
        String why = "an index run (pid 42) holds its index";
        daemon = new Daemon(List.of(a), Map.of(heldDir, why), "test", Clock.systemUTC());
        a.watched().start();
        IllegalStateException sync = assertThrows(IllegalStateException.class, () -> daemon.sync(1_000));
        assertTrue(sync.getMessage().contains(heldDir + " is not watched yet: " + why), sync.getMessage());

        List<RootStatus> roots = daemon.status().roots();
        assertEquals(2, roots.size());
        assertEquals(RootState.DEGRADED, roots.get(1).state());
        assertEquals(why, roots.get(1).reason());
        assertEquals(null, roots.get(1).coverage(), "nothing of a waiting root can be searched");
        assertEquals(RootState.DEGRADED, daemon.status().state());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> daemon.status().roots().get(0).ready());
        SearchAnswer every = daemon.search(new SearchRequest("present", 5, null, null, null));
        assertEquals("A.java", every.results().get(0).path());
        assertTrue(every.notes().contains(heldDir + " is not searched yet: " + why), every.notes().toString());
        IllegalStateException named = assertThrows(IllegalStateException.class,
                () -> daemon.search(new SearchRequest("present", 5, null, null, heldDir.toString())));
        assertEquals(heldDir + " is not watched yet: " + why, named.getMessage());

        daemon.pauseIndexing();
        Daemon.Root held = root("held", "H.java", "class H {\n    void waited() {}\n}\n");
        assertTrue(daemon.adopt(held));
        assertEquals(List.of(), List.copyOf(daemon.waiting()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> daemon.status().roots().get(1).state() == RootState.PAUSED);
        assertEquals(0, daemon.status().roots().get(1).totals().getOrDefault("files", 0L),
                "adopted while paused: nothing indexed before a resume");
        daemon.resumeIndexing();
        assertTrue(daemon.sync(30_000));
        assertEquals("H.java", daemon.search(new SearchRequest("waited", 5, null, null, heldDir.toString())).results()
                .get(0).path(), "the adopted root is searched");

        daemon.stop(10_000);
        Daemon.Root late = root("late", "L.java", "class L {}\n");
        assertFalse(daemon.adopt(late), "a stopping daemon starts no root");
        assertFalse(late.watched().status().ready());
    }

    /** With every root waiting, each request that would go over all roots names them (one check serves all). */
    @Test
    void with_every_root_waiting_each_request_says_so() {
        Path held = tmp.resolve("held");
        Daemon only = new Daemon(List.of(), Map.of(held, "an index run (pid 7) holds its index"), "test",
                Clock.systemUTC());
        String expected = held + " is not watched yet: an index run (pid 7) holds its index";
        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                () -> only.search(new SearchRequest("x", 5, null, null, null)),
                () -> only.reindex(null, null),
                () -> only.similar(new dev.codeindex.api.SimilarRequest(null, 0, "int x = 1;", 5, null)),
                () -> only.context(new dev.codeindex.api.ContextRequest("A.java", 1, null)),
                () -> only.sync(1_000))) {
            assertEquals(expected, assertThrows(IllegalStateException.class, call).getMessage());
        }
    }
}
