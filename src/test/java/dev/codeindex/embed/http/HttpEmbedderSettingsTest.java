package dev.codeindex.embed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HttpEmbedderSettingsTest {
    private static final HttpEmbedderSettings BASE = HttpEmbedderSettings.of("http://localhost:11434", "nomic-embed-text:v1.5");

    @Test
    void the_endpoint_is_base_url_plus_v1_embeddings_without_doubling() {
        for (String base : new String[] {"http://localhost:11434", "http://localhost:11434/", "http://localhost:11434/v1",
                "http://localhost:11434/v1/"}) {
            assertEquals(URI.create("http://localhost:11434/v1/embeddings"), HttpEmbedderSettings.of(base, "m").endpoint(),
                    base);
        }
        assertEquals(URI.create("https://gw.example/openai/v1/embeddings"),
                HttpEmbedderSettings.of("https://gw.example/openai", "m").endpoint());
    }

    @Test
    void defaults_are_the_named_ones() {
        assertEquals(HttpEmbedderSettings.DEFAULT_MAX_TOKENS, BASE.maxTokens());
        assertEquals(HttpEmbedderSettings.DEFAULT_BATCH_SIZE, BASE.batchSize());
        assertTrue(BASE.dimension().isEmpty());
        assertNull(BASE.apiKey());
        assertNull(BASE.withApiKey("  ").apiKey(), "a blank key is no key");
    }

    @Test
    void bad_values_fail_at_once_naming_the_setting() {
        assertRejected("base URL", () -> HttpEmbedderSettings.of("ftp://host", "m"));
        assertRejected("base URL", () -> HttpEmbedderSettings.of("localhost:11434", "m"));
        assertRejected("base URL", () -> HttpEmbedderSettings.of("http://host/?x=1", "m"));
        assertRejected("model", () -> HttpEmbedderSettings.of("http://host", " "));
        assertRejected("dimension", () -> BASE.withDimension(0));
        assertRejected("max tokens", () -> BASE.withMaxTokens(0));
        assertRejected("batch size", () -> BASE.withBatchSize(0));
        assertRejected("batch size", () -> BASE.withBatchSize(HttpEmbedderSettings.MAX_BATCH_SIZE + 1));
        assertRejected("request timeout", () -> BASE.withTimeouts(Duration.ofSeconds(1), Duration.ZERO));
        assertRejected("max attempts", () -> BASE.withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)));
        assertRejected("exceeds max backoff", () -> BASE.withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    private static void assertRejected(String named, Supplier<HttpEmbedderSettings> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void the_api_key_comes_from_the_environment_and_is_never_printed() {
        assertEquals("a", HttpEmbedderSettings.apiKeyFrom(Map.of("CODEINDEX_EMBEDDER_API_KEY", "a", "OPENAI_API_KEY", "b")));
        assertEquals("b", HttpEmbedderSettings.apiKeyFrom(Map.of("OPENAI_API_KEY", "b")));
        assertNull(HttpEmbedderSettings.apiKeyFrom(Map.of()));
        String shown = BASE.withApiKey("sk-live-abcdef").toString();
        assertFalse(shown.contains("sk-live-abcdef"), shown);
        assertTrue(shown.contains("apiKey=***"), shown);
    }
}
