package dev.codeindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.api.CheckpointInfo;
import dev.codeindex.api.RecentPass;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SearchResult;
import dev.codeindex.api.json.ApiJson;
import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.testing.FakeDaemon;
import dev.codeindex.testing.FakeDaemon.ReindexCall;
import dev.codeindex.testing.LocalHttp;
import dev.codeindex.testing.LocalHttp.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every route of the HTTP contract in the README, over real HTTP (Javalin on a free port), against a
 * {@link FakeDaemon}: what each answers, how each refuses, and the token guard. What needs a real index
 * behind the server is in {@code dev.codeindex.daemon.DaemonHttpTest}.
 */
class HttpRoutesTest {
    /** A root whose path needs escaping in JSON and in Prometheus labels. */
    static final String ROOT = "/srv/code/a\"b\\c";

    final FakeDaemon daemon = new FakeDaemon().roots(watching(ROOT));
    JavalinServer server = new JavalinServer(daemon, "127.0.0.1", 0, null);
    final LocalHttp http = new LocalHttp(() -> server.port());

    static RootStatus watching(String root) {
        return RootStatus.builder().root(root).state(RootState.WATCHING, null).ready(true).watcherAlive(true)
                .totals(Map.of("files", 2L, "chunks", 5L, "skip.TOO_LARGE", 1L)).sinceStart(3, 1, 2, 5)
                .checkpoint(new CheckpointInfo("run-1", "done", 2, 2, 1, "notes.md", true, 1_700_000_100_000L))
                .recent(List.of(new RecentPass(1_700_000_200_000L, 1, List.of("Config.java"), null, 1, 0, 0, 3, 12)))
                .describedAs("embedded", "hash-8").build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void health_ready_status_and_checkpoint_describe_the_daemon() throws Exception {
        assertEquals("ok", http.get("/health").body().path("status").asText());
        Answer ready = http.get("/ready");
        assertEquals(200, ready.status());
        assertEquals("{\"ready\":true}", ready.body().toString());

        JsonNode status = http.get("/status").body();
        List<String> fields = new ArrayList<>();
        status.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("state", "version", "uptimeMs", "startedAt", "heap", "roots"), fields);
        assertEquals("watching", status.path("state").asText());
        assertEquals("fake-version", status.path("version").asText());
        assertTrue(status.path("heap").path("maxBytes").asLong() > 0);
        JsonNode r = status.path("roots").get(0);
        assertEquals(ROOT, r.path("root").asText());
        assertEquals(2, r.path("files").path("indexed").asLong());
        assertEquals(0, r.path("files").path("pending").asLong());
        assertEquals(5, r.path("chunks").asLong());
        assertEquals("embedded", r.path("store").asText());
        assertEquals("hash-8", r.path("embedder").asText());
        assertEquals("Config.java", r.path("recent").get(0).path("samplePaths").get(0).asText());

        JsonNode cp = http.get("/checkpoint").body();
        assertEquals("done", cp.path("phase").asText());
        assertTrue(cp.path("cleanShutdown").asBoolean());
        assertTrue(cp.path("batchesCommitted").asLong() >= 0);
        assertTrue(cp.has("runId") && cp.has("filesDone") && cp.has("filesTotal") && cp.has("lastCommittedPath")
                && cp.has("updatedAt"));
        assertEquals(ROOT, cp.path("root").asText());
        assertEquals(ROOT, cp.path("roots").get(0).path("root").asText());
    }

    @Test
    void ready_is_503_with_the_reason_of_the_first_root_not_ready() throws Exception {
        daemon.roots(watching("/a"), RootStatus.builder().root("/b").state(RootState.SCANNING, null).build());
        Answer a = http.get("/ready");
        assertEquals(503, a.status());
        assertEquals("{\"ready\":false,\"reason\":\"/b: the initial pass is still running\"}", a.body().toString());
    }

    @Test
    void search_passes_its_parameters_to_the_daemon_and_answers_like_the_cli() throws Exception {
        daemon.searchAnswers(new SearchAnswer(List.of(
                new SearchResult("Config.java", 1, 3, "Config.parse", "java", 0.876543, "void parse() {}")), 4));
        Answer a = http.get("/search?q=" + enc("Config.parse") + "&k=3&lang=java&path=" + enc("src/**") + "&root=" + enc(ROOT));
        assertEquals(200, a.status());
        assertEquals(new SearchRequest("Config.parse", 3, "java", "src/**", ROOT), daemon.searches().get(0));
        assertEquals("{\"results\":[{\"path\":\"Config.java\",\"startLine\":1,\"endLine\":3,\"symbol\":\"Config.parse\","
                + "\"language\":\"java\",\"score\":0.8765,\"snippet\":\"void parse() {}\"}],\"pending\":4}",
                a.body().toString());
        http.get("/search?q=x");
        assertEquals(new SearchRequest("x", Routes.DEFAULT_K, null, null, null), daemon.searches().get(1));
    }

    @Test
    void search_refuses_bad_parameters_with_400() throws Exception {
        for (String bad : List.of("/search", "/search?q=", "/search?q=x&k=0", "/search?q=x&k=ten")) {
            Answer e = http.get(bad);
            assertEquals(400, e.status(), bad);
            assertTrue(e.body().path("error").asText().length() > 5, bad + ": " + e.body());
        }
        assertEquals("missing query parameter q", http.get("/search?q=%20").body().path("error").asText());
        assertEquals("k must be a positive integer, got 'ten'", http.get("/search?q=x&k=ten").body().path("error").asText());
        // a trial: "missing query parameter q" for a broken escape, "must be a positive integer" for a large one
        LocalHttp.RawAnswer broken = http.exchange("GET", "/search?q=%zz", null, "Host", "127.0.0.1");
        assertEquals(400, broken.status(), broken.body());
        assertTrue(broken.body().contains("query parameter q is not valid percent-encoding"), broken.body());
        assertEquals("k is too large, got '99999999999999999999': at most 2147483647",
                http.get("/search?q=x&k=99999999999999999999").body().path("error").asText());
        assertEquals(List.of(), daemon.searches(), "refused before the daemon is asked");

        // what only the daemon can judge (k's upper bound, the glob) it refuses with IllegalArgumentException
        for (String bad : List.of("/search?q=x&k=5000", "/search?q=x&path=src/%5Ba")) {
            daemon.searchFails(new IllegalArgumentException("the daemon says no to " + bad));
            Answer e = http.get(bad);
            assertEquals(400, e.status(), bad);
            assertEquals("the daemon says no to " + bad, e.body().path("error").asText());
        }
        assertEquals("src/[a", daemon.searches().get(1).pathGlob());
    }

    @Test
    void search_in_a_daemon_that_cannot_search_is_409() throws Exception {
        daemon.searchFails(new IllegalStateException("this daemon runs offline (analysis only): there is nothing to search"));
        Answer e = http.get("/search?q=x");
        assertEquals(409, e.status());
        assertEquals("this daemon runs offline (analysis only): there is nothing to search", e.body().path("error").asText());
    }

    @Test
    void an_unexpected_failure_is_500_with_its_message_and_an_unknown_route_404() throws Exception {
        daemon.searchFails(new RuntimeException("boom"));
        assertEquals(new Answer(500, error("boom")), http.get("/search?q=x"));
        daemon.searchFails(new NullPointerException());
        assertEquals(new Answer(500, error("NullPointerException")), http.get("/search?q=x"));
        assertEquals(new Answer(404, error("no route GET /nope")), http.get("/nope"));
    }

    @Test
    void sync_is_200_once_synced_504_when_not_within_the_timeout_and_400_for_a_bad_timeout() throws Exception {
        assertEquals(new Answer(200, ApiJson.mapper().createObjectNode().put("synced", true)), http.post("/sync"));
        assertEquals(List.of((long) Routes.DEFAULT_SYNC_MILLIS), daemon.syncTimeouts());

        daemon.syncNeverCompletes();
        Answer late = http.post("/sync?timeoutMs=50");
        assertEquals(504, late.status());
        assertEquals("{\"synced\":false,\"reason\":\"not everything was indexed within 50 ms: watching\"}",
                late.body().toString());
        daemon.syncs(false);
        assertEquals(504, http.post("/sync").status());

        assertEquals(400, http.post("/sync?timeoutMs=-5").status());
        assertEquals(new Answer(400, error("timeoutMs must be at most 600000")), http.post("/sync?timeoutMs=600001"));
        assertEquals(3, daemon.syncTimeouts().size(), "refused before the daemon is asked");
    }

    @Test
    void reindex_is_202_and_says_what_was_scheduled() throws Exception {
        Answer rescan = http.post("/reindex");
        assertEquals(202, rescan.status());
        assertEquals("{\"scheduled\":true,\"rescan\":true,\"roots\":[" + ApiJson.mapper().writeValueAsString(ROOT) + "]}",
                rescan.body().toString());
        Answer path = http.post("/reindex?path=" + enc("src/A.java") + "&root=" + enc(ROOT));
        assertEquals(202, path.status());
        assertEquals("{\"scheduled\":true,\"rescan\":false,\"path\":\"src/A.java\",\"roots\":["
                + ApiJson.mapper().writeValueAsString(ROOT) + "]}", path.body().toString());
        assertEquals(List.of(new ReindexCall(null, null), new ReindexCall(ROOT, "src/A.java")), daemon.reindexes());
    }

    @Test
    void reindex_takes_path_and_root_from_a_form_body_too_but_the_query_string_first_and_refuses_text_plain() throws Exception {
        String form = "application/x-www-form-urlencoded";
        assertEquals(202, http.post("/reindex", form, "path=src&root=" + enc(ROOT)).status());
        assertEquals(202, http.post("/reindex?path=a", form, "path=b").status());
        // a text/plain body is what a web page can send unasked: refused, not ignored (issue #16)
        assertEquals(403, http.post("/reindex", "text/plain", "path=c").status());
        assertEquals(List.of(new ReindexCall(ROOT, "src"), new ReindexCall(null, "a")), daemon.reindexes());
    }

    @Test
    void reindex_passes_paths_through_as_given_and_answers_the_daemons_refusal_with_400() throws Exception {
        daemon.reindexFails(new IllegalArgumentException("path lies outside the root"));
        List<String> bad = List.of("/etc/passwd", "..", "../x", "a/../../x", "", "%00x");
        for (String p : bad) {
            Answer e = http.post("/reindex?path=" + (p.startsWith("%") ? p : enc(p)));
            assertEquals(new Answer(400, error("path lies outside the root")), e, p);
        }
        assertEquals(List.of("/etc/passwd", "..", "../x", "a/../../x", "", "\0x"),
                daemon.reindexes().stream().map(ReindexCall::path).toList());
        assertEquals(400, http.post("/reindex?root=%2Fnot%2Fwatched").status());
        assertEquals(new ReindexCall("/not/watched", null), daemon.reindexes().get(bad.size()));
    }

    @Test
    void a_token_guards_every_route_but_health() throws Exception {
        server.close();
        server = new JavalinServer(daemon, "127.0.0.1", 0, "s3cret");
        assertEquals(200, http.get("/health").status());
        assertEquals(new Answer(401, error("missing or wrong token: send Authorization: Bearer <server.token>")),
                http.get("/status"));
        assertEquals(401, http.get("/status", "wrong").status());
        assertEquals(401, http.get("/search?q=x", null).status());
        for (String route : List.of("/ready", "/checkpoint")) {
            assertEquals(401, http.get(route).status(), route);
        }
        assertEquals(401, http.post("/sync").status());
        assertEquals(401, http.post("/reindex").status());
        assertEquals(401, http.raw("/", null).statusCode());
        assertEquals(401, http.raw("/metrics", null).statusCode());
        assertEquals(List.of(), daemon.reindexes());
        assertEquals(List.of(), daemon.syncTimeouts());
        assertEquals(200, http.raw("/", "s3cret").statusCode());
        assertEquals(200, http.raw("/metrics", "s3cret").statusCode());
        assertEquals(200, http.get("/status", "s3cret").status());
        assertEquals(200, http.get("/search?q=x", "s3cret").status());
        assertEquals(202, http.post("/reindex", "s3cret").status());
    }

    @Test
    void binding_beyond_loopback_without_a_token_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JavalinServer(daemon, "0.0.0.0", 0, null));
        assertEquals("binding to 0.0.0.0 needs a token (server.token / CODEINDEX_SERVER_TOKEN):"
                + " the index would otherwise be readable by anyone on the network", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JavalinServer(daemon, "0.0.0.0", 0, ""));
    }

    static JsonNode error(String message) {
        return ApiJson.mapper().createObjectNode().put("error", message);
    }
}
