package dev.codeindex.embed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Whether a server keeps pace with indexing is timed once, on a call of code-like texts after a warm-up. */
class HttpEmbedderPaceTest extends FakeServerFixture {
    @Test
    void a_server_that_answers_at_once_keeps_pace_and_is_timed_once() {
        HttpEmbedder e = open(settings().withBatchSize(32));
        assertTrue(e.keepsPaceWithIndexing());
        int sent = server.requests().size();
        assertEquals(1 + 1 + HttpEmbedder.PACE_TEXTS / 32, sent, "the probe, a warm-up, then one timed call");
        assertTrue(e.keepsPaceWithIndexing());
        assertEquals(sent, server.requests().size(), "asked again: not timed again");
    }

    @Test
    void a_server_at_the_pace_of_a_cpu_does_not() {
        HttpEmbedder e = open(settings().withBatchSize(32).withConcurrency(1));
        server.hold = Duration.ofMillis(250); // 64 texts in 2 requests of 250 ms: 128 texts/s
        assertFalse(e.keepsPaceWithIndexing());
    }

    @Test
    void a_server_that_fails_the_timing_counts_as_slow() {
        HttpEmbedder e = open(settings());
        server.stop();
        assertFalse(e.keepsPaceWithIndexing());
    }
}
