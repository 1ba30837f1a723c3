package dev.codeindex.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keys: Qdrant's cluster layout and timeout, collection names, and where the API key may come from. */
class StoreConfigTest {
    @TempDir
    Path dir;

    private static ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(env, () -> List.of(".env"));
    }

    private static ConfigException rejected(Map<Key, String> flags) {
        return assertThrows(ConfigException.class, () -> loader(Map.of()).load(null, flags));
    }

    @Test
    void a_single_node_with_a_30_second_bound_and_no_api_key_by_default() {
        Config c = loader(Map.of()).load(null, Map.of());
        assertEquals("embedded", c.store());
        assertEquals(List.of(1, 1, 1), List.of(c.shards(), c.replicationFactor(), c.writeConsistencyFactor()));
        assertEquals(Duration.ofSeconds(30), c.storeTimeout());
        assertFalse(c.qdrantApiKey().isSet());
    }

    @Test
    void cluster_layout_and_timeout_come_from_file_environment_and_flags() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "store:\n  type: qdrant\n  shards: 6\n  replicationFactor: 3\n  timeout: 2m\n");
        Config c = loader(Map.of("CODEINDEX_STORE_WRITE_CONSISTENCY_FACTOR", "2"))
                .load(file, Map.of(Key.COLLECTION, "team-code"));
        assertEquals("qdrant", c.store());
        assertEquals(List.of(6, 3, 2), List.of(c.shards(), c.replicationFactor(), c.writeConsistencyFactor()));
        assertEquals(Duration.ofMinutes(2), c.storeTimeout());
        assertEquals("team-code", c.collection());
        assertEquals(Duration.ofMillis(500), loader(Map.of("CODEINDEX_STORE_TIMEOUT", "500ms")).load(null, Map.of())
                .storeTimeout());
    }

    @Test
    void bad_store_values_name_their_key() {
        assertTrue(rejected(Map.of(Key.SHARDS, "0")).getMessage().contains("store.shards"));
        assertTrue(rejected(Map.of(Key.REPLICATION_FACTOR, "two")).getMessage().contains("store.replicationFactor"));
        ConfigException e = rejected(Map.of(Key.REPLICATION_FACTOR, "2", Key.WRITE_CONSISTENCY_FACTOR, "3"));
        assertTrue(e.getMessage().contains("store.writeConsistencyFactor") && e.getMessage().contains("(2)"),
                e.getMessage());
        e = rejected(Map.of(Key.STORE_TIMEOUT, "soon"));
        assertTrue(e.getMessage().contains("store.timeout") && e.getMessage().contains("(from the command line)"),
                e.getMessage());
        assertTrue(rejected(Map.of(Key.STORE_TIMEOUT, "3h")).getMessage().contains("to 1h"));
        assertTrue(rejected(Map.of(Key.COLLECTION, "a/b")).getMessage().contains("store.collection"));
        assertTrue(rejected(Map.of(Key.STORE, "pinecone")).getMessage().contains("store.type"));
        assertTrue(rejected(Map.of(Key.QDRANT_URL, "localhost:6334")).getMessage().contains("store.qdrantUrl"));
    }

    @Test
    void the_api_key_comes_from_QDRANT_API_KEY_only_and_is_never_printed() throws Exception {
        Config c = loader(Map.of("QDRANT_API_KEY", "s3cret-key")).load(null, Map.of());
        assertEquals("s3cret-key", c.qdrantApiKey().value());
        assertFalse(c.toString().contains("s3cret-key"), c.toString());
        assertNull(loader(Map.of("QDRANT_API_KEY", " ")).load(null, Map.of()).qdrantApiKey().value());

        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "store:\n  type: qdrant\n  apiKey: s3cret-key\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader(Map.of()).load(file, Map.of()));
        assertTrue(e.getMessage().contains("store.apiKey") && e.getMessage().contains("QDRANT_API_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-key"), e.getMessage());
    }

    @Test
    void durations_parse_with_units_and_bare_numbers_are_seconds() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45"));
        assertEquals(Duration.ofMillis(250), Durations.parse("250 ms"));
        assertEquals(Duration.ofHours(1), Durations.parse("1H"));
        assertNull(Durations.parse("1.5s"));
        assertNull(Durations.parse("-3s"));
        assertEquals("2m", Durations.format(Duration.ofMinutes(2)));
        assertEquals("100ms", Durations.format(Duration.ofMillis(100)));
    }
}
