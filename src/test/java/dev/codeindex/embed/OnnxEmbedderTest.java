package dev.codeindex.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.embed.onnx.BundledModel;
import dev.codeindex.embed.onnx.OnnxEmbedder;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real bundled bge-small model: loads from the jar, counts its own tokens, reads its whole window. */
class OnnxEmbedderTest {
    private static ExecutorService pool;
    private static OnnxEmbedder bge;

    @BeforeAll
    static void load() {
        pool = Executors.newFixedThreadPool(2);
        bge = new OnnxEmbedder(BundledModel.BGE_SMALL, pool);
    }

    @AfterAll
    static void close() {
        bge.close();
        pool.shutdownNow();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** Prose of at least {@code tokens} tokens as the model counts them, ending with {@code last}. */
    static String fill(int tokens, String last) {
        String[] vocab = {"the", "file", "and", "each", "key", "value", "line", "report"};
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (bge.countTokens(sb + last) < tokens) {
            sb.append(vocab[i++ % vocab.length]).append(' ');
        }
        return sb + last;
    }

    @Test
    void the_model_loads_from_the_jar_and_embeds_384_dimensions() {
        assertEquals("bge-small-en-v1.5-q", bge.modelId());
        assertEquals(384, bge.dimension());
        assertEquals(512, bge.maxTokens());
        List<float[]> v = bge.embed(List.of("read the configuration file", "parse the config file", "draw a circle"));
        assertEquals(3, v.size());
        assertEquals(384, v.get(0).length);
        assertTrue(cosine(v.get(0), v.get(1)) > cosine(v.get(0), v.get(2)), "meaning is what the vectors carry");
    }

    @Test
    void tokens_are_counted_past_the_window_with_the_models_own_tokenizer() {
        int one = bge.countTokens("the file and each key");
        assertEquals(2 * one - 2, bge.countTokens("the file and each key the file and each key"),
                "[CLS] and [SEP] are counted once");
        assertTrue(bge.countTokens(fill(1000, "end")) >= 1000, "no truncation while counting");
    }

    @Test
    void texts_that_fit_the_window_differ_by_their_last_word_and_longer_ones_do_not() {
        String a = fill(bge.maxTokens() - 3, "alpha");
        String b = a.substring(0, a.length() - "alpha".length()) + "omega";
        assertTrue(bge.countTokens(a) <= bge.maxTokens() && bge.countTokens(b) <= bge.maxTokens());
        List<float[]> fit = bge.embed(List.of(a, b));
        assertTrue(cosine(fit.get(0), fit.get(1)) < 0.99999, "a difference at the end of a fitting text is visible");
        // past the window: the same difference is invisible, which is why chunks must fit
        String c = fill(bge.maxTokens() + 100, "alpha");
        String d = c.substring(0, c.length() - "alpha".length()) + "omega";
        List<float[]> past = bge.embed(List.of(c, d));
        assertTrue(cosine(past.get(0), past.get(1)) > 0.99999, "text past the window is cut off by the model");
    }
}
