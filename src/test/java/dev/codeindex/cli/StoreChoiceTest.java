package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreChoiceTest {
    private static final Path ROOT_DIR = Path.of("/data/project-1a2b");

    private static Path folder(String modelId) {
        Config config = new ConfigLoader(Map.of("HOME", "/h"), List::of).load(null, Map.of());
        return StoreChoice.of(config, ROOT_DIR, modelId).directory();
    }

    @Test
    void the_bundled_models_keep_their_store_folders() {
        assertEquals(ROOT_DIR.resolve("lucene-bge-small-en-v1.5-q"), folder("bge-small-en-v1.5-q"));
        assertEquals(ROOT_DIR.resolve("lucene-all-minilm-l6-v2-q"), folder("all-minilm-l6-v2-q"));
    }

    @Test
    void an_http_model_id_becomes_one_folder_name() {
        assertEquals(ROOT_DIR.resolve("lucene-http_BAAI_bge-m3_1024"), folder("http:BAAI/bge-m3:1024"));
        assertEquals(ROOT_DIR.resolve("lucene-http_nomic-embed-text_v1.5_768"), folder("http:nomic-embed-text:v1.5:768"));
        assertEquals(ROOT_DIR.resolve("lucene-http_.._x_8"), folder("http:../x:8"), "no way out of the root's folder");
    }
}
