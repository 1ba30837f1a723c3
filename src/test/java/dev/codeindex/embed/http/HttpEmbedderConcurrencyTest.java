package dev.codeindex.embed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several requests of one call in flight at once, as many as the settings and the server allow. */
class HttpEmbedderConcurrencyTest extends FakeServerFixture {
    @Test
    void a_call_sends_its_requests_several_at_a_time_and_keeps_the_order() {
        server.hold = Duration.ofMillis(300);
        HttpEmbedder e = open(settings().withConcurrency(4));
        assertEquals(16, e.textsPerCall(), "a caller is asked for 4 requests of 4 texts at once");
        List<String> texts = texts(32);
        assertServerVectors(texts, e.embed(texts));
        assertEquals(4, server.maxInFlight(), "4 of the 8 requests at once");
        assertEquals(8, requestsAfterProbe());
    }

    @Test
    void concurrency_one_sends_one_request_at_a_time() {
        server.hold = Duration.ofMillis(100);
        HttpEmbedder e = open(settings().withConcurrency(1));
        List<String> texts = texts(12);
        assertServerVectors(texts, e.embed(texts));
        assertEquals(1, server.maxInFlight());
        assertEquals(4, e.textsPerCall());
    }

    @Test
    void a_server_that_answers_429_gets_fewer_requests_at_once_and_more_again_when_it_copes() {
        server.hold = Duration.ofMillis(200);
        server.limit = 1;
        // real waits between attempts: the refused requests must come back after the held one is answered
        embedder = HttpEmbedder.open(settings().withConcurrency(4).withRetries(20, Duration.ofMillis(50),
                Duration.ofMillis(400)), Sleeper.REAL, new FakeClock(NOW));
        List<String> texts = texts(16);
        assertServerVectors(texts, embedder.embed(texts));
        assertTrue(server.refused() >= 3, "the 3 requests over the limit were refused: " + server.refused());
        assertEquals(1, embedder.requestsAllowed(), "4 halved at each 429, down to 1");
        List<String> more = texts(8);
        int refusedBefore = server.refused();
        assertServerVectors(more, embedder.embed(more));
        assertEquals(refusedBefore, server.refused(), "one at a time: nothing refused");
        assertEquals(2, embedder.requestsAllowed(), "a call without 429 lets one more request fly");
    }

    @Test
    void a_rejected_request_fails_the_call() {
        server.hold = Duration.ofMillis(100);
        HttpEmbedder e = open(settings().withConcurrency(4));
        server.then(FakeEmbeddingServer.Reply.of(400, "{\"error\":{\"message\":\"input too long\"}}", Map.of()));
        HttpEmbedderException x = assertThrows(HttpEmbedderException.class, () -> e.embed(texts(16)));
        assertTrue(x.getMessage().contains("input too long"), x.getMessage());
    }
}
