package dev.codeindex.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(env, () -> List.of(".env", "*.pem"));
    }

    @Test
    void defaults_apply_without_file_env_or_flags() {
        Config c = loader(Map.of("HOME", "/home/u")).load(null, Map.of());
        assertEquals(256, c.batchSize());
        assertEquals(5L << 20, c.maxFileSize());
        assertEquals(Path.of("/home/u/.local/state/codeindex"), c.dataDir());
        assertEquals(List.of(".env", "*.pem"), c.secretExcludes());
        assertTrue(c.threads() >= 1);
    }

    /** Found by a new-user trial: a bad value in the file was said to come from an environment variable. */
    @Test
    void an_invalid_value_names_where_it_came_from() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "index:\n  batchSize: 0\n");
        String fromFile = assertThrows(ConfigException.class, () -> loader(Map.of("HOME", "/h")).load(file, Map.of()))
                .getMessage();
        assertTrue(fromFile.startsWith("invalid value '0' for config key index.batchSize (from " + file + "): expected"),
                fromFile);
        String fromEnv = assertThrows(ConfigException.class, () -> loader(Map.of("HOME", "/h",
                "CODEINDEX_INDEX_BATCH_SIZE", "-3")).load(file, Map.of())).getMessage();
        assertTrue(fromEnv.contains("'-3' for config key index.batchSize (from env CODEINDEX_INDEX_BATCH_SIZE)"), fromEnv);
        String fromFlag = assertThrows(ConfigException.class, () -> loader(Map.of("HOME", "/h"))
                .load(file, Map.of(Key.BATCH_SIZE, "zero"))).getMessage();
        assertTrue(fromFlag.contains("'zero' for config key index.batchSize (from the command line)"), fromFlag);
    }

    @Test
    void flags_beat_environment_which_beats_the_file() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                dataDir: /from/file
                index:
                  batchSize: 10
                  maxFileSize: 1MB
                  maxFiles: 7
                walk:
                  excludes: ["*.gen.c", "third_party/"]
                """);
        Map<String, String> env = Map.of("CODEINDEX_INDEX_BATCH_SIZE", "20", "CODEINDEX_INDEX_MAX_FILES", "8");
        Config c = loader(env).load(file, Map.of(Key.BATCH_SIZE, "30"));
        assertEquals(30, c.batchSize());
        assertEquals(8, c.maxFiles());
        assertEquals(1L << 20, c.maxFileSize());
        assertEquals(Path.of("/from/file"), c.dataDir());
        assertEquals(List.of("*.gen.c", "third_party/"), c.excludes());
    }

    @Test
    void an_invalid_value_names_the_key_and_what_is_allowed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader(Map.of()).load(null, Map.of(Key.BATCH_SIZE, "lots")));
        assertTrue(e.getMessage().contains("index.batchSize"), e.getMessage());
        assertTrue(e.getMessage().contains("an integer from 1"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader(Map.of("CODEINDEX_INDEX_MAX_FILE_SIZE", "huge"))
                .load(null, Map.of()));
        assertTrue(e.getMessage().contains("CODEINDEX_INDEX_MAX_FILE_SIZE"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader(Map.of()).load(null, Map.of(Key.MAX_FILE_SIZE, "3GB")));
        assertTrue(e.getMessage().contains("to 1GB"), e.getMessage());
    }

    @Test
    void an_unknown_key_in_the_file_is_an_error() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "index:\n  batchSise: 10\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader(Map.of()).load(file, Map.of()));
        assertTrue(e.getMessage().contains("index.batchSise"), e.getMessage());
    }

    @Test
    void sizes_parse_with_units() {
        assertEquals(5L << 20, Sizes.parse("5MB"));
        assertEquals(512L << 10, Sizes.parse("512k"));
        assertEquals(1536L << 20, Sizes.parse("1.5GiB"));
        assertEquals(42, Sizes.parse("42"));
        assertEquals(-1, Sizes.parse("five"));
    }

    @Test
    void secret_patterns_come_named_or_not_from_the_file_and_one_per_line_from_the_environment() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                secrets:
                  extraPatterns:
                    - 'acme_[0-9a-f]{16}'
                    - {name: corp-token, regex: 'corp-(?<secret>[A-Z]{2,8})'}
                  allow:
                    - 'EXAMPLE'
                """);
        SecretsConfig s = loader(Map.of()).load(file, Map.of()).secrets();
        assertTrue(s.enabled());
        assertEquals(List.of("extra-1", "corp-token"), s.extraPatterns().stream().map(SecretsConfig.NamedPattern::name).toList());
        assertEquals("acme_[0-9a-f]{16}", s.extraPatterns().get(0).pattern().pattern(), "a comma inside a regex is kept");
        assertEquals("EXAMPLE", s.allow().get(0).pattern());

        SecretsConfig env = loader(Map.of("CODEINDEX_SECRETS_ALLOW", "a{1,3}b\nfixture-.*", "CODEINDEX_SECRETS_ENABLED",
                "false")).load(null, Map.of()).secrets();
        assertEquals(List.of("a{1,3}b", "fixture-.*"), env.allow().stream().map(java.util.regex.Pattern::pattern).toList());
        assertTrue(!env.enabled());

        Files.writeString(file, "secrets:\n  allow:\n    - '[unclosed'\n");
        ConfigException bad = assertThrows(ConfigException.class, () -> loader(Map.of()).load(file, Map.of()));
        assertTrue(bad.getMessage().contains("secrets.allow") && bad.getMessage().contains("[unclosed"), bad.getMessage());
        Files.writeString(file, "secrets:\n  extraPatterns:\n    - 'x*'\n");
        bad = assertThrows(ConfigException.class, () -> loader(Map.of()).load(file, Map.of()));
        assertTrue(bad.getMessage().contains("secrets.extraPatterns") && bad.getMessage().contains("empty"), bad.getMessage());
    }

    @Test
    void the_shipped_config_file_is_valid_and_documents_every_key() throws Exception {
        Path shipped = Path.of("config/codeindex.yaml");
        Config c = loader(Map.of("HOME", "/h")).load(shipped, Map.of());
        assertEquals(256, c.batchSize());
        String text = Files.readString(shipped);
        for (Key k : Key.values()) {
            String leaf = k.path().substring(k.path().lastIndexOf('.') + 1);
            assertTrue(text.contains(leaf + ":"), "config/codeindex.yaml does not document " + k.path());
        }
    }

    @Test
    void watch_roots_come_as_paths_or_path_and_collection_and_server_keys_are_validated() throws Exception {
        Path file = dir.resolve("w.yaml");
        Files.writeString(file, """
                roots:
                  - ~/src/one
                  - {path: /srv/two, collection: two-code}
                server:
                  port: 0
                  bind: 0.0.0.0
                  token: s3cret
                watch:
                  debounce: 250ms
                  rescanInterval: 2m
                """);
        Config c = loader(Map.of("HOME", "/home/u")).load(file, Map.of());
        WatchConfig w = c.watch();
        assertEquals(List.of(new WatchConfig.Root(Path.of("/home/u/src/one"), ""),
                new WatchConfig.Root(Path.of("/srv/two"), "two-code")), w.roots());
        assertEquals(0, w.port());
        assertEquals("0.0.0.0", w.bind());
        assertEquals("s3cret", w.token().value());
        assertTrue(!c.toString().contains("s3cret"), "the token is never printed");
        assertEquals(java.time.Duration.ofMillis(250), w.debounce());
        assertEquals(java.time.Duration.ofMinutes(2), w.rescanInterval());

        Config defaults = loader(Map.of("CODEINDEX_ROOTS", "/a,/b")).load(null, Map.of());
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), defaults.watch().roots().stream().map(WatchConfig.Root::path).toList());
        assertEquals(7341, defaults.watch().port());
        assertEquals("127.0.0.1", defaults.watch().bind());

        Files.writeString(file, "roots:\n  - {path: /x, colection: typo}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader(Map.of()).load(file, Map.of()));
        assertTrue(e.getMessage().contains("colection"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader(Map.of()).load(null, Map.of(Key.SERVER_PORT, "70000")));
        assertTrue(e.getMessage().contains("server.port"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader(Map.of()).load(null, Map.of(Key.WATCH_DEBOUNCE, "soon")));
        assertTrue(e.getMessage().contains("watch.debounce"), e.getMessage());

        Files.writeString(file, "server:\n  hosts: [devbox.local, '192.168.1.20:7341', '[fe80::1]']\n");
        assertEquals(List.of("devbox.local", "192.168.1.20:7341", "[fe80::1]"),
                loader(Map.of()).load(file, Map.of()).watch().hosts());
        assertEquals(List.of(), defaults.watch().hosts());
        Files.writeString(file, "server:\n  hosts: ['http://devbox.local/']\n");
        e = assertThrows(ConfigException.class, () -> loader(Map.of()).load(file, Map.of()));
        assertTrue(e.getMessage().contains("server.hosts"), e.getMessage());
    }

    @Test
    void a_model_file_needs_both_files_keeps_its_prefixes_verbatim_and_its_keys_need_model_onnx() throws Exception {
        Path model = Files.writeString(dir.resolve("m.onnx"), "x");
        Path tokenizer = Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Path file = dir.resolve("onnx.yaml");
        Files.writeString(file, "embedder:\n  model: onnx\n  modelPath: " + model + "\n  tokenizerPath: " + tokenizer
                + "\n  pooling: CLS\n  normalize: false\n  queryPrefix: 'search_query: '\n");
        EmbedderConfig e = loader(Map.of("CODEINDEX_EMBEDDER_DOCUMENT_PREFIX", "search_document: ")).load(file, Map.of())
                .embedder();
        assertTrue(e.isOnnxFile());
        assertEquals(new EmbedderConfig.LocalModel(model, tokenizer, "cls", false, "search_query: ", "search_document: "),
                e.local());

        ConfigException missing = assertThrows(ConfigException.class, () -> loader(Map.of())
                .load(null, Map.of(Key.EMBEDDER_MODEL, "onnx", Key.EMBEDDER_MODEL_PATH, model.toString())));
        assertTrue(missing.getMessage().contains("embedder.tokenizerPath")
                && missing.getMessage().contains("CODEINDEX_EMBEDDER_TOKENIZER_PATH"), missing.getMessage());
        ConfigException gone = assertThrows(ConfigException.class, () -> loader(Map.of()).load(null, Map.of(
                Key.EMBEDDER_MODEL, "onnx", Key.EMBEDDER_MODEL_PATH, dir.resolve("nope.onnx").toString(),
                Key.EMBEDDER_TOKENIZER_PATH, tokenizer.toString())));
        assertTrue(gone.getMessage().contains("embedder.modelPath") && gone.getMessage().contains("does not exist"),
                gone.getMessage());
        ConfigException pooling = assertThrows(ConfigException.class, () -> loader(Map.of()).load(file,
                Map.of(Key.EMBEDDER_POOLING, "max")));
        assertTrue(pooling.getMessage().contains("embedder.pooling") && pooling.getMessage().contains("mean, cls, last"),
                pooling.getMessage());
        ConfigException stray = assertThrows(ConfigException.class, () -> loader(Map.of())
                .load(null, Map.of(Key.EMBEDDER_QUERY_PREFIX, "query: ")));
        assertTrue(stray.getMessage().contains("embedder.queryPrefix") && stray.getMessage().contains("model: onnx"),
                stray.getMessage());
    }
}
