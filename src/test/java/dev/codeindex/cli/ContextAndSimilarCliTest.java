package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codeindex context} (and {@code similar}) on the index on disk of a real tree, built with the bundled model. */
class ContextAndSimilarCliTest {
    @TempDir
    Path root;
    @TempDir
    Path data;
    Path config;

    @BeforeEach
    void indexed() throws Exception {
        SampleSources.write(root, "settings.py");
        SampleSources.write(root, "Geometry.java");
        SampleSources.write(root, "net.py");
        config = data.resolve("c.yaml");
        Files.writeString(config, "embedder:\n  model: minilm\n");
        CliRunner.Result r = run("index", root.toString(), "--no-progress");
        assertEquals(0, r.exit(), r.err());
    }

    CliRunner.Result run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = data.toString();
        all[args.length + 2] = "--config";
        all[args.length + 3] = config.toString();
        return CliRunner.run(all);
    }

    JsonNode json(String... args) throws Exception {
        CliRunner.Result r = run(args);
        assertEquals(0, r.exit(), r.err());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    }

    @Test
    void context_shows_the_enclosing_method_or_function_with_its_lines() throws Exception {
        JsonNode method = json("context", root.resolve("Geometry.java") + ":9", "--json");
        assertEquals("Geometry.java", method.path("path").asText(), method.toString());
        assertEquals("Geometry.distance", method.path("symbol").asText(), method.toString());
        assertEquals("method", method.path("kind").asText());
        assertEquals(7, method.path("startLine").asInt());
        assertEquals(10, method.path("endLine").asInt());
        assertTrue(method.path("code").asText().contains("return Math.hypot(x2 - x1, y2 - y1);"), method.toString());
        assertTrue(method.path("indexed").asBoolean());

        JsonNode function = json("context", root.resolve("settings.py") + ":6", "--json");
        assertEquals("load_settings", function.path("symbol").asText(), function.toString());
        assertEquals(3, function.path("startLine").asInt());
        assertEquals(10, function.path("endLine").asInt());
        assertEquals("python", function.path("language").asText());

        CliRunner.Result text = run("context", root.resolve("Geometry.java") + ":9");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().startsWith("Geometry.java:7-10  Geometry.distance  (method, java)"), text.out());
        assertEquals(java.util.List.of("> 9          return Math.hypot(x2 - x1, y2 - y1);"),
                text.out().lines().filter(l -> l.startsWith(">")).toList(), "the asked line is marked: " + text.out());
        assertFalse(text.out().contains("circleArea"), text.out());

        // a path relative to the root, from another directory, with --root (found by a new-user trial)
        assertFalse(Files.exists(Path.of("Geometry.java")), "the working directory has no such file");
        JsonNode fromElsewhere = json("context", "Geometry.java:9", "--root", root.toString(), "--json");
        assertEquals("Geometry.distance", fromElsewhere.path("symbol").asText(), fromElsewhere.toString());
        // but a file the working directory has is the one meant: outside the root, it is refused, never swapped
        // for the root's file of the same name (found in review)
        assertTrue(Files.exists(Path.of("pom.xml")));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        CliRunner.Result cwdFile = run("context", "pom.xml:1", "--root", root.toString());
        assertEquals(2, cwdFile.exit(), cwdFile.out());
        assertTrue(cwdFile.err().contains("outside the root"), cwdFile.err());
    }

    @Test
    void context_refuses_a_path_outside_the_root_a_line_past_the_end_and_a_missing_line_with_exit_2() throws Exception {
        Path outside = Files.writeString(data.resolve("other.py"), "x = 1\n");
        CliRunner.Result escape = run("context", "--root", root.toString(), outside + ":1");
        assertEquals(2, escape.exit(), escape.out());
        assertTrue(escape.err().contains("outside the root"), escape.err());
        assertFalse(escape.err().contains("Exception"), escape.err());

        CliRunner.Result past = run("context", root.resolve("settings.py") + ":99");
        assertEquals(2, past.exit(), past.out());
        assertTrue(past.err().contains("line 99 is past the end of settings.py, which has 10 lines"), past.err());

        CliRunner.Result noLine = run("context", root.resolve("settings.py").toString());
        assertEquals(2, noLine.exit());
        assertTrue(noLine.err().contains("PATH:LINE"), noLine.err());
    }

    @Test
    void similar_ranks_a_near_duplicate_in_another_file_first_and_leaves_the_source_out() throws Exception {
        Files.writeString(root.resolve("config_loader.py"), """
                import json

                def read_config(filename):
                    \"\"\"Load the JSON settings and reject keys that are not known.\"\"\"
                    with open(filename) as fh:
                        data = json.load(fh)
                    for name in data:
                        if name not in ALLOWED_KEYS:
                            raise ValueError("unknown setting: " + name)
                    return data
                """);
        assertEquals(0, run("index", root.toString(), "--no-progress").exit());

        JsonNode like = json("similar", root.resolve("settings.py") + ":6", "--json", "-k", "3");
        assertEquals("settings.py", like.path("source").path("path").asText(), like.toString());
        assertEquals("load_settings", like.path("source").path("symbol").asText(), like.toString());
        JsonNode first = like.path("results").get(0);
        assertEquals("config_loader.py", first.path("path").asText(), like.toString());
        assertEquals("read_config", first.path("symbol").asText(), like.toString());
        like.path("results").forEach(r -> assertFalse(r.path("path").asText().equals("settings.py")
                && r.path("startLine").asInt() <= 10 && r.path("endLine").asInt() >= 3, "the source is left out: " + like));
        assertTrue(like.path("results").size() <= 3);

        JsonNode bySnippet = json("similar", "--root", root.toString(), "--json", "--code", """
                for i in range(3):
                    try:
                        return socket.create_connection((h, p))
                    except OSError:
                        pass""");
        assertEquals("open_connection", bySnippet.path("results").get(0).path("symbol").asText(), bySnippet.toString());
        assertTrue(bySnippet.path("source").isMissingNode(), bySnippet.toString());

        CliRunner.Result text = run("similar", root.resolve("settings.py") + ":6", "-k", "2");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().startsWith("Like settings.py:3-10  load_settings"), text.out());
        assertTrue(text.out().contains(" 1. config_loader.py:"), text.out());

        CliRunner.Result neither = run("similar", "--root", root.toString());
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("PATH:LINE, or --code"), neither.err());
    }

    @Test
    void similar_in_an_offline_index_says_it_needs_embeddings() throws Exception {
        Path offline = Files.createDirectories(data.resolve("offline-tree"));
        SampleSources.write(offline, "net.py");
        assertEquals(0, run("index", offline.toString(), "--offline", "--no-progress").exit());
        CliRunner.Result r = run("similar", offline.resolve("net.py") + ":5");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("offline") && r.err().contains("without --offline"), r.err());
        assertTrue(r.err().contains("--data-dir " + data), "the advice keeps the data directory (a new-user trial): "
                + r.err());
        assertEquals(0, run("context", offline.resolve("net.py") + ":5").exit(), "context needs no embeddings");
    }

    @Test
    void search_references_lists_the_lines_that_use_a_name_with_their_definitions() throws Exception {
        CliRunner.Result text = run("search", "--references", "values", "--root", root.toString());
        assertEquals(0, text.exit(), text.err());
        assertEquals(java.util.List.of(
                "settings.py:6  [load_settings 3-10]  values = json.load(f)",
                "settings.py:7  [load_settings 3-10]  for key in values:",
                "settings.py:10  [load_settings 3-10]  return values",
                "3 references in 1 file."), text.out().lines().toList(), text.out());

        JsonNode defined = json("search", "--references", "Geometry.distance", "--root", root.toString(), "--json");
        assertEquals("distance", defined.path("name").asText(), defined.toString());
        assertEquals(1, defined.path("references").size(), "the Javadoc says 'Distance', another case: " + defined);
        assertTrue(defined.path("references").get(0).path("definition").asBoolean(), defined.toString());
        assertEquals(root.toString(), defined.path("references").get(0).path("root").asText());

        CliRunner.Result both = run("search", "--references", "--symbol", "values", "--root", root.toString());
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("not both"), both.err());

        // an offline index has no keyword index: the files are read, and the answer says so
        Path offline = data.resolve("offline");
        CliRunner.Result indexed = CliRunner.run("index", root.toString(), "--offline", "--no-progress", "--data-dir",
                offline.toString(), "--config", config.toString());
        assertEquals(0, indexed.exit(), indexed.err());
        CliRunner.Result read = CliRunner.run("search", "--references", "values", "--root", root.toString(), "--data-dir",
                offline.toString(), "--config", config.toString());
        assertEquals(0, read.exit(), read.err());
        assertTrue(read.out().startsWith("settings.py:6  [load_settings 3-10]  values = json.load(f)"), read.out());
        assertTrue(read.out().contains("every file was read"), read.out());
    }
}
