package dev.codeindex.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnippetsTest {
    @Test
    void a_short_text_is_kept_whole() {
        assertEquals("int x = 1;\n", Snippets.of("int x = 1;\n"));
    }

    @Test
    void a_long_text_is_cut_after_its_last_whole_line_that_fits() {
        String line = "    total += compute(value, other);\n"; // 36 characters
        String text = line.repeat(20);
        String s = Snippets.of(text);
        assertTrue(s.length() <= Snippets.MAX_CHARS + 1, s.length() + "");
        assertEquals(line.repeat(Snippets.MAX_CHARS / line.length()) + "…", s);
    }

    @Test
    void one_long_line_is_cut_at_a_word_boundary() {
        String text = "word ".repeat(200);
        String s = Snippets.of(text);
        assertTrue(s.endsWith("word…"), s);
        assertTrue(s.length() <= Snippets.MAX_CHARS, s.length() + "");
    }
}
