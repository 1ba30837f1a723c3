package dev.codeindex.embed.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.embed.onnx.ModelFileSettings.Pooling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file of the user's choice, tested on the bundled models' own files copied out of their
 * jars: through this path they give exactly the bundled path's vectors.
 */
class OnnxFileEmbedderTest {
    static final List<String> TEXTS = List.of(
            "read the configuration file",
            "def parse_config(path):\n    with open(path) as f:\n        return yaml.safe_load(f)\n",
            "public int compareTo(Version other) { return Integer.compare(major, other.major); }",
            "static int scan(const char *line, struct config *out) { return sscanf(line, \"%d\", &out->n); }",
            "émigré naïve façade – “quoted” ✓ 日本語");

    @TempDir
    static Path dir;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static ModelFileSettings settings(Path[] files, Pooling pooling, boolean normalize, int maxTokens,
                                              String queryPrefix, String documentPrefix) {
        return new ModelFileSettings(files[0], files[1], pooling, normalize, maxTokens, queryPrefix, documentPrefix);
    }

    private static void assertSameVectors(BundledModel bundled, Path[] files, Pooling pooling) {
        try (OnnxEmbedder reference = new OnnxEmbedder(bundled, pool);
             OnnxFileEmbedder file = OnnxFileEmbedder.open(settings(files, pooling, true, reference.maxTokens(), "", ""),
                     pool)) {
            assertEquals(reference.dimension(), file.dimension(), "the dimension is read from the model");
            assertEquals(reference.maxTokens(), file.maxTokens());
            List<float[]> expected = reference.embed(TEXTS);
            List<float[]> got = file.embed(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), 0f, "text " + i + " through " + bundled);
                assertEquals(reference.countTokens(TEXTS.get(i)), file.countTokens(TEXTS.get(i)));
            }
            assertArrayEquals(expected.get(1), file.embed(List.of(TEXTS.get(1))).get(0), 0f, "one text alone");
            assertArrayEquals(expected.get(2), file.embedQueries(List.of(TEXTS.get(2))).get(0), 0f,
                    "without a prefix a query is embedded as any text");
        }
    }

    @Test
    void the_bundled_bge_files_loaded_as_a_model_file_give_the_bundled_vectors() throws Exception {
        Path[] files = ModelFiles.bge(dir.resolve("bge"));
        assertSameVectors(BundledModel.BGE_SMALL, files, Pooling.CLS);
    }

    @Test
    void the_bundled_minilm_files_with_mean_pooling_give_the_bundled_vectors() throws Exception {
        Path[] files = ModelFiles.minilm(dir.resolve("minilm"));
        assertSameVectors(BundledModel.MINILM, files, Pooling.MEAN);
    }

    @Test
    void the_model_id_hashes_the_files_so_another_file_at_the_same_path_is_another_model() throws Exception {
        Path[] files = ModelFiles.minilm(dir.resolve("swap"));
        String first;
        try (OnnxFileEmbedder e = OnnxFileEmbedder.open(settings(files, Pooling.MEAN, true, 128, "", ""), pool)) {
            first = e.modelId();
        }
        assertTrue(first.matches("onnx:all-minilm-l6-v2-q:[0-9a-f]{16}"), first);
        assertEquals(first, OnnxFileEmbedder.modelId(settings(files, Pooling.MEAN, true, 256, "q: ", "")),
                "the window and the query prefix change no stored vector");
        assertNotEquals(first, OnnxFileEmbedder.modelId(settings(files, Pooling.CLS, true, 128, "", "")));
        assertNotEquals(first, OnnxFileEmbedder.modelId(settings(files, Pooling.MEAN, false, 128, "", "")));
        assertNotEquals(first, OnnxFileEmbedder.modelId(settings(files, Pooling.MEAN, true, 128, "", "passage: ")));

        Files.copy(ModelFiles.bge(dir.resolve("other"))[0], files[0], StandardCopyOption.REPLACE_EXISTING);
        String swapped = OnnxFileEmbedder.modelId(settings(files, Pooling.MEAN, true, 128, "", ""));
        assertNotEquals(first, swapped);
        assertEquals(first.substring(0, first.lastIndexOf(':')), swapped.substring(0, swapped.lastIndexOf(':')),
                "the same path keeps its name");
    }

    @Test
    void a_generic_file_name_takes_its_repository_folder() {
        assertEquals("jina-embeddings-v2-base-code-model_quantized",
                OnnxFileEmbedder.name(Path.of("/m/jina-embeddings-v2-base-code/onnx/model_quantized.onnx")));
        assertEquals("CodeRankEmbed-model", OnnxFileEmbedder.name(Path.of("/m/CodeRankEmbed/model.onnx")));
        assertEquals("bge-small-en-v1.5-q", OnnxFileEmbedder.name(Path.of("/m/x/bge-small-en-v1.5-q.onnx")));
    }

    @Test
    void prefixes_normalisation_off_and_the_window_shape_what_is_embedded() throws Exception {
        Path[] files = ModelFiles.minilm(dir.resolve("shapes"));
        try (OnnxFileEmbedder plain = OnnxFileEmbedder.open(settings(files, Pooling.MEAN, true, 128, "", ""), pool);
             OnnxFileEmbedder prefixed = OnnxFileEmbedder.open(
                     settings(files, Pooling.MEAN, true, 128, "search_query: ", "search_document: "), pool);
             OnnxFileEmbedder raw = OnnxFileEmbedder.open(settings(files, Pooling.MEAN, false, 128, "", ""), pool)) {
            String text = TEXTS.get(1);
            assertArrayEquals(plain.embed(List.of("search_query: " + text)).get(0),
                    prefixed.embedQueries(List.of(text)).get(0), 0f);
            assertArrayEquals(plain.embed(List.of("search_document: " + text)).get(0),
                    prefixed.embed(List.of(text)).get(0), 0f);
            assertEquals(plain.maxTokens() - plain.countTokens("search_document:") + 2, prefixed.maxTokens(),
                    "the document prefix's tokens are taken from the window a chunk may fill");

            float[] unit = plain.embed(List.of(text)).get(0);
            float[] notNormalised = raw.embed(List.of(text)).get(0);
            double length = 0;
            for (float x : notNormalised) {
                length += x * x;
            }
            assertTrue(Math.abs(Math.sqrt(length) - 1) > 0.01, "mean pooling alone is not of length 1: " + length);
            assertArrayEquals(unit, OnnxFileEmbedder.normalize(notNormalised), 0f);

            StringBuilder longText = new StringBuilder();
            while (plain.countTokens(longText.toString()) < 200) {
                longText.append("each line of the file is parsed into a key and a value ");
            }
            List<float[]> cut = plain.embed(List.of(longText.toString(), longText + " and then something else entirely"));
            assertArrayEquals(cut.get(0), cut.get(1), 0f, "text past the window of 128 tokens is not seen");
        }
    }

    @Test
    void a_tokenizer_that_is_not_a_tokenizer_json_is_refused_naming_the_tokenizer() throws Exception {
        Path[] files = ModelFiles.minilm(dir.resolve("badtok"));
        Path vocab = Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\n");
        Path config = Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": true}");
        for (Path bad : List.of(vocab, config)) {
            ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxFileEmbedder.open(
                    settings(new Path[] {files[0], bad}, Pooling.MEAN, true, 128, "", ""), pool));
            assertEquals(ModelFileException.Part.TOKENIZER, e.part());
            assertTrue(e.getMessage().contains("is not a Hugging Face tokenizer.json"), e.getMessage());
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
    }

    @Test
    void a_model_that_is_not_onnx_or_cannot_be_pooled_or_fed_is_refused_naming_the_model() throws Exception {
        Path tokenizer = ModelFiles.minilm(dir.resolve("badmodel"))[1];
        Path text = Files.writeString(dir.resolve("model.onnx"), "not a model");
        Path identity = ModelFiles.identityModel(dir.resolve("identity.onnx"), "input_ids");
        Path image = ModelFiles.identityModel(dir.resolve("image.onnx"), "pixel_values");
        List<String> messages = new ArrayList<>();
        for (Path bad : List.of(text, identity, image)) {
            ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxFileEmbedder.open(
                    settings(new Path[] {bad, tokenizer}, Pooling.MEAN, true, 128, "", ""), pool));
            assertEquals(ModelFileException.Part.MODEL, e.part());
            assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
            messages.add(e.getMessage());
        }
        assertTrue(messages.get(0).contains("is not an ONNX model ONNX Runtime can load"), messages.get(0));
        assertTrue(messages.get(1).contains("has no output codeindex can pool"), messages.get(1));
        assertTrue(messages.get(1).contains("logits"), "names the outputs it has: " + messages.get(1));
        assertTrue(messages.get(2).contains("takes an input 'pixel_values'"), messages.get(2));
        for (String m : messages) {
            assertFalse(m.contains("\n\tat "), "no stack trace: " + m);
        }
    }
}
