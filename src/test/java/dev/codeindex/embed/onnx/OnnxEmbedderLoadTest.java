package dev.codeindex.embed.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The bundled model loads on the first call that needs it: counting tokens and the vector size do not
 * (a first index stores every file for keyword search before it embeds anything).
 */
class OnnxEmbedderLoadTest {
    @Test
    void counting_does_not_load_the_model_and_the_first_embedding_or_a_warm_up_does() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            OnnxEmbedder minilm = new OnnxEmbedder(BundledModel.MINILM, pool);
            try {
                assertEquals(384, minilm.dimension());
                assertTrue(minilm.countTokens("read the configuration file") > 2);
                assertFalse(minilm.loaded(), "counting tokens needs the tokenizer only");
                assertEquals(384, minilm.embed(List.of("read the configuration file")).get(0).length);
                assertTrue(minilm.loaded());
            } finally {
                minilm.close();
            }
            OnnxEmbedder bge = new OnnxEmbedder(BundledModel.BGE_SMALL, pool);
            try {
                assertFalse(bge.loaded());
                bge.warmUp();
                assertTrue(bge.loaded(), "a warm-up loads it");
                assertEquals(bge.dimension(), bge.embed(List.of("x")).get(0).length, "the size known before loading is the model's");
            } finally {
                bge.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
