package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.store.lucene.LuceneStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search} before a first index has committed anything: an empty answer that says how much of
 * the tree is covered, exit 0, never the store's own error. The run in progress is played by this test:
 * it holds the root's lock and opens the embedded store for writing without committing, as a run does
 * until its first batch is stored.
 */
class SearchDuringFirstIndexTest {
    static final String MODEL = "bge-small-en-v1.5-q";

    @TempDir
    Path root;
    @TempDir
    Path data;
    Path rootDir;

    @BeforeEach
    void tree() throws Exception {
        SampleSources.write(root, "Geometry.java");
        SampleSources.write(root, "net.py");
        rootDir = RootDirs.of(data, root.toAbsolutePath().normalize());
    }

    private CliRunner.Result search(String... more) {
        String[] base = {"search", "distance between two points", "--root", root.toString(), "--data-dir", data.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRunner.run(args);
    }

    @Test
    void a_search_while_a_first_run_has_committed_nothing_is_empty_with_its_coverage_and_exit_0() throws Exception {
        Files.createDirectories(rootDir);
        try (DataDirLock lock = DataDirLock.acquire(rootDir);
             LuceneStore store = new LuceneStore(rootDir.resolve(StoreChoice.embeddedFolder(MODEL)))) {
            MapDbManifest.open(rootDir.resolve("manifest.db")).close(); // the run has opened its manifest

            CliRunner.Result json = search("--json");
            assertEquals(0, json.exit(), json.err());
            assertFalse(json.err().contains("segments"), json.err());
            JsonNode a = ApiJsonTestReader.read(json.out());
            assertEquals(0, a.path("results").size(), a.toString());
            assertEquals(-1, a.path("pending").asLong(), "a run holds the root");
            JsonNode c = a.path("coverage");
            assertEquals(-1, c.path("files").asLong(), c.toString());
            assertTrue(c.path("passInFlight").asBoolean(), c.toString());

            CliRunner.Result text = search();
            assertEquals(0, text.exit(), text.err());
            assertTrue(text.out().contains("No results."), text.out());
            assertTrue(text.out().contains("Coverage: not known yet (an index pass is running)"), text.out());

            // once the run has said how far it is (its progress file), the answer says so too
            Files.writeString(rootDir.resolve(ProgressFile.NAME), """
                    {"pid": %d, "root": "%s", "files": 1, "chunks": 3, "unembedded": 1,
                     "progress": {"phase": "index", "done": 1, "total": 2}}""".formatted(ProcessHandle.current().pid(),
                    root), StandardCharsets.UTF_8);
            JsonNode later = ApiJsonTestReader.read(search("--json").out()).path("coverage");
            assertEquals(2, later.path("files").asLong(), later.toString());
            assertEquals(1, later.path("keywordIndexed").asLong(), later.toString());
            assertEquals(0, later.path("embedded").asLong(), later.toString());
            // files read but not committed yet are still to come: the total does not count down as a batch is read
            Files.writeString(rootDir.resolve(ProgressFile.NAME), """
                    {"pid": %d, "root": "%s", "files": 0, "chunks": 0, "unembedded": 0,
                     "progress": {"phase": "index", "done": 29, "total": 99},
                     "checkpoint": {"phase": "index", "filesDone": 0, "filesTotal": 99}}""".formatted(
                    ProcessHandle.current().pid(), root), StandardCharsets.UTF_8);
            JsonNode reading = ApiJsonTestReader.read(search("--json").out()).path("coverage");
            assertEquals(99, reading.path("files").asLong(), reading.toString());
            assertEquals(0, reading.path("keywordIndexed").asLong(), reading.toString());
            Files.writeString(rootDir.resolve(ProgressFile.NAME), """
                    {"pid": %d, "root": "%s", "files": 1, "chunks": 3, "unembedded": 1,
                     "progress": {"phase": "index", "done": 1, "total": 2}}""".formatted(ProcessHandle.current().pid(),
                    root), StandardCharsets.UTF_8);
            // index_status (an MCP session without a daemon) says what search says: it said 0 files indexed,
            // ready, and a model "none" while search answered from the committed files (a trial)
            dev.codeindex.config.Config config = new dev.codeindex.config.ConfigLoader(System.getenv(), List::of)
                    .load(null, java.util.Map.of(dev.codeindex.config.Key.DATA_DIR, data.toString()));
            dev.codeindex.api.RootStatus status = new DiskIndex(config, root.toAbsolutePath().normalize()).status()
                    .roots().get(0);
            assertEquals(1, status.files().indexed(), status.toString());
            assertEquals(new dev.codeindex.api.Coverage(2, 1, 0, true).files(), status.coverage().files());
            assertEquals(1, status.coverage().keyword());
            assertFalse(status.ready(), "a first index half done is not ready");
            assertTrue(status.reason().startsWith("another codeindex process"), status.reason());
            CliRunner.Result laterText = search();
            assertTrue(laterText.out().contains("Coverage: 1 file keyword-indexed, 0 embedded (1 waiting for vectors), 1 more"
                    + " waiting to be indexed (an index pass is running): results may be incomplete."), laterText.out());
        }
    }

    @Test
    void a_manifest_of_this_model_without_a_store_yet_answers_empty_not_an_error() throws Exception {
        Files.createDirectories(rootDir);
        try (MapDbManifest m = MapDbManifest.open(rootDir.resolve("manifest.db"))) {
            m.putMeta(SemanticParts.MODEL_META, MODEL);
            m.commit();
        }
        CliRunner.Result json = search("--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode a = ApiJsonTestReader.read(json.out());
        assertEquals(0, a.path("results").size(), a.toString());
        assertEquals(0, a.path("coverage").path("keywordIndexed").asLong(), a.toString());
        assertFalse(Files.exists(rootDir.resolve(StoreChoice.embeddedFolder(MODEL))), "a search creates no store");
    }

    /** A local HTTP server that answers every request with {@code status} and the body made from its path. */
    private static com.sun.net.httpserver.HttpServer answering(int status,
                                                               java.util.function.Function<String, String> body)
            throws java.io.IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.apply(exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * A stale daemon file whose pid is alive again (another process) and whose port another program answers:
     * search took that program's answer for an empty one and printed "No results." (a new-user trial).
     */
    @Test
    void a_port_that_answers_something_else_than_a_daemon_is_not_taken_for_one() throws Exception {
        assertEquals(0, CliRunner.run("index", root.toString(), "--data-dir", data.toString(), "--no-progress").exit());
        com.sun.net.httpserver.HttpServer other = answering(200, path -> "{\"status\": \"ok\"}");
        Path file = WatchCommand.writeDaemonFile(data, "http://127.0.0.1:" + other.getAddress().getPort(),
                java.util.Set.of(root.toAbsolutePath().normalize()));
        try {
            CliRunner.Result r = search();
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("Geometry.java"), "the index on disk answers: " + r.out());
        } finally {
            Files.delete(file);
            other.stop(0);
        }
    }

    /**
     * An older daemon still running after an upgrade (a service not restarted) has no route for what this
     * version asks: search said "No results." with "an index pass is running" (an upgrade trial).
     */
    @Test
    void an_older_daemon_without_the_route_is_named_with_what_to_do() throws Exception {
        com.sun.net.httpserver.HttpServer older = answering(404, path -> "{\"error\": \"no route GET " + path + "\"}");
        Path file = WatchCommand.writeDaemonFile(data, "http://127.0.0.1:" + older.getAddress().getPort(),
                java.util.Set.of(root.toAbsolutePath().normalize()));
        try {
            CliRunner.Result r = search("--symbol");
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("is an older codeindex that does not answer /symbols: restart it"), r.err());
        } finally {
            Files.delete(file);
            older.stop(0);
        }
    }

    @Test
    void a_complete_index_says_so_and_prints_no_coverage_line() throws Exception {
        CliRunner.Result index = CliRunner.run("index", root.toString(), "--data-dir", data.toString(), "--no-progress");
        assertEquals(0, index.exit(), index.err());
        JsonNode c = ApiJsonTestReader.read(search("--json").out()).path("coverage");
        assertEquals(2, c.path("files").asLong(), c.toString());
        assertEquals(2, c.path("keywordIndexed").asLong(), c.toString());
        assertEquals(2, c.path("embedded").asLong(), c.toString());
        assertFalse(c.path("passInFlight").asBoolean(), c.toString());
        CliRunner.Result text = search();
        assertTrue(text.out().contains("Geometry.java"), text.out());
        assertFalse(text.out().contains("Coverage"), text.out());
        assertFalse(text.out().contains("Note:"), text.out());

        // no daemon watches the root: a hit for a file deleted since says so, not only "complete"
        Files.delete(root.resolve("Geometry.java"));
        CliRunner.Result stale = search();
        assertTrue(stale.out().contains("Geometry.java"), "the index still holds it: " + stale.out());
        assertTrue(stale.out().contains("Note: 1 hit names a file deleted since the last index (Geometry.java): no watch"
                + " daemon keeps " + root + " current"), stale.out());
        JsonNode notes = ApiJsonTestReader.read(search("--json").out()).path("notes");
        assertEquals(1, notes.size(), notes.toString());
    }
}
