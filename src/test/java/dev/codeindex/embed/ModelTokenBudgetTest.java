package dev.codeindex.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.testing.FakeEmbedder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTokenBudgetTest {
    static final int WINDOW = 64;
    static final TokenBudget.Header HEADER = new TokenBudget.Header("a.py", "", "", "python");

    /** ASCII characters that fit beside the header (whose separators are not ASCII). */
    private static int room() {
        String header = EmbeddingText.header(HEADER.path(), HEADER.symbol(), HEADER.kind(), HEADER.language());
        return WINDOW - 2 - header.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void short_ascii_text_fits_without_a_tokenizer_call() {
        FakeEmbedder model = FakeEmbedder.byteTokens(WINDOW); // a byte-level BPE at its worst
        assertTrue(new ModelTokenBudget(model).fits(HEADER, "x".repeat(room())));
        assertEquals(0, model.tokenCounts());
    }

    @Test
    void short_non_ascii_text_is_counted_because_a_character_can_cost_several_tokens() {
        FakeEmbedder model = FakeEmbedder.byteTokens(WINDOW);
        ModelTokenBudget budget = new ModelTokenBudget(model);
        String cjk = "数".repeat(room()); // few enough chars, three bytes (tokens) each
        assertFalse(budget.fits(HEADER, cjk), "by chars it would fit; by tokens it is ~3x the window");
        assertEquals(1, model.tokenCounts());
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
