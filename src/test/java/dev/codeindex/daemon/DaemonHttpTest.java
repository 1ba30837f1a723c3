package dev.codeindex.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.index.SemanticSink;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.search.CodeLookup;
import dev.codeindex.search.Searcher;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import java.util.Map;
import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import dev.codeindex.testing.LocalHttp;
import dev.codeindex.testing.LocalHttp.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * The HTTP contract in the README end to end: the real {@link Daemon} watching a real temp tree
 * (MapDB manifest, Lucene store, a file watcher) behind the real server. Only what needs the whole
 * pipeline is here; how each route answers and refuses is {@code dev.codeindex.server.HttpRoutesTest}.
 */
class DaemonHttpTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    final ExecutorService workers = Executors.newFixedThreadPool(2);
    MapDbManifest manifest;
    LuceneStore store;
    Daemon daemon;
    JavalinServer server;
    final LocalHttp http = new LocalHttp(() -> server.port());

    @BeforeEach
    void start() throws Exception {
        Files.writeString(root.resolve("Config.java"), "class Config {\n    void parse() {}\n}\n");
        Files.writeString(root.resolve("notes.md"), "# Notes\nabout the project\n");
        manifest = MapDbManifest.open(data.resolve("m.db"));
        store = new LuceneStore(data.resolve("lucene"));
        FakeEmbedder embedder = FakeEmbedder.hashed();
        SemanticSink sink = new SemanticSink(embedder, store, manifest, "test");
        WatchedRoot watched = RealRoots.of(root, manifest, sink, workers)
                .settings(new WatchSettings(50, 500, 1000, 600_000, 1_000, 50, 400))
                .describedAs("embedded", "hash-8")
                .build();
        watched.start();
        SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, TokenBudget.NONE,
                Map.of("java", new JavaStructureParser()), 2 << 20);
        CodeLookup lookup = new CodeLookup(root, new Walker(root, WalkOptions.defaults()), chunker, store, embedder);
        daemon = new Daemon(List.of(new Daemon.Root(watched, new Searcher(embedder, store), lookup)),
                "test-version", Clock.systemUTC());
        server = new JavalinServer(daemon, "127.0.0.1", 0, null);
        assertTrue(daemon.sync(30_000));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        daemon.stop(10_000);
        store.close();
        manifest.close();
        workers.shutdownNow();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Polls /status (a real daemon on a real tree: no clock to move) until {@code done} holds for the first root. */
    JsonNode awaitRoot(Predicate<JsonNode> done) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> http.get("/status").body().path("roots").get(0), done::test);
    }

    @Test
    void status_and_checkpoint_describe_the_indexed_tree() throws Exception {
        assertEquals("ok", http.get("/health").body().path("status").asText());
        Answer ready = http.get("/ready");
        assertEquals(200, ready.status());
        assertTrue(ready.body().path("ready").asBoolean());

        JsonNode status = http.get("/status").body();
        assertEquals("watching", status.path("state").asText());
        assertEquals("test-version", status.path("version").asText());
        assertTrue(status.path("heap").path("maxBytes").asLong() > 0);
        JsonNode r = status.path("roots").get(0);
        assertEquals(root.toString(), r.path("root").asText());
        assertEquals(2, r.path("files").path("indexed").asLong());
        assertEquals(0, r.path("files").path("pending").asLong());
        assertEquals(store.count(), r.path("chunks").asLong());
        assertEquals("embedded", r.path("store").asText());
        assertEquals("hash-8", r.path("embedder").asText());

        JsonNode cp = http.get("/checkpoint").body();
        assertEquals("done", cp.path("phase").asText());
        assertTrue(cp.path("cleanShutdown").asBoolean());
        assertTrue(cp.path("batchesCommitted").asLong() >= 0);
    }

    @Test
    void search_finds_the_indexed_file_filters_by_language_and_refuses_what_the_searcher_refuses() throws Exception {
        Answer a = http.get("/search?q=" + enc("Config.parse") + "&k=3");
        assertEquals(200, a.status());
        assertEquals("Config.java", a.body().path("results").get(0).path("path").asText());
        assertEquals(0, a.body().path("pending").asLong());
        JsonNode hit = a.body().path("results").get(0);
        for (String field : List.of("startLine", "endLine", "symbol", "language", "score", "snippet")) {
            assertTrue(hit.has(field), field);
        }
        assertEquals(1, http.get("/search?q=x&k=1&lang=markdown").body().path("results").size());
        assertEquals("notes.md", http.get("/search?q=x&lang=markdown").body().path("results").get(0).path("path").asText());

        // root= as MCP takes it: the root's path, a path inside it, or its directory name (HTTP took the path only)
        for (String r : List.of(root.toString(), root.resolve("sub").toString(), root.getFileName().toString())) {
            Answer named = http.get("/search?q=" + enc("Config.parse") + "&k=3&root=" + enc(r));
            assertEquals(200, named.status(), r + ": " + named.body());
            assertEquals("Config.java", named.body().path("results").get(0).path("path").asText(), r);
        }
        Answer unknown = http.get("/search?q=x&root=elsewhere");
        assertEquals(400, unknown.status(), "a root not served is a bad parameter: " + unknown.body());
        assertTrue(unknown.body().path("error").asText().contains(root.toString()), "it names the roots served: "
                + unknown.body());

        // a zero-width space, a tab, bytes that are not UTF-8: nothing to search for, 400 not 500 (issue #16)
        for (String bad : List.of("/search?q=x&k=5000", "/search?q=x&path=src/%5Ba", "/search?q=%E2%80%8B",
                "/search?q=%09%E2%80%8B", "/search?q=%ff%fe")) {
            Answer e = http.get(bad);
            assertEquals(400, e.status(), bad);
            assertTrue(e.body().path("error").asText().length() > 5, bad + ": " + e.body());
        }
    }

    /** Hits from a root deleted while watching came with no word that their files are gone (a new-user trial). */
    @Test
    void hits_of_a_root_whose_directory_is_gone_say_so() throws Exception {
        Path away = root.resolveSibling(root.getFileName() + "-away");
        Files.move(root, away);
        try {
            Answer a = http.get("/search?q=" + enc("Config.parse") + "&k=3");
            assertEquals(200, a.status(), a.body().toString());
            assertEquals("Config.java", a.body().path("results").get(0).path("path").asText(), "the index stays");
            assertTrue(a.body().path("notes").get(0).asText().startsWith(root + " does not exist"), a.body().toString());
            Answer like = http.post("/similar?k=2", "application/x-www-form-urlencoded", "code=" + enc("void parse() {}"));
            assertTrue(like.body().path("notes").get(0).asText().startsWith(root + " does not exist"), like.body().toString());
        } finally {
            Files.move(away, root);
        }
        assertTrue(http.get("/search?q=" + enc("Config.parse") + "&k=3").body().path("notes").isMissingNode());
    }

    @Test
    void symbols_finds_the_definition_and_refuses_a_name_that_is_not_one() throws Exception {
        Answer a = http.get("/symbols?name=" + enc("Config.parse") + "&k=3");
        assertEquals(200, a.status(), a.body().toString());
        JsonNode first = a.body().path("results").get(0);
        assertEquals("Config.java", first.path("path").asText());
        assertEquals("Config.parse", first.path("symbol").asText());
        a.body().path("results").forEach(r -> assertEquals("java", r.path("language").asText(), a.body().toString()));
        assertEquals(0, http.get("/symbols?name=nowhere_defined").body().path("results").size());
        Answer bad = http.get("/symbols?name=" + enc("parse the config"));
        assertEquals(400, bad.status());
        assertTrue(bad.body().path("error").asText().contains("not a symbol name"), bad.body().toString());
    }

    @Test
    void sync_waits_for_a_new_file_to_be_searchable() throws Exception {
        Files.writeString(root.resolve("Socket.java"), "class Socket {\n    void close() {}\n}\n");
        Answer s = http.post("/sync");
        assertEquals(200, s.status());
        assertTrue(s.body().path("synced").asBoolean());
        assertEquals("Socket.java", http.get("/search?q=Socket.close").body().path("results").get(0).path("path").asText());
        assertEquals(202, http.post("/reindex").status());
    }

    @Test
    void status_lists_recent_changes_newest_first() throws Exception {
        JsonNode initial = http.get("/status").body().path("roots").get(0).path("recent");
        assertEquals(1, initial.size(), initial.toString());
        assertEquals("initial pass", initial.get(0).path("rescan").asText());
        assertEquals(2, initial.get(0).path("indexed").asLong());

        Files.writeString(root.resolve("Socket.java"), "class Socket {\n    void close() {}\n}\n");
        assertTrue(http.post("/sync").body().path("synced").asBoolean());
        JsonNode recent = http.get("/status").body().path("roots").get(0).path("recent");
        assertEquals(2, recent.size(), recent.toString());
        JsonNode newest = recent.get(0);
        assertEquals(1, newest.path("indexed").asLong());
        assertEquals(0, newest.path("deleted").asLong());
        assertTrue(newest.path("paths").asLong() >= 1);
        assertTrue(newest.path("samplePaths").toString().contains("Socket.java"), newest.toString());
        assertTrue(!newest.has("rescan") && newest.has("at") && newest.has("durationMs"), newest.toString());
    }

    @Test
    void reindex_of_a_path_runs_a_pass_over_it_without_a_rescan() throws Exception {
        JsonNode before = http.get("/status").body().path("roots").get(0).path("sinceStart");
        Answer a = http.post("/reindex?path=" + enc("sub/../Config.java"));
        assertEquals(202, a.status());
        assertEquals("Config.java", a.body().path("path").asText());
        assertTrue(!a.body().path("rescan").asBoolean());
        assertEquals(root.toString(), a.body().path("roots").get(0).asText());
        // nothing on disk changed, so no watcher event: only the requested pass can count
        JsonNode after = awaitRoot(r -> r.path("sinceStart").path("passes").asLong() > before.path("passes").asLong());
        assertEquals(before.path("rescans").asLong(), after.path("sinceStart").path("rescans").asLong());

        // root= naming a directory inside the root: path is relative to it, and alone it is the directory to
        // go over (path was resolved against the root: src/util.py became util.py; found in review)
        Answer inside = http.post("/reindex?root=" + enc(root.resolve("src").toString()) + "&path=util.py");
        assertEquals(202, inside.status(), inside.body().toString());
        assertEquals("src/util.py", inside.body().path("path").asText());
        Answer dir = http.post("/reindex?root=" + enc(root.resolve("src").toString()));
        assertEquals("src", dir.body().path("path").asText(), dir.body().toString());
        assertTrue(!dir.body().path("rescan").asBoolean(), "a pass over that directory, not a rescan");

        assertEquals(202, http.post("/reindex?root=" + enc(root.toString())).status());
        awaitRoot(r -> r.path("sinceStart").path("rescans").asLong() > before.path("rescans").asLong());
    }

    @Test
    void context_answers_the_enclosing_method_and_refuses_what_lies_outside_the_root_with_400() throws Exception {
        Answer a = http.get("/context?path=Config.java&line=2");
        assertEquals(200, a.status(), a.body().toString());
        assertEquals("Config.parse", a.body().path("symbol").asText(), a.body().toString());
        assertEquals(2, a.body().path("startLine").asInt());
        assertEquals(2, a.body().path("endLine").asInt());
        assertEquals("void parse() {}", a.body().path("code").asText().strip());
        assertTrue(a.body().path("indexed").asBoolean(), "the stored chunks of the file answer: " + a.body());
        Answer abs = http.get("/context?line=1&path=" + enc(root.resolve("Config.java").toString()));
        assertEquals("Config", abs.body().path("symbol").asText(), abs.body().toString());

        Files.writeString(data.resolve("secret.java"), "class Secret {}\n");
        for (String bad : List.of(data.resolve("secret.java").toString(), "../" + data.getFileName() + "/secret.java",
                "nope.java")) {
            Answer e = http.get("/context?line=1&path=" + enc(bad));
            assertEquals(400, e.status(), bad + ": " + e.body());
            assertTrue(e.body().path("error").asText().contains(bad.equals("nope.java") ? "no file" : "outside the root"),
                    e.body().toString());
        }
        Answer past = http.get("/context?path=Config.java&line=99");
        assertEquals(400, past.status());
        assertTrue(past.body().path("error").asText().contains("past the end"), past.body().toString());
        assertEquals(400, http.get("/context?path=Config.java").status(), "no line");
        assertEquals(400, http.get("/context?path=Config.java&line=0").status());
        assertEquals(400, http.get("/context?line=3").status(), "no path");
    }

    @Test
    void similar_compares_a_chunk_or_a_snippet_and_leaves_the_source_out() throws Exception {
        Answer a = http.get("/similar?path=Config.java&line=2&k=5");
        assertEquals(200, a.status(), a.body().toString());
        assertEquals("Config.java", a.body().path("source").path("path").asText(), a.body().toString());
        assertEquals("Config.parse", a.body().path("source").path("symbol").asText(), a.body().toString());
        assertTrue(a.body().path("results").size() >= 1, "the other chunks of the tree: " + a.body());
        a.body().path("results").forEach(r -> assertTrue(!r.path("path").asText().equals("Config.java")
                || r.path("endLine").asInt() < 2 || r.path("startLine").asInt() > 2, "the source is left out: " + a.body()));

        Answer snippet = http.post("/similar?k=2", "application/x-www-form-urlencoded", "code=" + enc("void parse() {}"));
        assertEquals(200, snippet.status(), snippet.body().toString());
        assertTrue(snippet.body().path("source").isMissingNode(), snippet.body().toString());
        assertEquals(2, snippet.body().path("results").size(), snippet.body().toString());
        assertEquals(0, snippet.body().path("pending").asLong());
        // how much of the tree could be compared, as a search says it (only embedded files can be found similar)
        JsonNode searched = http.get("/search?q=parse&k=2").body().path("coverage");
        assertTrue(searched.path("embedded").asLong() > 0, searched.toString());
        assertEquals(searched, snippet.body().path("coverage"), snippet.body().toString());
        assertEquals(searched, a.body().path("coverage"), a.body().toString());

        for (String bad : List.of("/similar", "/similar?path=Config.java", "/similar?path=Config.java&line=2&code=x",
                "/similar?path=..%2Fx&line=1", "/similar?path=Config.java&line=99", "/similar?code=x&k=0")) {
            Answer e = http.get(bad);
            assertEquals(400, e.status(), bad + ": " + e.body());
            assertTrue(e.body().path("error").asText().length() > 10, bad + ": " + e.body());
        }
    }

    @Test
    void reindex_refuses_paths_outside_the_root_with_400() throws Exception {
        for (String bad : List.of("/etc/passwd", "..", "../x", "a/../../x", "", "%00x")) {
            Answer e = http.post("/reindex?path=" + (bad.startsWith("%") ? bad : enc(bad)));
            assertEquals(400, e.status(), bad);
            assertTrue(e.body().path("error").asText().length() > 5, bad + ": " + e.body());
        }
        assertEquals(400, http.post("/reindex?root=%2Fnot%2Fwatched").status());
    }
}
