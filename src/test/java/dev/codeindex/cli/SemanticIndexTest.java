package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** index → search → edit → rerun → delete, with the real bundled model and the embedded store. */
class SemanticIndexTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    @BeforeEach
    void tree() throws Exception {
        SampleSources.write(root, "settings.py");
        SampleSources.write(root, "Geometry.java");
        SampleSources.write(root, "net.py");
    }

    private JsonNode index() throws Exception {
        return CliRunner.json("index", root.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
    }

    private JsonNode search(String q) throws Exception {
        return CliRunner.json("search", q, "--root", root.toString(), "--data-dir", data.toString(), "--json", "-k", "3");
    }

    @Test
    void finds_code_by_meaning_and_embeds_only_what_changed() throws Exception {
        JsonNode first = index();
        assertTrue(first.path("chunks").path("embedded").asLong() >= 4, first.toString());
        assertEquals(0, first.path("chunks").path("reused").asLong());

        JsonNode hits = search("parse the config file and report unknown keys");
        assertEquals("settings.py", hits.path("results").get(0).path("path").asText(), hits.toString());
        assertEquals("load_settings", hits.path("results").get(0).path("symbol").asText());
        assertEquals(0, hits.path("pending").asLong());
        assertEquals("Geometry.java", search("how far apart are two points").path("results").get(0).path("path").asText());

        assertEquals(0, index().path("chunks").path("embedded").asLong(), "nothing changed, nothing embedded");

        JsonNode byName = search("circleArea");
        assertEquals("Geometry.circleArea", byName.path("results").get(0).path("symbol").asText(), byName.toString());
        assertEquals("open_connection", search("open_connection").path("results").get(0).path("symbol").asText());
        assertEquals("Geometry.distance", search("Geometry.distance").path("results").get(0).path("symbol").asText());
        JsonNode defs = CliRunner.json("search", "--symbol", "distance", "--root", root.toString(), "--data-dir",
                data.toString(), "--json");
        assertEquals("Geometry.distance", defs.path("results").get(0).path("symbol").asText(), defs.toString());
        defs.path("results").forEach(r -> assertTrue(r.path("symbol").asText().endsWith("distance"), defs.toString()));

        Files.writeString(root.resolve("Geometry.java"),
                Files.readString(root.resolve("Geometry.java")).replace("Math.hypot(x2 - x1, y2 - y1)",
                        "Math.sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1))"));
        JsonNode edit = index();
        assertEquals(1, edit.path("files").path("indexed").asLong());
        assertEquals(1, edit.path("chunks").path("embedded").asLong(), "only the changed method: " + edit);
        assertTrue(edit.path("chunks").path("reused").asLong() >= 1, edit.toString());

        Files.delete(root.resolve("net.py"));
        JsonNode del = index();
        assertTrue(del.path("chunks").path("deleted").asLong() >= 1, del.toString());
        JsonNode after = search("connect a socket to a server");
        after.path("results").forEach(r -> assertTrue(!r.path("path").asText().equals("net.py"), after.toString()));
    }

    @Test
    void an_index_built_with_one_model_refuses_another() throws Exception {
        index();
        CliRunner.Result r = CliRunner.run("index", root.toString(), "--data-dir", data.toString(), "--config",
                writeConfig("embedder:\n  model: minilm\n").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("bge-small-en-v1.5-q"), r.err());
    }

    @Test
    void a_store_of_an_older_format_is_refused_by_search_and_rebuilt_by_index_without_embedding() throws Exception {
        long chunks = index().path("chunks").path("total").asLong();
        Path store;
        try (var dirs = Files.find(data, 4, (p, a) -> p.getFileName().toString().startsWith("lucene-"))) {
            store = dirs.findFirst().orElseThrow();
        }
        try (var d = org.apache.lucene.store.FSDirectory.open(store);
             var w = new org.apache.lucene.index.IndexWriter(d, new org.apache.lucene.index.IndexWriterConfig())) {
            w.setLiveCommitData(java.util.Map.of("codeindex.store.format", "1").entrySet(), true);
            w.commit();
        }
        CliRunner.Result refused = CliRunner.run("search", "x", "--root", root.toString(), "--data-dir", data.toString());
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("format 1") && refused.err().contains("codeindex index"), refused.err());

        JsonNode rebuilt = index();
        assertEquals(0, rebuilt.path("chunks").path("embedded").asLong(), rebuilt.toString());
        assertEquals(chunks, rebuilt.path("chunks").path("reused").asLong(), rebuilt.toString());
        assertEquals("open_connection", search("open_connection").path("results").get(0).path("symbol").asText());
    }

    private Path writeConfig(String yaml) throws Exception {
        Path f = data.resolve("c.yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
