package dev.codeindex.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.embed.EmbedderUnavailableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeEmbedderTest {
    @Test
    void equal_texts_get_equal_vectors_and_different_texts_different_ones() {
        FakeEmbedder e = FakeEmbedder.hashed();
        List<float[]> v = e.embed(List.of("class A {}", "class A {}", "class B {}"));
        assertArrayEquals(v.get(0), v.get(1));
        assertTrue(!java.util.Arrays.equals(v.get(0), v.get(2)));
        assertEquals(8, v.get(0).length);
        assertEquals(1, e.calls());
        assertEquals(3, e.texts());
    }

    @Test
    void a_word_model_marks_the_vocabulary_words_a_text_contains() {
        FakeEmbedder e = FakeEmbedder.words(List.of("parse", "socket"));
        assertArrayEquals(new float[] {1, 0.01f}, e.embed(List.of("Parse it")).get(0));
        assertEquals(2, e.dimension());
    }

    @Test
    void a_byte_token_model_counts_utf8_bytes_plus_two_and_counts_its_calls() {
        FakeEmbedder e = FakeEmbedder.byteTokens(64);
        assertEquals(2 + 3 + 3, e.countTokens("数x\u00e9"));
        assertEquals(64, e.maxTokens());
        assertEquals(1, e.tokenCounts());
    }

    @Test
    void the_next_n_calls_fail_then_calls_succeed_again() {
        FakeEmbedder e = FakeEmbedder.hashed().failNext(2);
        assertThrows(EmbedderUnavailableException.class, () -> e.embed(List.of("a")));
        assertThrows(EmbedderUnavailableException.class, () -> e.embed(List.of("a")));
        assertEquals(1, e.embed(List.of("a")).size());
        assertEquals(List.of(3L, 2L, 1L), List.of(e.calls(), e.failures(), e.texts()));
    }

    @Test
    void a_down_embedder_fails_until_it_is_back() {
        FakeEmbedder e = FakeEmbedder.hashed().setDown(true);
        EmbedderUnavailableException x = assertThrows(EmbedderUnavailableException.class, () -> e.embed(List.of("a")));
        assertTrue(x.getMessage().contains(FakeEmbedder.ADDRESS), x.getMessage());
        e.setDown(false);
        assertEquals(1, e.embed(List.of("a")).size());
    }

    @Test
    void latency_is_spent_on_the_given_sleeper_not_on_the_wall_clock() {
        FakeClock clock = new FakeClock();
        FakeSleeper sleeper = new FakeSleeper(clock);
        FakeEmbedder e = FakeEmbedder.hashed().withLatency(Duration.ofSeconds(3), sleeper);
        e.embed(List.of("a"));
        e.embed(List.of("b"));
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), sleeper.slept());
        assertEquals(FakeClock.DEFAULT_START.plusSeconds(6), clock.instant());
    }
}
