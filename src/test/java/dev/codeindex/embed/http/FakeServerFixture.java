package dev.codeindex.embed.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.testing.FakeClock;
import dev.codeindex.testing.FakeSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh {@link FakeEmbeddingServer} per test and an embedder for it whose waits are recorded in
 * {@link #slept} instead of slept, and whose clock stands at {@link #NOW}.
 */
abstract class FakeServerFixture {
    static final Duration INITIAL = Duration.ofMillis(200);
    static final Duration MAX = Duration.ofSeconds(30);
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    FakeEmbeddingServer server;
    /** Records waits without moving the clock: Retry-After dates are all read against {@link #NOW}. */
    final FakeSleeper sleeper = new FakeSleeper();
    final List<Duration> slept = sleeper.slept();
    HttpEmbedder embedder;

    @BeforeEach
    void start() throws Exception {
        server = new FakeEmbeddingServer();
    }

    @AfterEach
    void stop() {
        if (embedder != null) {
            embedder.close();
        }
        server.close();
    }

    HttpEmbedderSettings settings() {
        return HttpEmbedderSettings.of(server.baseUrl().toString(), "test-embed").withBatchSize(4)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetries(4, INITIAL, MAX);
    }

    HttpEmbedder open(HttpEmbedderSettings s) {
        embedder = HttpEmbedder.open(s, sleeper, new FakeClock(NOW));
        return embedder;
    }

    static List<String> texts(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add("def f" + i + "(x):\n    return x * " + i);
        }
        return t;
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return u;
    }

    void assertServerVectors(List<String> texts, List<float[]> vectors) {
        assertEquals(texts.size(), vectors.size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(unit(FakeEmbeddingServer.vector(texts.get(i), 8)), vectors.get(i), 1e-6f, "text " + i);
        }
    }

    int requestsAfterProbe() {
        return server.requests().size() - 1;
    }
}
