package dev.codeindex.daemon;

import static dev.codeindex.testing.McpHttpClients.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.mcp.McpTools;
import dev.codeindex.mcp.sdk.McpHttpEndpoint;
import dev.codeindex.mcp.sdk.McpServerSpec;
import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import dev.codeindex.testing.McpHttpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent connected over MCP while a first index runs in two phases: between the phases it finds
 * every file by symbol, and both the status and each answer say how much is keyword-indexed and how
 * much embedded; once the vectors are in, they say so too. The real daemon, store, manifest, watcher
 * and MCP SDK; the embedder is held at its first call until the test has looked.
 */
class McpDuringEmbedPhaseTest {
    static final int MIN_FILES = 20;
    static final int FILES = MIN_FILES + 10;

    @TempDir
    Path root;
    @TempDir
    Path data;

    final ExecutorService workers = Executors.newFixedThreadPool(2);
    final CountDownLatch release = new CountDownLatch(1);
    MapDbManifest manifest;
    LuceneStore store;
    Daemon daemon;
    McpHttpEndpoint mcp;
    JavalinServer server;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (server != null) {
            server.close();
        }
        if (mcp != null) {
            mcp.close();
        }
        if (daemon != null) {
            daemon.stop(10_000);
        }
        store.close();
        manifest.close();
        workers.shutdownNow();
    }

    @Test
    void index_status_and_search_tell_keyword_coverage_from_embedded_through_both_phases() throws Exception {
        for (int i = 0; i < FILES; i++) {
            Files.writeString(root.resolve("Service" + i + ".java"),
                    "class Service" + i + " {\n    int handle" + i + "(int x) { return x + " + i + "; }\n}\n");
        }
        manifest = MapDbManifest.open(data.resolve("m.db"));
        store = new LuceneStore(data.resolve("lucene"));
        FakeEmbedder embedder = FakeEmbedder.hashed().beforeEmbed(batch -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        daemon = RealRoots.semanticDaemon(root, manifest, embedder, store, workers, MIN_FILES);
        mcp = new McpHttpEndpoint(new McpServerSpec("test-version", "instructions", new McpTools(daemon, null).tools()));
        server = new JavalinServer(daemon, "127.0.0.1", 0, null, Map.of(McpHttpEndpoint.PATH, mcp.servlet()));
        try (McpSyncClient c = client()) {
            JsonNode between = until(c, s -> s.path("phase").asText().startsWith("embed"));
            assertEquals(FILES, between.path("coverage").path("files").asLong(), between.toString());
            assertEquals(FILES, between.path("coverage").path("keywordIndexed").asLong(), between.toString());
            assertEquals(0, between.path("coverage").path("embedded").asLong(), "held at the first call: " + between);
            assertTrue(between.path("coverage").path("passInFlight").asBoolean(), between.toString());

            JsonNode hits = call(c, "find_symbol", Map.of("name", "Service" + (FILES - 1)));
            assertEquals("Service" + (FILES - 1) + ".java", hits.path("results").get(0).path("path").asText(), hits.toString());
            assertEquals(0, hits.path("coverage").path("embedded").asLong(), hits.toString());
            assertEquals(FILES, hits.path("coverage").path("keywordIndexed").asLong(), hits.toString());

            release.countDown();
            JsonNode after = until(c, s -> s.path("coverage").path("embedded").asLong() == FILES);
            assertEquals(FILES, after.path("coverage").path("keywordIndexed").asLong(), after.toString());
            JsonNode search = call(c, "search_code", Map.of("query", "handle" + (FILES - 1), "k", 3));
            assertEquals(FILES, search.path("coverage").path("embedded").asLong(), search.toString());
        }
    }

    /** The first root of {@code index_status} once {@code test} holds (polled for up to 60 s). */
    JsonNode until(McpSyncClient c, Predicate<JsonNode> test) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = call(c, "index_status", Map.of()).path("roots").get(0);
            if (test.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not reached in 60 s; last index_status root: " + last);
    }

    McpSyncClient client() {
        return McpHttpClients.connect("http://127.0.0.1:" + server.port(), McpHttpEndpoint.PATH, null,
                Duration.ofSeconds(30));
    }
}
