package dev.codeindex.daemon;

import static dev.codeindex.testing.McpHttpClients.call;
import static dev.codeindex.testing.McpHttpClients.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.index.IndexRun;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.mcp.McpTools;
import dev.codeindex.mcp.sdk.McpHttpEndpoint;
import dev.codeindex.mcp.sdk.McpServerSpec;
import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import dev.codeindex.testing.McpHttpClients;
import dev.codeindex.testing.LocalHttp;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's MCP endpoint, {@code /mcp} over streamable HTTP, driven by the SDK's own client: the
 * real {@link Daemon} watching a real temp tree (MapDB manifest, Lucene store, a file watcher)
 * behind the real server with the endpoint mounted as {@code codeindex watch} mounts it; and the
 * token and Host/Origin checks in front of it, as in front of every route.
 */
class DaemonMcpHttpTest {
    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"page","version":"1"}}}""";

    @TempDir
    Path root;
    @TempDir
    Path data;

    final ExecutorService workers = Executors.newFixedThreadPool(2);
    final ObjectMapper json = new ObjectMapper();
    MapDbManifest manifest;
    LuceneStore store;
    Daemon daemon;
    McpHttpEndpoint mcp;
    JavalinServer server;
    final LocalHttp http = new LocalHttp(() -> server.port());

    @BeforeEach
    void startDaemon() throws Exception {
        Files.writeString(root.resolve("Config.java"), "class Config {\n    void parse() {}\n}\n");
        Files.writeString(root.resolve("notes.md"), "# Notes\nabout the project\n");
        manifest = MapDbManifest.open(data.resolve("m.db"));
        store = new LuceneStore(data.resolve("lucene"));
        FakeEmbedder embedder = FakeEmbedder.hashed();
        daemon = RealRoots.semanticDaemon(root, manifest, embedder, store, workers, IndexRun.TWO_PHASE_MIN_FILES);
        assertTrue(daemon.sync(30_000));
    }

    void serve(String token) {
        mcp = new McpHttpEndpoint(new McpServerSpec("test-version", "instructions", new McpTools(daemon, null).tools()));
        server = new JavalinServer(daemon, "127.0.0.1", 0, token, Map.of(McpHttpEndpoint.PATH, mcp.servlet()));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mcp != null) {
            mcp.close();
        }
        daemon.stop(10_000);
        store.close();
        manifest.close();
        workers.shutdownNow();
    }

    McpSyncClient client(String token) {
        return McpHttpClients.connect("http://127.0.0.1:" + server.port(), McpHttpEndpoint.PATH, token,
                Duration.ofSeconds(30));
    }

    @Test
    void an_agent_lists_the_tools_searches_sees_the_status_and_schedules_a_pass() throws Exception {
        serve(null);
        try (McpSyncClient c = client(null)) {
            assertEquals("codeindex", c.getCurrentInitializationResult().serverInfo().name());
            assertEquals("test-version", c.getCurrentInitializationResult().serverInfo().version());
            TreeSet<String> expected = new McpTools(daemon, null).tools().stream().map(McpTools.Tool::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            TreeSet<String> listed = c.listTools().tools().stream().map(McpSchema.Tool::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, listed, "the same tools as over stdio");
            assertTrue(c.listTools().tools().stream().anyMatch(t -> t.name().equals("search_code")));

            JsonNode hits = call(c, "search_code", Map.of("query", "Config.parse", "k", 3));
            assertEquals("Config.java", hits.path("results").get(0).path("path").asText(), hits.toString());
            assertEquals("Config.parse", hits.path("results").get(0).path("symbol").asText(), hits.toString());
            assertTrue(hits.path("results").get(0).path("code").asText().contains("void parse()"), hits.toString());
            assertEquals(0, hits.path("pending").asLong(), hits.toString());

            JsonNode status = call(c, "index_status", Map.of());
            assertEquals("watching", status.path("state").asText(), status.toString());
            assertEquals(root.toString(), status.path("roots").get(0).path("root").asText());
            assertEquals(2, status.path("roots").get(0).path("files").path("indexed").asLong(), status.toString());

            JsonNode scheduled = call(c, "reindex", Map.of("path", "Config.java"));
            assertTrue(scheduled.path("scheduled").asBoolean(), scheduled.toString());
            assertEquals("Config.java", scheduled.path("path").asText(), scheduled.toString());

            McpSchema.CallToolResult bad = c.callTool(new McpSchema.CallToolRequest("search_code", Map.of("k", 3)));
            assertTrue(bad.isError());
            assertTrue(text(bad).contains("`query` is required"), text(bad));
        }
    }

    @Test
    void a_search_sees_an_edit_once_the_daemon_applied_it() throws Exception {
        serve(null);
        try (McpSyncClient c = client(null)) {
            JsonNode before = call(c, "find_symbol", Map.of("name", "Billing.sendInvoice"));
            assertEquals(0, before.path("results").size(), before.toString());

            Files.writeString(root.resolve("Billing.java"), "class Billing {\n    void sendInvoice() {}\n}\n");
            assertTrue(daemon.sync(30_000));

            JsonNode after = call(c, "search_code", Map.of("query", "Billing.sendInvoice", "k", 3));
            assertEquals("Billing.java", after.path("results").get(0).path("path").asText(), after.toString());
            assertEquals("Billing.sendInvoice", after.path("results").get(0).path("symbol").asText(), after.toString());
        }
    }

    /**
     * Sessions that clients never ended stayed for the daemon's life (a trial opened 4,000 with curl, all alive
     * after a full GC): one idle for a sweep is closed and answered as unknown, one in use stays.
     */
    @Test
    void a_session_left_idle_is_closed_and_one_in_use_stays() throws Exception {
        mcp = new McpHttpEndpoint(new McpServerSpec("test-version", "instructions", new McpTools(daemon, null).tools()),
                Duration.ofMillis(300));
        server = new JavalinServer(daemon, "127.0.0.1", 0, null, Map.of(McpHttpEndpoint.PATH, mcp.servlet()));
        String idle = initialize();
        String busy = initialize();
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < end) {
            assertEquals(200, listTools(busy).statusCode(), "a session in use stays");
            Thread.sleep(100);
        }
        java.net.http.HttpResponse<String> gone = listTools(idle);
        assertEquals(404, gone.statusCode(), gone.body());
        assertTrue(gone.body().contains("initialize a new one"), gone.body());
        assertEquals(200, listTools(busy).statusCode());
    }

    /** As over stdio: tool calls the SDK failed on with -32603 and its class names are -32602 saying what to send. */
    @Test
    void a_malformed_tool_call_is_invalid_params_and_the_session_goes_on() throws Exception {
        serve(null);
        String session = initialize();
        for (String call : java.util.List.of("\"params\":\"zzz\"", "\"params\":{\"name\":\"search_code\",\"arguments\":\"zzz\"}",
                "\"params\":{\"name\":\"nonexistent_tool\"}")) {
            java.net.http.HttpResponse<String> a = mcpPost(session, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":"
                    + "\"tools/call\"," + call + "}");
            JsonNode body = json.readTree(a.body());
            assertEquals(-32602, body.path("error").path("code").asInt(), a.body());
            assertEquals(9, body.path("id").asInt(), a.body());
            assertFalse(a.body().contains("io.modelcontextprotocol") || a.body().contains("java."), a.body());
        }
        assertTrue(mcpPost(session, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"nonexistent_tool\"}}").body().contains("the tools are search_code"));
        java.net.http.HttpResponse<String> good = mcpPost(session, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"index_status\",\"arguments\":{}}}");
        assertEquals(200, good.statusCode(), good.body());
        assertTrue(good.body().contains("watching"), good.body());
    }

    java.net.http.HttpResponse<String> mcpPost(String session, String body) throws Exception {
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            req.header("Mcp-Session-Id", session);
        }
        return java.net.http.HttpClient.newHttpClient().send(req.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** A session opened as a bare client opens one (curl): initialize, then initialized; its id. */
    String initialize() throws Exception {
        var init = mcpPost(null, INITIALIZE);
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        mcpPost(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    java.net.http.HttpResponse<String> listTools(String session) throws Exception {
        return mcpPost(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    }

    /**
     * The transport's own errors are JSON-RPC errors, not the SDK's exception serialized with its stack
     * trace (found by a second new-user trial).
     */
    @Test
    void transport_errors_are_json_rpc_errors_without_internals() throws Exception {
        serve(null);
        String list = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}";
        String[][] cases = {
            {list},                                   // no session id
            {list, "Mcp-Session-Id", "abc"},          // an unknown session
            {"{\"jsonrpc\":"},                       // not JSON
        };
        for (String[] c : cases) {
            java.util.List<String> headers = new java.util.ArrayList<>(java.util.List.of("Host", "127.0.0.1:" + server.port(),
                    "Content-Type", "application/json", "Accept", "application/json, text/event-stream"));
            headers.addAll(java.util.Arrays.asList(c).subList(1, c.length));
            LocalHttp.RawAnswer a = http.exchange("POST", "/mcp", c[0], headers.toArray(String[]::new));
            assertTrue(a.status() >= 400 && a.status() < 500, a.status() + " " + a.body());
            assertFalse(a.body().contains("stackTrace") || a.body().contains("className"), a.body());
            JsonNode body = json.readTree(a.body());
            assertEquals("2.0", body.path("jsonrpc").asText(), a.body());
            assertTrue(body.has("id") && body.path("error").path("code").isInt()
                    && !body.path("error").path("message").asText().isEmpty(), a.body());
            if (c.length > 1) { // a session a restarted daemon does not know: the client's to fix, and it says how
                assertEquals(-32600, body.path("error").path("code").asInt(), a.body());
                assertTrue(body.path("error").path("message").asText().contains("initialize a new one"), a.body());
            }
        }
    }

    @Test
    void with_a_token_only_a_client_that_sends_it_is_served() throws Exception {
        serve("s3cret");
        LocalHttp.RawAnswer none = http.exchange("POST", "/mcp", INITIALIZE, "Host", "127.0.0.1:" + server.port(),
                "Content-Type", "application/json", "Accept", "application/json, text/event-stream");
        assertEquals(401, none.status(), none.body());
        assertTrue(json.readTree(none.body()).path("error").asText().contains("Authorization: Bearer"), none.body());
        LocalHttp.RawAnswer wrong = http.exchange("POST", "/mcp", INITIALIZE, "Host", "127.0.0.1:" + server.port(),
                "Content-Type", "application/json", "Accept", "application/json, text/event-stream",
                "Authorization", "Bearer guess");
        assertEquals(401, wrong.status(), wrong.body());
        assertThrows(RuntimeException.class, () -> client(null).close(), "the SDK client without the token");

        try (McpSyncClient c = client("s3cret")) {
            JsonNode status = call(c, "index_status", Map.of());
            assertEquals(2, status.path("roots").get(0).path("files").path("indexed").asLong(), status.toString());
            JsonNode hits = call(c, "search_code", Map.of("query", "Config.parse"));
            assertEquals("Config.java", hits.path("results").get(0).path("path").asText(), hits.toString());
        }
    }

    @Test
    void a_web_page_can_neither_reach_the_endpoint_by_a_rebound_name_nor_post_to_it_cross_origin() throws Exception {
        serve(null);
        String local = "127.0.0.1:" + server.port();
        LocalHttp.RawAnswer rebound = http.exchange("POST", "/mcp", INITIALIZE, "Host", "attacker.example:" + server.port(),
                "Content-Type", "application/json", "Accept", "application/json, text/event-stream");
        assertEquals(403, rebound.status(), rebound.body());
        assertTrue(json.readTree(rebound.body()).path("error").asText().contains("loopback"), rebound.body());
        assertEquals(403, http.exchange("GET", "/mcp", null, "Host", "attacker.example",
                "Accept", "text/event-stream").status());

        LocalHttp.RawAnswer crossOrigin = http.exchange("POST", "/mcp", INITIALIZE, "Host", local,
                "Origin", "http://attacker.example", "Content-Type", "application/json",
                "Accept", "application/json, text/event-stream");
        assertEquals(403, crossOrigin.status(), crossOrigin.body());
        assertTrue(json.readTree(crossOrigin.body()).path("error").asText().contains("cross-origin"), crossOrigin.body());
        assertEquals(403, http.exchange("POST", "/mcp", INITIALIZE, "Host", local, "Content-Type", "text/plain",
                "Accept", "application/json, text/event-stream").status(), "a body a page can send unasked");

        LocalHttp.RawAnswer local200 = http.exchange("POST", "/mcp", INITIALIZE, "Host", local,
                "Content-Type", "application/json", "Accept", "application/json, text/event-stream");
        assertEquals(200, local200.status(), "the same request from a local client: " + local200.body());
        assertTrue(local200.body().contains("codeindex"), local200.body());
    }
}
