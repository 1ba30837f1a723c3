package dev.codeindex.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.ContextRequest;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.index.ChunkSink;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.search.CodeLookup;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon of two roots asked for the context of a relative path: with several roots, it said to give an
 * absolute path "or say which root with root=" (HTTP words, to an agent) even when only one root holds
 * the file (a new-user trial). That root is used; otherwise the message names the roots.
 */
class TwoRootsContextTest {
    @TempDir
    Path a;
    @TempDir
    Path b;
    @TempDir
    Path data;

    final ExecutorService workers = Executors.newFixedThreadPool(2);
    final List<MapDbManifest> manifests = new ArrayList<>();
    Daemon daemon;

    Daemon.Root root(Path dir, String name) {
        MapDbManifest m = MapDbManifest.open(data.resolve(name + ".db"));
        manifests.add(m);
        WatchedRoot watched = RealRoots.of(dir, m, ChunkSink.OFFLINE, workers).settings(WatchedRootTest.FAST).build();
        SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, TokenBudget.NONE,
                Map.of("java", new JavaStructureParser()), 2 << 20);
        return new Daemon.Root(watched, null, new CodeLookup(dir, new Walker(dir, WalkOptions.defaults()), chunker,
                null, null));
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.stop(10_000);
        }
        manifests.forEach(MapDbManifest::close);
        workers.shutdownNow();
    }

    @Test
    void a_relative_path_only_one_root_holds_is_answered_from_that_root() throws Exception {
        Files.writeString(a.resolve("Alpha.java"), "class Alpha {\n    void run() {}\n}\n");
        Files.writeString(b.resolve("Beta.java"), "class Beta {\n    void go() {}\n}\n");
        Files.writeString(a.resolve("Both.java"), "class Both {}\n");
        Files.writeString(b.resolve("Both.java"), "class Both {}\n");
        daemon = new Daemon(List.of(root(a, "a"), root(b, "b")), "test", Clock.systemUTC());

        ContextAnswer beta = daemon.context(new ContextRequest("Beta.java", 2, null));
        assertEquals(b.toString(), beta.root());
        assertEquals("Beta.go", beta.symbol());

        String both = assertThrows(IllegalArgumentException.class,
                () -> daemon.context(new ContextRequest("Both.java", 1, null))).getMessage();
        assertTrue(both.contains(a.toString()) && both.contains(b.toString()) && both.contains("`root`"), both);
        String none = assertThrows(IllegalArgumentException.class,
                () -> daemon.context(new ContextRequest("Nowhere.java", 1, null))).getMessage();
        assertTrue(none.contains("none of them hold Nowhere.java"), none);
    }

    /** Where a name is used, root by root in the order served, at most k in all; offline roots read their files. */
    @Test
    void references_come_root_by_root_and_k_counts_them_all() throws Exception {
        Files.writeString(a.resolve("Alpha.java"), "class Alpha {\n    void run() { new Both(); }\n}\n");
        Files.writeString(b.resolve("Beta.java"), "class Beta {\n    Both go() { return new Both(); }\n}\n");
        Files.writeString(a.resolve("Both.java"), "class Both {}\n");
        daemon = new Daemon(List.of(root(a, "a"), root(b, "b")), "test", Clock.systemUTC());

        ReferencesAnswer all = daemon.references(new ReferencesRequest("Both", 10, null, null, null));
        assertEquals(List.of(a + " Alpha.java:2 Alpha.run", a + " Both.java:1 Both", b + " Beta.java:2 Beta.go"),
                all.references().stream().map(r -> r.root() + " " + r.path() + ":" + r.line() + " " + r.symbol()).toList());
        assertTrue(all.references().get(1).definition(), "class Both {} defines it");
        // every reference is listed; complete only when no file waits (these roots have not run a pass: not known)
        assertEquals(all.pending() == 0, all.complete(), all.toString());
        assertEquals(3, all.files());
        assertEquals(2, all.notes().stream().filter(n -> n.contains("the files were read for the name")).count(),
                all.notes().toString());

        ReferencesAnswer two = daemon.references(new ReferencesRequest("Both", 2, null, null, null));
        assertEquals(2, two.references().size());
        assertEquals(a.toString(), two.references().get(1).root());
        assertFalse(two.complete(), "the second root's reference is left out");
        assertTrue(two.notes().contains(b + " was not looked at: 2 references were listed before it"), two.notes().toString());

        ReferencesAnswer onlyB = daemon.references(new ReferencesRequest("Both", 10, null, null, b.toString()));
        assertEquals(List.of("Beta.java:2"), onlyB.references().stream().map(r -> r.path() + ":" + r.line()).toList());
        assertThrows(IllegalArgumentException.class,
                () -> daemon.references(new ReferencesRequest("Both", 10, null, null, "/not/watched")));
        assertThrows(IllegalArgumentException.class,
                () -> daemon.references(new ReferencesRequest("two words", 10, null, null, null)));

        // a root whose directory is gone cannot be read: the other root still answers (review: the whole request failed)
        Files.delete(b.resolve("Beta.java"));
        Files.delete(b);
        ReferencesAnswer oneGone = daemon.references(new ReferencesRequest("Both", 10, null, null, null));
        assertEquals(List.of("Alpha.java:2", "Both.java:1"),
                oneGone.references().stream().map(r -> r.path() + ":" + r.line()).toList());
        assertFalse(oneGone.complete());
        assertTrue(oneGone.notes().stream().anyMatch(n -> n.startsWith(b + " could not be searched")), oneGone.notes().toString());
    }
}
