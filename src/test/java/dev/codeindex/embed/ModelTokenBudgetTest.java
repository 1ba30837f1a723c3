package dev.codeindex.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.TokenBudget;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelTokenBudgetTest {
    static final int WINDOW = 64;
    static final TokenBudget.Header HEADER = new TokenBudget.Header("a.py", "", "", "python");

    /** A byte-level BPE at its worst: one token per UTF-8 byte, plus 2 special tokens; counts its calls. */
    static final class ByteTokens implements Embedder {
        final AtomicInteger counted = new AtomicInteger();

        @Override public String modelId() { return "bytes"; }
        @Override public int dimension() { return 1; }
        @Override public int maxTokens() { return WINDOW; }
        @Override public List<float[]> embed(List<String> texts) { throw new UnsupportedOperationException(); }
        @Override public void close() {}

        @Override
        public int countTokens(String text) {
            counted.incrementAndGet();
            return text.getBytes(StandardCharsets.UTF_8).length + 2;
        }
    }

    /** ASCII characters that fit beside the header (whose separators are not ASCII). */
    private static int room() {
        String header = EmbeddingText.header(HEADER.path(), HEADER.symbol(), HEADER.kind(), HEADER.language());
        return WINDOW - 2 - header.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void short_ascii_text_fits_without_a_tokenizer_call() {
        ByteTokens model = new ByteTokens();
        assertTrue(new ModelTokenBudget(model).fits(HEADER, "x".repeat(room())));
        assertEquals(0, model.counted.get());
    }

    @Test
    void short_non_ascii_text_is_counted_because_a_character_can_cost_several_tokens() {
        ByteTokens model = new ByteTokens();
        ModelTokenBudget budget = new ModelTokenBudget(model);
        String cjk = "数".repeat(room()); // few enough chars, three bytes (tokens) each
        assertFalse(budget.fits(HEADER, cjk), "by chars it would fit; by tokens it is ~3x the window");
        assertEquals(1, model.counted.get());
        assertTrue(budget.fits(HEADER, "数".repeat(room() / 3)));
    }

    @Test
    void utf8_length_counts_bytes_as_the_encoder_does() {
        for (String s : List.of("", "abc", "é", "数据", "😀x", "a\u00ffb\u0800")) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, ModelTokenBudget.utf8Length(s), s);
        }
        assertEquals(3, ModelTokenBudget.utf8Length("\ud800"), "a lone surrogate errs high");
    }
}
