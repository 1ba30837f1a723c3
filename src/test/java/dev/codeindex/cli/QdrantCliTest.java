package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.qdrant.FakeQdrant;
import dev.codeindex.store.qdrant.QdrantSettings;
import dev.codeindex.store.qdrant.QdrantStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** index and search with {@code --store qdrant}, against a fake Qdrant served on a loopback port. */
class QdrantCliTest {
    /** bge-small-en-v1.5's vector size. */
    static final int DIMENSION = 384;

    @TempDir
    Path root;
    @TempDir
    Path data;
    private FakeQdrant qdrant;

    @BeforeEach
    void start() throws Exception {
        qdrant = FakeQdrant.startTcp();
        SampleSources.write(root, "settings.py");
        SampleSources.write(root, "Geometry.java");
    }

    @AfterEach
    void stop() throws Exception {
        qdrant.close();
    }

    private String[] args(String... more) {
        List<String> a = new ArrayList<>(Arrays.asList(more));
        a.addAll(List.of("--data-dir", data.toString(), "--store", "qdrant", "--qdrant-url", qdrant.url()));
        return a.toArray(String[]::new);
    }

    private JsonNode index(String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of("index", root.toString(), "--json", "--no-progress"));
        a.addAll(Arrays.asList(more));
        return CliRunner.json(args(a.toArray(String[]::new)));
    }

    private JsonNode search(String q) throws Exception {
        return CliRunner.json(args("search", q, "--root", root.toString(), "--json", "-k", "3"));
    }

    private String collection() {
        assertEquals(1, qdrant.collectionNames().size(), qdrant.collectionNames().toString());
        return qdrant.collectionNames().iterator().next();
    }

    /** forget deletes the root's local files and names its collection, which it leaves on the server. */
    @Test
    void forget_leaves_the_collection_on_the_server_and_names_it() throws Exception {
        index();
        String collection = collection();
        long points = qdrant.pointCount(collection);
        CliRunner.Result r = CliRunner.run("forget", root.toString(), "--data-dir", data.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("its points stay in the Qdrant collection '" + collection + "' at " + qdrant.url()),
                r.out());
        assertFalse(RootDirs.holdsIndex(RootDirs.of(data, root.toAbsolutePath().normalize())), "the local index is gone");
        assertEquals(points, qdrant.pointCount(collection), "the server's points are left as they were");
    }

    @Test
    void index_and_search_go_through_qdrant_in_a_collection_named_after_root_and_model() throws Exception {
        JsonNode first = index();
        long chunks = first.path("chunks").path("total").asLong();
        assertTrue(first.path("chunks").path("embedded").asLong() >= 3, first.toString());
        String collection = collection();
        assertTrue(collection.startsWith("codeindex-" + root.getFileName()) && collection.endsWith("-bge-small-en-v1.5-q"),
                collection);
        assertEquals(chunks, qdrant.pointCount(collection));
        Path rootDir = RootDirs.of(data, root.toAbsolutePath().normalize());
        try (var files = Files.list(rootDir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("lucene-")), "no embedded store");
        }

        JsonNode hits = search("parse the config file and report unknown keys");
        assertEquals("settings.py", hits.path("results").get(0).path("path").asText(), hits.toString());
        assertEquals(0, hits.path("pending").asLong());
        assertEquals("Geometry.circleArea", search("circleArea").path("results").get(0).path("symbol").asText());

        JsonNode again = index();
        assertEquals(0, again.path("files").path("indexed").asLong(), again.toString());
        assertEquals(0, again.path("chunks").path("embedded").asLong());
    }

    @Test
    void a_deleted_collection_is_indexed_again_from_the_vector_cache_and_stray_points_are_swept() throws Exception {
        long chunks = index().path("chunks").path("total").asLong();
        String collection = collection();
        qdrant.dropCollection(collection);

        JsonNode again = index();
        assertEquals(2, again.path("files").path("indexed").asLong(), again.toString());
        assertEquals(0, again.path("chunks").path("embedded").asLong(), "vectors from the cache: " + again);
        assertEquals(chunks, qdrant.pointCount(collection));
        assertEquals("Geometry.java", search("how far apart are two points").path("results").get(0).path("path").asText());

        float[] v = new float[DIMENSION];
        v[0] = 1;
        try (QdrantStore s = QdrantStore.open(QdrantSettings.singleNode(qdrant.url(), null, collection, DIMENSION,
                Duration.ofSeconds(5)))) {
            s.upsert(List.of(new StoredChunk(UUID.randomUUID().toString(), "removed/Old.java", 1, 2, "Old", "class",
                    "java", "class Old {}", "h", v)));
        }
        JsonNode swept = index();
        assertEquals(1, swept.path("chunks").path("deleted").asLong(), swept.toString());
        assertEquals(0, swept.path("files").path("indexed").asLong());
        assertFalse(qdrant.paths(collection).contains("removed/Old.java"));
        assertEquals(chunks, qdrant.pointCount(collection));
    }

    @Test
    void an_unreachable_qdrant_exits_4_naming_its_url_and_records_nothing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        Path config = data.resolve("c.yaml");
        Files.writeString(config, "store:\n  timeout: 3s\n");
        CliRunner.Result r = CliRunner.run("index", root.toString(), "--data-dir", data.toString(), "--config",
                config.toString(), "--store", "qdrant", "--qdrant-url", url, "--no-progress");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains(url), r.err());
        JsonNode st = CliRunner.json("status", "--json", "--data-dir", data.toString());
        assertEquals(0, st.path("roots").get(0).path("files").asLong(), "no file is recorded as indexed");
    }

    @Test
    void bad_store_config_exits_2_naming_the_key() throws Exception {
        String[][] cases = {
                {"store:\n  shards: 0\n", "store.shards"},
                {"store:\n  replicationFactor: 1\n  writeConsistencyFactor: 2\n", "store.writeConsistencyFactor"},
                {"store:\n  timeout: soon\n", "store.timeout"},
                {"store:\n  apiKey: abc\n", "QDRANT_API_KEY"},
                {"store:\n  collection: a/b\n", "store.collection"},
        };
        Path config = data.resolve("c.yaml");
        for (String[] c : cases) {
            Files.writeString(config, c[0]);
            CliRunner.Result r = CliRunner.run(args("index", root.toString(), "--config", config.toString()));
            assertEquals(2, r.exit(), c[0] + r.err());
            assertTrue(r.err().contains(c[1]), c[0] + " → " + r.err());
            assertFalse(r.err().contains("abc"), "the key is never printed: " + r.err());
        }
        CliRunner.Result r = CliRunner.run("index", root.toString(), "--data-dir", data.toString(), "--store", "qdrant",
                "--qdrant-url", "qdrant:6334");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("store.qdrantUrl"), r.err());
    }

    @Test
    void a_root_keeps_its_store_and_collection_and_a_named_collection_must_be_its_own() throws Exception {
        assertEquals(0, CliRunner.run("index", root.toString(), "--data-dir", data.toString(), "--no-progress").exit());
        CliRunner.Result r = CliRunner.run(args("index", root.toString()));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("store.type") && r.err().contains("--store embedded"), r.err());
        r = CliRunner.run(args("search", "circle area", "--root", root.toString()));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("store.type"), r.err());
        assertTrue(qdrant.collectionNames().isEmpty(), "nothing was created");

        Path other = data.resolve("other");
        String[] into = {"index", root.toString(), "--data-dir", other.toString(), "--store", "qdrant", "--qdrant-url",
                qdrant.url(), "--no-progress", "--collection"};
        assertEquals(0, CliRunner.run(with(into, "team-one")).exit());
        r = CliRunner.run(with(into, "team-two"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("store.collection") && r.err().contains("--collection team-one"), r.err());

        Path third = data.resolve("third");
        r = CliRunner.run("index", root.toString(), "--data-dir", third.toString(), "--store", "qdrant",
                "--qdrant-url", qdrant.url(), "--no-progress", "--collection", "team-one");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("store.collection") && r.err().contains("already holds"), r.err());
        assertTrue(qdrant.pointCount("team-one") > 0, "the other root's points are untouched");
    }

    private static String[] with(String[] a, String last) {
        String[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }
}
