package dev.codeindex.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigLoader;
import dev.codeindex.config.WatchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install writes roots into a config as a person would: that block only, read back as written. */
class ConfigTextTest {
    @TempDir
    Path tmp;

    Config load(String yaml) throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader(Map.of("HOME", tmp.toString()), List::of).load(f, Map.of());
    }

    @Test
    void the_shipped_config_gets_its_roots_and_keeps_every_other_line() throws Exception {
        String shipped = ServiceTemplates.configTemplate();
        Path odd = Path.of("/src/a \"quoted\" dir\\x");
        String out = ConfigText.withRoots(shipped, List.of(Path.of("/src/one"), odd));
        assertEquals(List.of(new WatchConfig.Root(Path.of("/src/one"), ""), new WatchConfig.Root(odd, "")),
                load(out).watch().roots());
        String[] before = shipped.split("\n");
        String[] after = out.split("\n");
        assertEquals(before.length + 2, after.length, "roots: [] became three lines, nothing else changed");
        assertTrue(out.contains("#  - {path: ~/src/other, collection: other-code}"), "the commented examples stay");
        assertEquals(load(shipped).watch().port(), load(out).watch().port());
    }

    @Test
    void a_block_list_is_replaced_whole_and_a_config_without_roots_gets_them_appended() throws Exception {
        String yaml = "dataDir: /d\nroots:\n  - /old/a\n  - {path: /old/b, collection: bee}\n# after\nserver:\n  port: 1\n";
        String out = ConfigText.withRoots(yaml, List.of(Path.of("/new")));
        assertEquals("dataDir: /d\nroots:\n  - \"/new\"\n# after\nserver:\n  port: 1\n", out);
        assertEquals("server:\n  port: 1\nroots:\n  - \"/new\"\n", ConfigText.withRoots("server:\n  port: 1", List.of(Path.of("/new"))));
        assertEquals(Path.of("/var/lib/x"), load(ConfigText.withDataDir("dataDir: \"\"\n", Path.of("/var/lib/x"))).dataDir());
    }
}
