package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.config.EmbedderConfig;
import dev.codeindex.config.Secret;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.http.FakeEmbeddingServer;
import dev.codeindex.embed.http.HttpEmbedderException;
import dev.codeindex.embed.http.HttpEmbedderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EmbeddersTest {
    static final String KEY = "sk-live-0a1b2c3d4e5f";

    private static EmbedderConfig http(String url, int dimension, Duration timeout, String key) {
        return new EmbedderConfig("http", url, "m:v1", dimension, 1024, 16, timeout, new Secret(key));
    }

    @Test
    void the_config_becomes_the_adapters_settings() {
        HttpEmbedderSettings s = Embedders.settings(http("http://gpu:8080/v1", 768, Duration.ofSeconds(2), KEY));
        assertEquals("http://gpu:8080/v1/embeddings", s.endpoint().toString());
        assertEquals("m:v1", s.model());
        assertEquals(OptionalInt.of(768), s.dimension());
        assertEquals(KEY, s.apiKey());
        assertEquals(List.of(1024, 16), List.of(s.maxTokens(), s.batchSize()));
        assertEquals(Duration.ofSeconds(2), s.requestTimeout());
        assertEquals(Duration.ofSeconds(2), s.connectTimeout(), "never longer than the request bound");
        HttpEmbedderSettings learnt = Embedders.settings(http("http://gpu:8080", 0, Duration.ofMinutes(2), null));
        assertEquals(OptionalInt.empty(), learnt.dimension());
        assertEquals(Embedders.CONNECT_TIMEOUT, learnt.connectTimeout());
        assertEquals(null, learnt.apiKey());
    }

    @Test
    void a_server_echoing_the_key_in_a_later_failure_never_gets_it_printed() throws Exception {
        try (FakeEmbeddingServer server = new FakeEmbeddingServer();
             Embedder embedder = Embedders.open(http(server.baseUrl().toString(), 0, Duration.ofSeconds(5), KEY), null)) {
            assertEquals("http:m:v1:8", embedder.modelId());
            server.then(r -> FakeEmbeddingServer.Reply.of(403, "{\"error\":\"key revoked: " + r.authorization() + "\"}",
                    Map.of()));
            HttpEmbedderException e = assertThrows(HttpEmbedderException.class, () -> embedder.embed(List.of("x")));
            assertEquals(HttpEmbedderException.Reason.AUTH, e.reason());
            assertFalse(e.getMessage().contains(KEY), e.getMessage());
            assertTrue(e.getMessage().contains("key revoked: Bearer ****"), e.getMessage());
            assertEquals("Bearer " + KEY, server.requests().get(1).authorization());
        }
    }
}
