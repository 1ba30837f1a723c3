package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.embed.onnx.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * index and search with {@code embedder.model: onnx}, a model file of the user's choice: here the
 * bundled MiniLM's own files copied out of its jar, and a real tiny ONNX graph for a model that
 * cannot serve.
 */
class ModelFileCliTest {
    @TempDir
    Path root;
    @TempDir
    Path data;
    @TempDir
    Path models;
    private Path[] minilm;

    @BeforeEach
    void files() throws Exception {
        SampleSources.write(root, "net.py");
        SampleSources.write(root, "Geometry.java");
        minilm = ModelFiles.minilm(models.resolve("minilm"));
    }

    private Path config(Path model, Path tokenizer, String... moreLines) throws Exception {
        return config("onnx.yaml", model, tokenizer, moreLines);
    }

    private Path config(String name, Path model, Path tokenizer, String... moreLines) throws Exception {
        Path f = data.resolve(name);
        Files.writeString(f, "embedder:\n  model: onnx\n  modelPath: " + model + "\n  tokenizerPath: " + tokenizer
                + "\n  maxTokens: 128\n" + String.join("", Arrays.stream(moreLines).map(l -> "  " + l + "\n").toList()));
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

    @Test
    void a_model_file_indexes_and_searches_and_a_file_replaced_at_its_path_is_embedded_again() throws Exception {
        Path config = config(minilm[0], minilm[1], "queryPrefix: 'query: '");
        JsonNode first = index(config);
        long total = first.path("chunks").path("total").asLong();
        assertTrue(total >= 3, first.toString());
        assertEquals(total, first.path("chunks").path("embedded").asLong(), first.toString());
        JsonNode hits = search(config, "distance between two points");
        assertEquals("Geometry.java", hits.path("results").get(0).path("path").asText(), hits.toString());
        assertEquals(0, index(config).path("chunks").path("embedded").asLong(), "nothing changed, nothing embedded");

        // another model's bytes at the same path: another model, never mixed with the old vectors
        Files.copy(ModelFiles.bge(models.resolve("bge"))[0], minilm[0], StandardCopyOption.REPLACE_EXISTING);
        CliRunner.Result refused = CliRunner.run(args(config, "search", "distance", "--root", root.toString()));
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("embedder.modelPath") && refused.err().contains("the model file changed")
                && refused.err().contains("codeindex index"), refused.err());

        JsonNode again = index(config);
        assertEquals(total, again.path("chunks").path("total").asLong(), again.toString());
        assertEquals(total, again.path("chunks").path("embedded").asLong(), "every chunk embedded again: " + again);
        assertEquals(0, again.path("chunks").path("reused").asLong(), again.toString());
        hits = search(config, "distance between two points");
        assertEquals("Geometry.java", hits.path("results").get(0).path("path").asText(), hits.toString());
        try (var dirs = Files.list(RootDirs.of(data, root))) {
            List<String> stores = dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lucene-")).toList();
            assertEquals(2, stores.size(), "one store per model id: " + stores);
            assertNotEquals(stores.get(0), stores.get(1));
        }
    }

    @Test
    void a_file_that_cannot_serve_exits_2_naming_its_key_without_a_stack_trace() throws Exception {
        Path vocab = Files.writeString(models.resolve("vocab.txt"), "[PAD]\n[UNK]\nthe\n");
        Path identity = ModelFiles.identityModel(models.resolve("identity.onnx"), "input_ids");
        Map<Path, String> cases = new LinkedHashMap<>();
        cases.put(config("1.yaml", models.resolve("missing.onnx"), minilm[1]), "embedder.modelPath");
        cases.put(config("2.yaml", minilm[0], models.resolve("missing.json")), "embedder.tokenizerPath");
        cases.put(config("3.yaml", minilm[0], vocab), "embedder.tokenizerPath");
        cases.put(config("4.yaml", identity, minilm[1]), "embedder.modelPath");
        cases.put(config("5.yaml", minilm[0], minilm[1], "pooling: max"), "embedder.pooling");
        assertEquals(5, cases.size());
        for (Map.Entry<Path, String> c : cases.entrySet()) {
            String yaml = Files.readString(c.getKey());
            CliRunner.Result r = CliRunner.run(args(c.getKey(), "index", root.toString(), "--no-progress"));
            assertEquals(2, r.exit(), yaml + r.err());
            assertTrue(r.err().contains(c.getValue()), yaml + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        Path bge = data.resolve("bge.yaml");
        Files.writeString(bge, "embedder:\n  model: bge\n  modelPath: " + minilm[0] + "\n");
        CliRunner.Result r = CliRunner.run(args(bge, "index", root.toString(), "--no-progress"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("embedder.modelPath") && r.err().contains("model: onnx"), r.err());
    }
}
