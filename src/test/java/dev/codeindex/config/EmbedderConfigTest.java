package dev.codeindex.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.embed.http.HttpEmbedderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedder keys: a bundled model by default, an HTTP server fully described, the API key from the environment only. */
class EmbedderConfigTest {
    @TempDir
    Path dir;

    private static ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(env, () -> List.of(".env"));
    }

    private static Map<Key, String> http(String... more) {
        Map<Key, String> f = new HashMap<>(Map.of(Key.EMBEDDER_MODEL, "http", Key.EMBEDDER_URL, "http://localhost:11434",
                Key.EMBEDDER_HTTP_MODEL, "nomic-embed-text:v1.5"));
        for (int i = 0; i < more.length; i += 2) {
            f.put(Key.byPath(more[i]), more[i + 1]);
        }
        return f;
    }

    private static String rejected(Map<Key, String> flags) {
        return assertThrows(ConfigException.class, () -> loader(Map.of()).load(null, flags)).getMessage();
    }

    @Test
    void the_bundled_bge_model_by_default_with_the_http_embedders_own_defaults() {
        EmbedderConfig e = loader(Map.of()).load(null, Map.of()).embedder();
        assertEquals("bge", e.model());
        assertFalse(e.isHttp());
        assertEquals("", e.url());
        assertEquals(0, e.dimension());
        assertEquals(HttpEmbedderSettings.DEFAULT_MAX_TOKENS, e.maxTokens());
        assertEquals(HttpEmbedderSettings.DEFAULT_BATCH_SIZE, e.batchSize());
        assertEquals(HttpEmbedderSettings.DEFAULT_REQUEST_TIMEOUT, e.timeout());
        assertFalse(e.apiKey().isSet());
        assertEquals("minilm", loader(Map.of("CODEINDEX_EMBEDDER_MODEL", "MiniLM")).load(null, Map.of()).embedder().model());
    }

    @Test
    void an_http_embedder_comes_from_the_file_and_the_environment() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                embedder:
                  model: http
                  url: https://api.openai.com/v1
                  httpModel: text-embedding-3-small
                  dimension: 1536
                  maxTokens: 8191
                  batchSize: 256
                  timeout: 30s
                """);
        EmbedderConfig e = loader(Map.of("CODEINDEX_EMBEDDER_BATCH_SIZE", "64")).load(file, Map.of()).embedder();
        assertTrue(e.isHttp());
        assertEquals("https://api.openai.com/v1", e.url());
        assertEquals("text-embedding-3-small", e.httpModel());
        assertEquals(1536, e.dimension());
        assertEquals(8191, e.maxTokens());
        assertEquals(64, e.batchSize());
        assertEquals(Duration.ofSeconds(30), e.timeout());
    }

    @Test
    void http_needs_a_url_and_a_model_name() {
        String m = rejected(Map.of(Key.EMBEDDER_MODEL, "http", Key.EMBEDDER_HTTP_MODEL, "m"));
        assertTrue(m.contains("embedder.url") && m.contains("CODEINDEX_EMBEDDER_URL"), m);
        m = rejected(Map.of(Key.EMBEDDER_MODEL, "http", Key.EMBEDDER_URL, "http://localhost:11434"));
        assertTrue(m.contains("embedder.httpModel"), m);
    }

    @Test
    void bad_embedder_values_name_their_key() {
        assertTrue(rejected(Map.of(Key.EMBEDDER_MODEL, "gpt")).contains("embedder.model"));
        assertTrue(rejected(http("embedder.url", "localhost:11434")).contains("embedder.url"));
        assertTrue(rejected(http("embedder.url", "ftp://host/")).contains("embedder.url"));
        assertTrue(rejected(http("embedder.url", "http://host:11434/?x=1")).contains("no query"));
        assertTrue(rejected(http("embedder.dimension", "-1")).contains("embedder.dimension"));
        String m = rejected(http("embedder.maxTokens", "10"));
        assertTrue(m.contains("embedder.maxTokens") && m.contains("from 64"), m);
        assertTrue(rejected(http("embedder.batchSize", "5000")).contains("embedder.batchSize"));
        assertTrue(rejected(http("embedder.batchSize", "0")).contains("embedder.batchSize"));
        m = rejected(http("embedder.timeout", "soon"));
        assertTrue(m.contains("embedder.timeout") && m.contains("(from the command line)"), m);
    }

    @Test
    void a_server_url_without_model_http_is_a_contradiction_not_a_silent_fallback() {
        String m = rejected(Map.of(Key.EMBEDDER_URL, "http://localhost:11434"));
        assertTrue(m.contains("embedder.url") && m.contains("embedder.model: http"), m);
        m = rejected(Map.of(Key.EMBEDDER_MODEL, "minilm", Key.EMBEDDER_HTTP_MODEL, "bge-m3"));
        assertTrue(m.contains("embedder.httpModel") && m.contains("minilm"), m);
    }

    @Test
    void the_api_key_comes_from_the_environment_only_and_is_never_printed() throws Exception {
        Config both = loader(Map.of("CODEINDEX_EMBEDDER_API_KEY", "ci-key-1", "OPENAI_API_KEY", "sk-openai-2"))
                .load(null, http());
        assertEquals("ci-key-1", both.embedder().apiKey().value());
        assertFalse(both.toString().contains("ci-key-1"), both.toString());
        assertEquals("sk-openai-2", loader(Map.of("OPENAI_API_KEY", "sk-openai-2")).load(null, http()).embedder()
                .apiKey().value());
        assertNull(loader(Map.of("CODEINDEX_EMBEDDER_API_KEY", " ")).load(null, http()).embedder().apiKey().value());

        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "embedder:\n  model: http\n  url: http://localhost:11434\n  api_key: sk-in-file-3\n");
        String m = assertThrows(ConfigException.class, () -> loader(Map.of()).load(file, Map.of())).getMessage();
        assertTrue(m.contains("embedder.api_key") && m.contains("CODEINDEX_EMBEDDER_API_KEY")
                && m.contains("OPENAI_API_KEY"), m);
        assertFalse(m.contains("QDRANT") || m.contains("sk-in-file-3"), m);
    }
}
