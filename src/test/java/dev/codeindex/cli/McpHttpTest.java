package dev.codeindex.cli;

import static dev.codeindex.testing.McpHttpClients.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.testing.McpHttpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codeindex watch}'s MCP endpoint as an agent configured with {@code --transport http} uses
 * it: a real daemon in a child JVM, with a token, on a real tree indexed with the bundled model,
 * driven by the SDK's own streamable-HTTP client.
 */
class McpHttpTest {
    static final String TOKEN = "s3cret-token";

    @TempDir
    Path root;
    @TempDir
    Path data;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    Process watch;

    @AfterEach
    void killDaemon() {
        if (watch != null) {
            watch.destroyForcibly();
        }
    }

    /** Starts {@code codeindex watch} on the tree with a token; its URL once it is ready. */
    String startWatch() throws Exception {
        Path config = data.resolve("c.yaml");
        Files.writeString(config, "embedder:\n  model: minilm\nserver:\n  token: " + TOKEN + "\n");
        List<String> cmd = ChildJvm.command("watch", root.toString(), "--data-dir", data.toString(), "--config",
                config.toString(), "--port", "0", "--no-progress", "--debounce", "50ms");
        watch = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path daemonFile = data.resolve(WatchCommand.DAEMONS_DIR).resolve(watch.pid() + ".json");
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String url = null;
        while (System.nanoTime() < end && watch.isAlive()) {
            if (url == null && Files.exists(daemonFile)) {
                url = json.readTree(Files.readString(daemonFile)).path("url").asText(null);
            }
            if (url != null && send(url, "GET", "/ready", TOKEN).statusCode() == 200) {
                return url;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the daemon " + (watch.isAlive() ? "was not ready in time" : "exited"));
    }

    HttpResponse<String> send(String url, String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    McpSyncClient client(String url) {
        return McpHttpClients.connect(url, "/mcp", TOKEN, Duration.ofSeconds(60));
    }

    @Test
    void an_agent_with_the_token_searches_through_the_daemon_and_sees_an_edit_once_synced() throws Exception {
        SampleSources.write(root, "settings.py");
        SampleSources.write(root, "net.py");
        String url = startWatch();

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                        "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Authorization: Bearer"), refused.body());

        try (McpSyncClient c = client(url)) {
            assertEquals("codeindex", c.getCurrentInitializationResult().serverInfo().name());
            assertTrue(c.getCurrentInitializationResult().instructions().contains(root.toString()),
                    c.getCurrentInitializationResult().instructions());
            assertEquals(new TreeSet<>(List.of("search_code", "find_symbol", "find_references", "get_context", "find_similar", "index_status",
                            "reindex", "index")),
                    c.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toCollection(TreeSet::new)));

            JsonNode status = call(c, "index_status", Map.of());
            assertEquals("watching", status.path("state").asText(), status.toString());
            assertEquals(2, status.path("roots").get(0).path("files").path("indexed").asLong(), status.toString());

            JsonNode hit = call(c, "search_code", Map.of("query", "parse the config file and report unknown keys"));
            assertEquals("settings.py", hit.path("results").get(0).path("path").asText(), hit.toString());
            assertEquals(0, hit.path("pending").asLong(), hit.toString());
            assertEquals(root.toString(), hit.path("results").get(0).path("root").asText(), hit.toString());
            JsonNode index = call(c, "index", Map.of());
            assertEquals("daemon", index.path("roots").get(0).path("state").asText(), index.toString());

            Files.writeString(root.resolve("billing.py"), """
                    def send_invoice_email(customer, amount):
                        \"\"\"Email the customer an invoice for the amount they owe.\"\"\"
                        body = f"Dear {customer.name}, you owe {amount}."
                        customer.mailbox.send(subject="Invoice", body=body)
                    """);
            HttpResponse<String> synced = send(url, "POST", "/sync", TOKEN);
            assertEquals(200, synced.statusCode(), synced.body());
            JsonNode edited = call(c, "search_code", Map.of("query", "email an invoice to a customer", "k", 2));
            assertEquals("billing.py", edited.path("results").get(0).path("path").asText(), edited.toString());
            assertEquals("send_invoice_email", edited.path("results").get(0).path("symbol").asText(), edited.toString());

            // a daemon's root answers where a name is used, the edit included
            JsonNode uses = call(c, "find_references", Map.of("name", "customer"));
            assertEquals(4, uses.path("references").size(), "the docstring names it too: " + uses);
            for (JsonNode r : uses.path("references")) {
                assertEquals("billing.py", r.path("path").asText(), uses.toString());
                assertEquals("send_invoice_email", r.path("symbol").asText(), uses.toString());
            }
            assertEquals(root.toString(), uses.path("root").asText(), "one root, said once: " + uses);
            assertEquals(List.of(1, 2, 3, 4), List.of(uses.path("references").get(0).path("line").asInt(),
                    uses.path("references").get(1).path("line").asInt(), uses.path("references").get(2).path("line").asInt(),
                    uses.path("references").get(3).path("line").asInt()));

            JsonNode scheduled = call(c, "reindex", Map.of("path", "billing.py"));
            assertTrue(scheduled.path("scheduled").asBoolean(), scheduled.toString());
        }
    }
}
