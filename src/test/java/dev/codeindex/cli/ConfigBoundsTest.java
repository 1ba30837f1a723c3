package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.config.ConfigLoader;
import dev.codeindex.config.EmbedderConfig;
import dev.codeindex.embed.ModelTokenBudget;
import dev.codeindex.embed.http.HttpEmbedderSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The config package holds its own copies of the bounds the stages enforce (it imports no stage),
 * and the command line builds the stages' settings from it: the copies must agree, or a value the
 * config accepts would fail when a stage is built.
 */
class ConfigBoundsTest {
    @Test
    void the_config_validates_with_the_bounds_the_embedder_enforces() {
        assertEquals(List.of(HttpEmbedderSettings.API_KEY_ENV), EmbedderConfig.API_KEY_ENV);
        assertEquals(List.of(HttpEmbedderSettings.API_KEY_ENV), ConfigLoader.EMBEDDER_API_KEY_ENV);
        assertEquals(HttpEmbedderSettings.MAX_BATCH_SIZE, EmbedderConfig.MAX_BATCH_SIZE);
        assertEquals(HttpEmbedderSettings.MAX_CONCURRENCY, EmbedderConfig.MAX_CONCURRENCY);
        assertEquals(HttpEmbedderSettings.DEFAULT_CONCURRENCY, EmbedderConfig.DEFAULT_CONCURRENCY);
        assertEquals(ModelTokenBudget.MIN_WINDOW, EmbedderConfig.MIN_MAX_TOKENS);
    }

    @Test
    void the_default_chunk_keys_give_the_chunkers_default_limits() {
        var config = new ConfigLoader(Map.of("HOME", "/tmp"), List::of).load(null, Map.of());
        assertEquals(ChunkLimits.DEFAULT, ChunkSettings.of(config));
    }
}
