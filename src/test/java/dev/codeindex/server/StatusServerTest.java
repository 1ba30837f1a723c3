package dev.codeindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.index.IndexRun;
import dev.codeindex.index.RunSettings;
import dev.codeindex.index.SemanticSink;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import dev.codeindex.watch.Daemon;
import dev.codeindex.watch.StoreDownWhileWatchingTest.HashEmbedder;
import dev.codeindex.watch.WatchSettings;
import dev.codeindex.watch.WatchedRoot;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON routes of CONTRACT.md over real HTTP, against a daemon watching a real temp tree. */
class StatusServerTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    final ExecutorService workers = Executors.newFixedThreadPool(2);
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    MapDbManifest manifest;
    LuceneStore store;
    WatchedRoot watched;
    Daemon daemon;
    StatusServer server;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(root.resolve("Config.java"), "class Config {\n    void parse() {}\n}\n");
        Files.writeString(root.resolve("notes.md"), "# Notes\nabout the project\n");
        manifest = MapDbManifest.open(data.resolve("m.db"));
        store = new LuceneStore(data.resolve("lucene"));
        HashEmbedder embedder = new HashEmbedder();
        SemanticSink sink = new SemanticSink(embedder, store, manifest, "test");
        SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, TokenBudget.NONE,
                Map.of("java", new JavaStructureParser()), 2 << 20);
        Walker walker = new Walker(root, WalkOptions.defaults());
        watched = new WatchedRoot(root, walker, manifest, (p, s) -> IndexRun.builder().root(root).manifest(manifest)
                .walker(walker).chunker(chunker).workers(workers).settings(new RunSettings(50, 1 << 20, 1 << 20, 0, false))
                .sink(sink).clock(Clock.systemUTC()).progress(p).stopWhen(s).build(),
                new WatchSettings(50, 500, 1000, 600_000, 1_000, 50, 400), Clock.systemUTC());
        watched.start();
        daemon = new Daemon(List.of(new Daemon.Root(watched, new Searcher(embedder, store), "embedded", "hash-8")),
                "test-version", Clock.systemUTC());
        server = new StatusServer(daemon, "127.0.0.1", 0, null);
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

    record Answer(int status, JsonNode body) {}

    Answer get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], path);
        return new Answer(r.statusCode(), json.readTree(r.body()));
    }

    Answer get(String path) throws Exception {
        return get(path, null);
    }

    HttpResponse<String> raw(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls /status until {@code done} holds for the first root, or fails after 20 s. */
    JsonNode awaitRoot(java.util.function.Predicate<JsonNode> done) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        JsonNode r = get("/status").body().path("roots").get(0);
        while (!done.test(r)) {
            assertTrue(System.nanoTime() < end, "timed out; last status: " + r);
            Thread.sleep(50);
            r = get("/status").body().path("roots").get(0);
        }
        return r;
    }

    Answer post(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), json.readTree(r.body()));
    }

    @Test
    void health_ready_status_and_checkpoint_describe_the_daemon() throws Exception {
        assertEquals("ok", get("/health").body().path("status").asText());
        Answer ready = get("/ready");
        assertEquals(200, ready.status());
        assertTrue(ready.body().path("ready").asBoolean());

        JsonNode status = get("/status").body();
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

        JsonNode cp = get("/checkpoint").body();
        assertEquals("done", cp.path("phase").asText());
        assertTrue(cp.path("cleanShutdown").asBoolean());
        assertTrue(cp.path("batchesCommitted").asLong() >= 0);
        assertTrue(cp.has("runId") && cp.has("filesDone") && cp.has("filesTotal") && cp.has("lastCommittedPath")
                && cp.has("updatedAt"));
    }

    @Test
    void search_answers_like_the_cli_and_refuses_bad_parameters_with_400() throws Exception {
        Answer a = get("/search?q=" + URLEncoder.encode("Config.parse", StandardCharsets.UTF_8) + "&k=3");
        assertEquals(200, a.status());
        assertEquals("Config.java", a.body().path("results").get(0).path("path").asText());
        assertEquals(0, a.body().path("pending").asLong());
        JsonNode hit = a.body().path("results").get(0);
        for (String field : List.of("startLine", "endLine", "symbol", "language", "score", "snippet")) {
            assertTrue(hit.has(field), field);
        }
        assertEquals(1, get("/search?q=x&k=1&lang=markdown").body().path("results").size());
        assertEquals("notes.md", get("/search?q=x&lang=markdown").body().path("results").get(0).path("path").asText());

        for (String bad : List.of("/search", "/search?q=", "/search?q=x&k=0", "/search?q=x&k=ten",
                "/search?q=x&k=5000", "/search?q=x&path=src/%5Ba")) {
            Answer e = get(bad);
            assertEquals(400, e.status(), bad);
            assertTrue(e.body().path("error").asText().length() > 5, bad + ": " + e.body());
        }
        assertEquals(404, get("/nope").status());
    }

    @Test
    void sync_waits_for_a_new_file_to_be_searchable_and_reindex_is_accepted() throws Exception {
        Files.writeString(root.resolve("Socket.java"), "class Socket {\n    void close() {}\n}\n");
        Answer s = post("/sync");
        assertEquals(200, s.status());
        assertTrue(s.body().path("synced").asBoolean());
        assertEquals("Socket.java", get("/search?q=Socket.close").body().path("results").get(0).path("path").asText());
        assertEquals(202, post("/reindex").status());
        assertEquals(400, post("/sync?timeoutMs=-5").status());
    }

    @Test
    void a_token_guards_every_route_but_health() throws Exception {
        server.close();
        server = new StatusServer(daemon, "127.0.0.1", 0, "s3cret");
        assertEquals(200, get("/health").status());
        assertEquals(401, get("/status").status());
        assertEquals(401, get("/status", "wrong").status());
        assertEquals(401, get("/search?q=x", null).status());
        assertEquals(401, raw("/", null).statusCode());
        assertEquals(401, raw("/metrics", null).statusCode());
        assertEquals(200, raw("/", "s3cret").statusCode());
        assertEquals(200, raw("/metrics", "s3cret").statusCode());
        assertEquals(200, get("/status", "s3cret").status());
        assertEquals(200, get("/search?q=x", "s3cret").status());
    }

    @Test
    void binding_beyond_loopback_without_a_token_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StatusServer(daemon, "0.0.0.0", 0, null));
        assertTrue(e.getMessage().contains("token"), e.getMessage());
    }

    @Test
    void status_lists_recent_changes_newest_first() throws Exception {
        JsonNode initial = get("/status").body().path("roots").get(0).path("recent");
        assertEquals(1, initial.size(), initial.toString());
        assertEquals("initial pass", initial.get(0).path("rescan").asText());
        assertEquals(2, initial.get(0).path("indexed").asLong());

        Files.writeString(root.resolve("Socket.java"), "class Socket {\n    void close() {}\n}\n");
        assertTrue(post("/sync").body().path("synced").asBoolean());
        JsonNode recent = get("/status").body().path("roots").get(0).path("recent");
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
        JsonNode before = get("/status").body().path("roots").get(0).path("sinceStart");
        Answer a = post("/reindex?path=" + URLEncoder.encode("sub/../Config.java", StandardCharsets.UTF_8));
        assertEquals(202, a.status());
        assertEquals("Config.java", a.body().path("path").asText());
        assertTrue(!a.body().path("rescan").asBoolean());
        assertEquals(root.toString(), a.body().path("roots").get(0).asText());
        // nothing on disk changed, so no watcher event: only the requested pass can count
        JsonNode after = awaitRoot(r -> r.path("sinceStart").path("passes").asLong() > before.path("passes").asLong());
        assertEquals(before.path("rescans").asLong(), after.path("sinceStart").path("rescans").asLong());

        assertEquals(202, post("/reindex?root=" + URLEncoder.encode(root.toString(), StandardCharsets.UTF_8)).status());
        awaitRoot(r -> r.path("sinceStart").path("rescans").asLong() > before.path("rescans").asLong());
    }

    @Test
    void reindex_refuses_paths_outside_the_root_with_400() throws Exception {
        for (String bad : List.of("/etc/passwd", "..", "../x", "a/../../x", "", "%00x")) {
            Answer e = post("/reindex?path=" + (bad.startsWith("%") ? bad : URLEncoder.encode(bad, StandardCharsets.UTF_8)));
            assertEquals(400, e.status(), bad);
            assertTrue(e.body().path("error").asText().length() > 5, bad + ": " + e.body());
        }
        assertEquals(400, post("/reindex?root=%2Fnot%2Fwatched").status());
    }

    static final java.util.regex.Pattern SAMPLE = java.util.regex.Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? "
                    + "(-?[0-9.eE+-]+|NaN|[+-]Inf)");

    @Test
    void metrics_are_prometheus_text_that_agrees_with_status() throws Exception {
        HttpResponse<String> r = raw("/metrics", null);
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        Map<String, String> types = new java.util.HashMap<>();
        java.util.Set<String> helps = new java.util.HashSet<>();
        Map<String, Double> samples = new java.util.HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("# HELP ")) {
                assertTrue(helps.add(line.split(" ")[2]), "one HELP per metric: " + line);
            } else if (line.startsWith("# TYPE ")) {
                String[] t = line.split(" ");
                assertTrue(List.of("gauge", "counter").contains(t[3]), line);
                assertEquals(null, types.put(t[2], t[3]), "one TYPE per metric: " + line);
                assertEquals(t[3].equals("counter"), t[2].endsWith("_total"), "counters, and only they, end in _total: " + line);
            } else {
                java.util.regex.Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "not a sample line: " + line);
                assertTrue(types.containsKey(m.group(1)) && helps.contains(m.group(1)), "HELP and TYPE come first: " + line);
                String key = m.group(1) + (m.group(3) == null ? "" : "{" + m.group(3) + "}");
                assertEquals(null, samples.put(key, Double.parseDouble(m.group(4).replace("Inf", "Infinity"))),
                        "unique name and labels: " + line);
            }
        }
        JsonNode st = get("/status").body();
        JsonNode s = st.path("roots").get(0);
        String lbl = "{root=\"" + PrometheusText.escapeLabel(root.toString()) + "\"}";
        assertEquals(1.0, samples.get("codeindex_build_info{version=\"test-version\"}"));
        assertEquals(s.path("files").path("indexed").asDouble(), samples.get("codeindex_root_indexed_files" + lbl));
        assertEquals(s.path("files").path("pending").asDouble(), samples.get("codeindex_root_pending_files" + lbl));
        assertEquals(s.path("files").path("failed").asDouble(), samples.get("codeindex_root_failed_files" + lbl));
        assertEquals(s.path("files").path("skipped").asDouble(), samples.get("codeindex_root_skipped_files" + lbl));
        assertEquals(s.path("chunks").asDouble(), samples.get("codeindex_root_chunks" + lbl));
        assertEquals(s.path("queueDepth").asDouble(), samples.get("codeindex_root_queue_depth" + lbl));
        assertEquals(s.path("sinceStart").path("passes").asDouble(), samples.get("codeindex_root_passes_total" + lbl));
        assertEquals(s.path("sinceStart").path("rescans").asDouble(), samples.get("codeindex_root_rescans_total" + lbl));
        assertEquals(s.path("sinceStart").path("chunksEmbedded").asDouble(),
                samples.get("codeindex_root_chunks_embedded_total" + lbl));
        assertEquals(1.0, samples.get("codeindex_root_ready" + lbl));
        String rootLabel = "root=\"" + PrometheusText.escapeLabel(root.toString()) + "\"";
        assertEquals(1.0, samples.get("codeindex_root_state{" + rootLabel + ",state=\"watching\"}"));
        assertEquals(0.0, samples.get("codeindex_root_state{" + rootLabel + ",state=\"degraded\"}"));
        assertEquals(1.0, samples.get("codeindex_state{state=\"watching\"}"));
        assertTrue(samples.get("codeindex_heap_max_bytes") > 0 && samples.get("codeindex_uptime_seconds") >= 0);
    }

    @Test
    void prometheus_text_escapes_label_values_and_help() {
        String out = new PrometheusText().metric("m", "gauge", "a \\ b\nc")
                .sample(1.5, "root", "/tmp/a\"b\\c\nd").sample(Double.NaN, "root", "x").toString();
        assertEquals("# HELP m a \\\\ b\\nc\n# TYPE m gauge\n"
                + "m{root=\"/tmp/a\\\"b\\\\c\\nd\"} 1.5\nm{root=\"x\"} NaN\n", out);
        assertEquals("3", PrometheusText.format(3.0));
        assertEquals("+Inf", PrometheusText.format(Double.POSITIVE_INFINITY));
    }

    @Test
    void the_status_page_is_one_self_contained_html_page() throws Exception {
        HttpResponse<String> r = raw("/", null);
        assertEquals(200, r.statusCode());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").replace(" ", "")
                .toLowerCase(java.util.Locale.ROOT));
        String html = r.body();
        for (String hook : List.of("id=\"overall\"", "id=\"roots\"", "id=\"search-form\"", "id=\"token\"",
                "\"/status\"", "\"/checkpoint\"", "\"/search?q=\"", "sessionStorage", "Authorization",
                "textContent", "el(\"progress\")", "files behind", "Recent changes")) {
            assertTrue(html.contains(hook), hook);
        }
        for (String banned : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "src=\"http",
                "href=\"http", "@import", "url(http")) {
            assertTrue(!html.contains(banned), banned);
        }
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"), csp);
        assertTrue(csp.contains("'" + StatusPage.hashOf(html, "script") + "'"), "the CSP allows the page's own script");
        assertTrue(csp.contains("'" + StatusPage.hashOf(html, "style") + "'"), "the CSP allows the page's own style");
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    }
}
