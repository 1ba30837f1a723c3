package dev.codeindex.embed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.embed.EmbedderUnavailableException;
import dev.codeindex.embed.http.FakeEmbeddingServer.Reply;
import dev.codeindex.embed.http.HttpEmbedderException.Reason;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HttpEmbedder against a real HTTP server on loopback that fails: what is retried, what fails fast. */
class HttpEmbedderFailureTest extends FakeServerFixture {
    @Test
    void a_503_twice_is_retried_with_growing_jittered_backoff() {
        open(settings());
        server.then(Reply.of(503, "{\"error\":\"loading model\"}", Map.of()))
                .then(Reply.of(503, "{\"error\":\"loading model\"}", Map.of()));
        List<String> texts = texts(3);
        assertServerVectors(texts, embedder.embed(texts));
        assertEquals(3, requestsAfterProbe(), "two failures and the success");
        assertEquals(2, slept.size());
        assertBetween(INITIAL.dividedBy(2), INITIAL, slept.get(0));
        assertBetween(INITIAL, INITIAL.multipliedBy(2), slept.get(1));
    }

    /**
     * A search query is asked once, and not at all for a moment after a call found the server down: each
     * search waited out every retry, ~6 s, while an embedding server restarted (a team trial). Indexing still
     * retries.
     */
    @Test
    void a_search_query_gets_one_attempt_and_none_for_a_moment_after_the_server_was_found_down() {
        dev.codeindex.testing.FakeClock clock = new dev.codeindex.testing.FakeClock(NOW);
        embedder = HttpEmbedder.open(settings(), sleeper, clock);
        server.then(Reply.of(503, "{\"error\":\"restarting\"}", Map.of()));

        EmbedderUnavailableException down = assertThrows(EmbedderUnavailableException.class,
                () -> embedder.embedQueries(List.of("parse the config")));
        assertTrue(down.getMessage().contains("1 attempt(s)"), down.getMessage());
        assertEquals(1, requestsAfterProbe(), "one attempt");
        assertEquals(List.of(), slept, "no wait");

        EmbedderUnavailableException quiet = assertThrows(EmbedderUnavailableException.class,
                () -> embedder.embedQueries(List.of("parse the config")));
        assertTrue(quiet.getMessage().contains("moments ago"), quiet.getMessage());
        assertEquals(1, requestsAfterProbe(), "not asked again at once");

        clock.advance(Duration.ofMillis(HttpEmbedder.QUERY_QUIET_MILLIS + 1));
        assertServerVectors(List.of("parse the config"), embedder.embedQueries(List.of("parse the config")));
        assertEquals(2, requestsAfterProbe());

        // a server restarted with another model: the query's vector has another size, and the search goes on without it
        server.then(r -> Reply.of(200, server.answer(r.input(), 16, false), Map.of()));
        EmbedderUnavailableException other = assertThrows(EmbedderUnavailableException.class,
                () -> embedder.embedQueries(List.of("parse the config")));
        assertTrue(other.getMessage().contains("16"), other.getMessage());

        server.then(Reply.of(503, "{\"error\":\"restarting\"}", Map.of()));
        List<String> texts = texts(2);
        assertServerVectors(texts, embedder.embed(texts));
        assertEquals(5, requestsAfterProbe(), "indexing retries: the failure, then the answer");
    }

    private static void assertBetween(Duration low, Duration high, Duration actual) {
        assertTrue(actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0, actual + " not in " + low + ".." + high);
    }

    @Test
    void a_429_waits_as_long_as_retry_after_says_in_seconds_or_as_a_date_up_to_the_max() {
        open(settings());
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(12).atOffset(ZoneOffset.UTC));
        server.then(Reply.of(429, "{\"error\":{\"message\":\"rate limited\"}}", Map.of("Retry-After", "7")))
                .then(Reply.of(429, "slow down", Map.of("Retry-After", date)))
                .then(Reply.of(429, "slow down", Map.of("Retry-After", "3600")));
        List<String> texts = texts(2);
        assertServerVectors(texts, embedder.embed(texts));
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(12), MAX), slept);
    }

    @Test
    void a_401_fails_fast_without_retry_and_says_it_is_authentication() {
        server.then(Reply.of(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}", Map.of()));
        HttpEmbedderException e = assertThrows(HttpEmbedderException.class,
                () -> open(settings().withApiKey("sk-secret-999")));
        assertEquals(Reason.AUTH, e.reason());
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("authentication") && e.getMessage().contains("Incorrect API key provided")
                && e.getMessage().contains("CODEINDEX_EMBEDDER_API_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-secret-999"), "the key is never shown");
        assertEquals(1, server.requests().size(), "no retry");
        assertTrue(slept.isEmpty());
    }

    @Test
    void a_400_fails_fast_as_a_bad_request_with_the_servers_message() {
        open(settings());
        server.then(Reply.of(400, "{\"error\":{\"message\":\"model \\\"nope\\\" not found\"}}", Map.of()));
        HttpEmbedderException e = assertThrows(HttpEmbedderException.class, () -> embedder.embed(texts(2)));
        assertEquals(Reason.BAD_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("bad request") && e.getMessage().contains("model \"nope\" not found"),
                e.getMessage());
        assertEquals(1, requestsAfterProbe());
        assertTrue(slept.isEmpty());
    }

    @Test
    void a_changed_dimension_after_open_is_an_invalid_answer_not_retried() {
        open(settings());
        server.dimension = 12;
        HttpEmbedderException e = assertThrows(HttpEmbedderException.class, () -> embedder.embed(texts(2)));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage().contains("12 dimensions, expected 8"), e.getMessage());
        assertEquals(1, requestsAfterProbe());
    }

    @Test
    void too_few_embeddings_is_an_invalid_answer() {
        open(settings());
        server.then(r -> Reply.of(200, server.answer(r.input().subList(1, r.input().size()), 8, false), Map.of()));
        HttpEmbedderException e = assertThrows(HttpEmbedderException.class, () -> embedder.embed(texts(3)));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage().contains("2 embeddings for 3 inputs"), e.getMessage());
    }

    @Test
    void garbage_out_of_range_indexes_and_non_finite_values_are_invalid_answers() {
        open(settings());
        server.then(Reply.of(200, "<html>Welcome to nginx</html>", Map.of()))
                .then(Reply.of(200, "{\"data\":[{\"index\":5,\"embedding\":[1,2,0,0,0,0,0,0]}]}", Map.of()))
                .then(Reply.of(200, "{\"data\":[{\"index\":0,\"embedding\":[1,2,0,0,0,0,0,0]},"
                        + "{\"index\":0,\"embedding\":[1,2,0,0,0,0,0,0]}]}", Map.of()))
                .then(Reply.of(200, "{\"data\":[{\"index\":0,\"embedding\":[1e39,0,0,0,0,0,0,0]}]}", Map.of()))
                .then(Reply.of(200, "{\"data\":[{\"index\":0,\"embedding\":[0,0,0,0,0,0,0,0]}]}", Map.of()));
        server.then(Reply.of(200, "{\"data\":[{\"index\":0,\"embedding\":[1,\"2\",0,0,0,0,0,0]}]}", Map.of()))
                .then(Reply.of(200, "{\"data\":[{\"index\":0}]}", Map.of()))
                .then(Reply.of(200, "{\"data\":[{\"index\":0.5,\"embedding\":[1,0,0,0,0,0,0,0]}]}", Map.of()))
                .then(Reply.of(200, "{\"data\":[{\"index\":0,\"embedding\":[1,0,0,0,0,0,0,0]}", Map.of()))
                .then(Reply.of(200, "{\"error\":{\"message\":\"queue full\"}}", Map.of()));
        assertInvalid(1, "not JSON");
        assertInvalid(1, "index 5");
        assertInvalid(2, "two embeddings for index 0");
        assertInvalid(1, "non-finite");
        assertInvalid(1, "no direction");
        assertInvalid(1, "holds \"2\" at 1, not a number");
        assertInvalid(1, "has none");
        assertInvalid(1, "has index 0.5");
        assertInvalid(1, "not JSON");
        assertInvalid(1, "no \"data\" list: queue full");
        assertTrue(slept.isEmpty(), "an invalid answer is not retried");
    }

    private void assertInvalid(int texts, String expected) {
        HttpEmbedderException e = assertThrows(HttpEmbedderException.class, () -> embedder.embed(texts(texts)));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(server.baseUrl().toString()),
                e.getMessage());
    }

    @Test
    void a_5xx_until_the_attempts_run_out_is_unavailable_with_the_last_status_and_body() {
        open(settings());
        for (int i = 0; i < 4; i++) {
            server.then(Reply.of(500, "{\"error\":\"CUDA out of memory\"}", Map.of()));
        }
        EmbedderUnavailableException e = assertThrows(EmbedderUnavailableException.class, () -> embedder.embed(texts(2)));
        assertTrue(e.getMessage().contains(server.baseUrl() + "/v1/embeddings") && e.getMessage().contains("500")
                && e.getMessage().contains("CUDA out of memory"), e.getMessage());
        assertEquals(4, requestsAfterProbe());
        assertEquals(3, slept.size());
    }

    @Test
    void a_server_slower_than_the_request_timeout_is_unavailable_after_the_attempts() {
        HttpEmbedderSettings s = settings().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))
                .withRetries(2, INITIAL, MAX);
        open(s);
        server.then(r -> Reply.of(200, server.answer(r.input(), 8, false), Map.of()).after(Duration.ofSeconds(3)))
                .then(r -> Reply.of(200, server.answer(r.input(), 8, false), Map.of()).after(Duration.ofSeconds(3)));
        long t0 = System.nanoTime();
        EmbedderUnavailableException e = assertThrows(EmbedderUnavailableException.class, () -> embedder.embed(texts(1)));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos(), "two 300 ms timeouts, not the 3 s answers");
        assertTrue(e.getMessage().contains("no answer within 300 ms"), e.getMessage());
    }

    @Test
    void a_stopped_server_is_unavailable_naming_the_url_within_bounded_time() {
        HttpEmbedderSettings s = settings();
        open(s);
        server.stop();
        EmbedderUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(EmbedderUnavailableException.class, () -> embedder.embed(texts(2))));
        assertTrue(e.getMessage().contains(s.endpoint().toString()) && e.getMessage().contains("refused"),
                e.getMessage());
        assertEquals(3, slept.size(), "4 attempts");
        embedder.close();
        embedder = null;
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(EmbedderUnavailableException.class, () -> open(s)), "nor does it open");
    }
}
