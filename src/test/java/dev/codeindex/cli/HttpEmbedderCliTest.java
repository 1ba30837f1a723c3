package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.embed.http.FakeEmbeddingServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** index and search with {@code embedder.model: http}, over real HTTP to a scripted server on a loopback port. */
class HttpEmbedderCliTest {
    static final String MODEL = "acme/code-embed:v2";
    /** {@code http:MODEL:8} with what a file name cannot hold replaced; the fake's vectors have 8 dimensions. */
    static final String STORE_FOLDER = "lucene-http_acme_code-embed_v2_8";

    @TempDir
    Path root;
    @TempDir
    Path data;
    private FakeEmbeddingServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeEmbeddingServer();
        SampleSources.write(root, "net.py");
        SampleSources.write(root, "Geometry.java");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path config(String url, String... moreLines) throws Exception {
        Path f = data.resolve("http.yaml");
        Files.writeString(f, "embedder:\n  model: http\n  url: " + url + "\n  httpModel: " + MODEL + "\n"
                + String.join("", Arrays.stream(moreLines).map(l -> "  " + l + "\n").toList()));
        return f;
    }

    private String[] args(Path config, String... more) {
        List<String> a = new ArrayList<>(Arrays.asList(more));
        a.addAll(List.of("--data-dir", data.toString(), "--config", config.toString()));
        return a.toArray(String[]::new);
    }

    private JsonNode index(Path config) throws Exception {
        return CliRunner.json(args(config, "index", root.toString(), "--json", "--no-progress"));
    }

    private JsonNode search(Path config, String query) throws Exception {
        return CliRunner.json(args(config, "search", query, "--root", root.toString(), "--json", "-k", "3"));
    }

    private List<Path> storeFolders() throws Exception {
        try (var dirs = Files.find(data, 3, (p, a) -> a.isDirectory() && p.getFileName().toString().startsWith("lucene-"))) {
            return dirs.toList();
        }
    }

    private Path storeFolder() throws Exception {
        List<Path> all = storeFolders();
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    @Test
    void index_and_search_go_through_the_server_and_the_store_folder_name_is_sanitized() throws Exception {
        Path config = config(server.baseUrl().toString());
        JsonNode first = index(config);
        long embedded = first.path("chunks").path("embedded").asLong();
        assertTrue(embedded >= 3, first.toString());
        assertEquals(STORE_FOLDER, storeFolder().getFileName().toString());
        List<String> sent = new ArrayList<>();
        server.requests().forEach(r -> {
            assertEquals(MODEL, r.model());
            sent.addAll(r.input());
        });
        assertEquals(embedded + 1, sent.size(), "one probe, then each new chunk once");

        assertEquals(0, index(config).path("chunks").path("embedded").asLong(), "nothing changed, nothing embedded");

        // the fake's vectors are a function of the text: the exact text of a chunk finds that chunk first
        String distance = sent.stream().filter(t -> t.contains("Math.hypot")).findFirst().orElseThrow().strip();
        JsonNode hits = search(config, distance);
        JsonNode top = hits.path("results").get(0);
        assertEquals("Geometry.java", top.path("path").asText(), hits.toString());
        assertEquals("Geometry.distance", top.path("symbol").asText(), hits.toString());
        assertEquals(distance, server.requests().get(server.requests().size() - 1).input().get(0), "the query is embedded by the server");
        assertEquals("open_connection", search(config, "open_connection").path("results").get(0).path("symbol").asText());
    }

    @Test
    void an_unreachable_server_exits_4_naming_its_url() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        CliRunner.Result r = CliRunner.run(args(config(url), "index", root.toString(), "--no-progress"));
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains(url + "/v1/embeddings"), r.err());
        assertEquals(List.of(), storeFolders(), "no store was opened");
    }

    @Test
    void a_refused_api_key_exits_2_mentioning_authentication_and_never_printing_the_key() throws Exception {
        String key = "sk-test-7f3a9c2e1d5b4f60";
        // a careless server that echoes what it was sent
        server.then(req -> FakeEmbeddingServer.Reply.of(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + req.authorization() + "\"}}", Map.of()));
        Path err = data.resolve("err.txt");
        List<String> cmd = ChildJvm.command(args(config(server.baseUrl().toString()), "index", root.toString(),
                "--no-progress"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().put("CODEINDEX_EMBEDDER_API_KEY", key); // the key only ever comes from the environment
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child exits");
        String printed = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), printed);
        assertTrue(printed.contains("authentication") && printed.contains("401"), printed);
        assertTrue(printed.contains("CODEINDEX_EMBEDDER_API_KEY"), "says where the key comes from: " + printed);
        assertFalse(printed.contains(key), printed);
        assertEquals("Bearer " + key, server.requests().get(0).authorization(), "the key was sent to the server");
    }

    @Test
    void a_model_the_server_does_not_have_exits_2_with_the_servers_message() throws Exception {
        server.then(FakeEmbeddingServer.Reply.of(404,
                "{\"error\":{\"message\":\"model \\\"acme/code-embed:v2\\\" not found, try pulling it first\"}}", Map.of()));
        CliRunner.Result r = CliRunner.run(args(config(server.baseUrl().toString()), "index", root.toString(),
                "--no-progress"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("not found, try pulling it first"), r.err());
    }

    @Test
    void invalid_embedder_values_exit_2_naming_the_key() throws Exception {
        String url = server.baseUrl().toString();
        Map<String, String> cases = Map.of(
                "maxTokens: 10", "embedder.maxTokens",
                "batchSize: lots", "embedder.batchSize",
                "timeout: 0s", "embedder.timeout",
                "dimension: 16", "embedder.dimension", // the server's model makes 8
                "apiKey: sk-in-the-file", "CODEINDEX_EMBEDDER_API_KEY");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            CliRunner.Result r = CliRunner.run(args(config(url, c.getKey()), "index", root.toString(), "--no-progress"));
            assertEquals(2, r.exit(), c.getKey() + ": " + r.err());
            assertTrue(r.err().contains(c.getValue()), c.getKey() + ": " + r.err());
            assertFalse(r.err().contains("sk-in-the-file"), r.err());
        }
        Path noUrl = data.resolve("no-url.yaml");
        Files.writeString(noUrl, "embedder:\n  model: http\n  httpModel: " + MODEL + "\n");
        CliRunner.Result r = CliRunner.run(args(noUrl, "search", "x", "--root", root.toString()));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("embedder.url"), r.err());
    }

    @Test
    void a_root_indexed_with_bge_refuses_an_http_model() throws Exception {
        CliRunner.json("index", root.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
        Path http = config(server.baseUrl().toString());
        for (String[] a : List.of(args(http, "index", root.toString(), "--no-progress"),
                args(http, "search", "open a socket", "--root", root.toString()))) {
            CliRunner.Result r = CliRunner.run(a);
            assertEquals(2, r.exit(), a[0] + ": " + r.err());
            assertTrue(r.err().contains("embedder.model") && r.err().contains("bge-small-en-v1.5-q")
                    && r.err().contains("http:" + MODEL + ":8"), r.err());
        }
        assertEquals("lucene-bge-small-en-v1.5-q", storeFolder().getFileName().toString(), "the bge store is untouched");
    }
}
