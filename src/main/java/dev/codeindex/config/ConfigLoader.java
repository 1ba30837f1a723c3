package dev.codeindex.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds a {@link Config} from defaults, a YAML file, {@code CODEINDEX_*} environment variables and
 * command-line flags, each overriding the one before. Unknown YAML keys and invalid values fail with
 * a {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
    /**
     * The only place the Qdrant API key is read from. Never from the YAML file: config files get
     * copied, committed and left world-readable, while service managers hand secrets to the
     * environment (systemd {@code EnvironmentFile=}/{@code LoadCredential=}, launchd's environment).
     */
    public static final String QDRANT_API_KEY_ENV = "QDRANT_API_KEY";
    /** Where the HTTP embedder's API key is read from, first set wins; likewise never from the YAML file. */
    public static final List<String> EMBEDDER_API_KEY_ENV = EmbedderConfig.API_KEY_ENV;
    /** The longest collection name; Qdrant takes 255, a derived name needs room for the model id. */
    static final int MAX_COLLECTION_NAME = 200;
    static final String EXAMPLE_EMBEDDER_URL = "http://localhost:11434";
    /** Bounds that catch typos; real models have a few hundred to a few thousand dimensions, windows up to 32k. */
    static final int MAX_DIMENSION = 65_536;
    static final int MAX_TOKENS = 1 << 20;
    private final Map<String, String> env;
    private final Supplier<List<String>> defaultSecretExcludes;

    /**
     * @param env                    the process environment (tests pass their own)
     * @param defaultSecretExcludes  the built-in secret patterns, used when the config says "default"
     */
    public ConfigLoader(Map<String, String> env, Supplier<List<String>> defaultSecretExcludes) {
        this.env = env;
        this.defaultSecretExcludes = defaultSecretExcludes;
    }

    /** The config file to read: --config, else $CODEINDEX_CONFIG, else ~/.config/codeindex/codeindex.yaml if present. */
    public Path configFile(Path flag) {
        if (flag != null) {
            return flag;
        }
        String fromEnv = env.get("CODEINDEX_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", env.getOrDefault("HOME", ".") + "/.config");
        Path p = Path.of(xdg, "codeindex", "codeindex.yaml");
        return Files.isRegularFile(p) ? p : null;
    }

    public Config load(Path file, Map<Key, String> flags) {
        Map<Key, String> values = new EnumMap<>(Key.class);
        Map<Key, String> origin = new EnumMap<>(Key.class); // where each value came from, for error messages
        for (Key k : Key.values()) {
            values.put(k, k.defaultValue());
            origin.put(k, "the default");
        }
        if (file != null) {
            Map<Key, String> fromFile = readYaml(file);
            values.putAll(fromFile);
            fromFile.keySet().forEach(k -> origin.put(k, file.toString()));
        }
        for (Key k : Key.values()) {
            String v = env.get(k.envName());
            if (v != null) {
                values.put(k, v);
                origin.put(k, "env " + k.envName());
            }
        }
        values.putAll(flags);
        flags.keySet().forEach(k -> origin.put(k, "the command line"));
        return validate(values, origin);
    }

    private Map<Key, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<Key, String> out = new EnumMap<>(Key.class);
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            flatten("", root, out, file);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<Key, String> out, Path file) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            Key key = Key.byPath(path);
            JsonNode v = e.getValue();
            if (key == null && isApiKey(e.getKey())) {
                boolean embedder = path.startsWith("embedder.");
                throw new ConfigException("config key '" + path + "' in " + file + ": the " + (embedder ? "embedder"
                        : "Qdrant") + " API key is never read from a config file; remove it there and set the"
                        + " environment variable " + (embedder ? String.join(" (or ", EMBEDDER_API_KEY_ENV) + ")"
                        : QDRANT_API_KEY_ENV));
            }
            if (key == null && v.isObject()) {
                flatten(path, v, out, file);
            } else if (key == null) {
                throw new ConfigException("unknown config key '" + path + "' in " + file + "; known keys: " + knownKeys());
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode x : v) {
                    items.add(key == Key.ROOTS && x.isObject() ? rootItem(x, path, file)
                            : key == Key.SECRETS_EXTRA_PATTERNS && x.isObject() ? patternItem(x, path, file)
                            : x.asText());
                }
                out.put(key, String.join("\n", items));
            } else if (!v.isNull()) {
                out.put(key, v.asText());
            }
        }
    }

    /** A {@code roots:} entry written as {@code {path: …, collection: …}}: "PATH" or "PATH\tCOLLECTION". */
    private static String rootItem(JsonNode item, String key, Path file) {
        Iterator<String> names = item.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("path") && !n.equals("collection")) {
                throw new ConfigException("unknown field '" + n + "' in a " + key + " entry in " + file
                        + "; an entry is a path, or {path: DIR, collection: NAME}");
            }
        }
        String path = item.path("path").asText("");
        if (path.isBlank()) {
            throw new ConfigException("a " + key + " entry in " + file + " has no path: " + item);
        }
        String collection = item.path("collection").asText("");
        return collection.isBlank() ? path : path + "\t" + collection;
    }

    /** A {@code secrets.extraPatterns} entry written as {@code {name: …, regex: …}}: "NAME\tREGEX". */
    private static String patternItem(JsonNode item, String key, Path file) {
        Iterator<String> names = item.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("name") && !n.equals("regex")) {
                throw new ConfigException("unknown field '" + n + "' in a " + key + " entry in " + file
                        + "; an entry is a regex, or {name: NAME, regex: REGEX}");
            }
        }
        String regex = item.path("regex").asText("");
        if (regex.isBlank()) {
            throw new ConfigException("a " + key + " entry in " + file + " has no regex: " + item);
        }
        return item.path("name").asText("").strip() + "\t" + regex;
    }

    /** The redaction settings; every regex compiled here, so a bad one is exit 2 naming its key. */
    private static SecretsConfig secrets(Values r) {
        List<SecretsConfig.NamedPattern> extra = new ArrayList<>();
        for (String item : r.lines(Key.SECRETS_EXTRA_PATTERNS)) {
            int tab = item.indexOf('\t');
            String name = tab < 0 ? "" : item.substring(0, tab).strip();
            String regex = tab < 0 ? item : item.substring(tab + 1);
            if (name.isEmpty()) {
                name = "extra-" + (extra.size() + 1);
            } else if (!name.matches("[A-Za-z0-9_.-]{1,40}")) {
                throw new ConfigException("invalid name '" + name + "' in config key " + Key.SECRETS_EXTRA_PATTERNS.path()
                        + ": expected letters, digits, '.', '_' and '-', at most 40 characters");
            }
            extra.add(new SecretsConfig.NamedPattern(name, regex(Key.SECRETS_EXTRA_PATTERNS, regex)));
        }
        List<Pattern> allow = new ArrayList<>();
        for (String item : r.lines(Key.SECRETS_ALLOW)) {
            allow.add(regex(Key.SECRETS_ALLOW, item));
        }
        return new SecretsConfig(r.bool(Key.SECRETS_ENABLED), extra, allow);
    }

    private static Pattern regex(Key key, String regex) {
        try {
            Pattern p = Pattern.compile(regex);
            if (p.matcher("").matches()) {
                throw new ConfigException("regex '" + regex + "' in config key " + key.path() + " (env " + key.envName()
                        + ") matches the empty text; it would match everywhere and find nothing");
            }
            return p;
        } catch (PatternSyntaxException e) {
            throw new ConfigException("invalid regex '" + regex + "' in config key " + key.path() + " (env "
                    + key.envName() + "): " + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")
                    + "; write a Java regular expression, one per list item");
        }
    }

    private List<WatchConfig.Root> roots(Values r) {
        List<WatchConfig.Root> out = new ArrayList<>();
        for (String item : r.list(Key.ROOTS)) {
            int tab = item.indexOf('\t');
            String path = tab < 0 ? item : item.substring(0, tab).trim();
            String collection = tab < 0 ? "" : item.substring(tab + 1).trim();
            if (collection.length() > MAX_COLLECTION_NAME || !collection.matches("[A-Za-z0-9._-]*")) {
                throw new ConfigException("invalid collection '" + collection + "' for root " + path + " in config key "
                        + Key.ROOTS.path() + ": expected letters, digits, '.', '_' and '-', at most "
                        + MAX_COLLECTION_NAME + " characters");
            }
            out.add(new WatchConfig.Root(Path.of(expandHome(path)).toAbsolutePath().normalize(), collection));
        }
        return out;
    }

    private static boolean isApiKey(String leaf) {
        String l = leaf.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return l.endsWith("apikey");
    }

    private static String knownKeys() {
        List<String> names = new ArrayList<>();
        for (Key k : Key.values()) {
            names.add(k.path());
        }
        return String.join(", ", names);
    }

    private Config validate(Map<Key, String> v, Map<Key, String> origin) {
        Values r = new Values(v, origin);
        String dataDir = v.get(Key.DATA_DIR);
        Path data = dataDir.isBlank() ? defaultDataDir() : Path.of(expandHome(dataDir));
        if (java.nio.file.Files.exists(data) && !java.nio.file.Files.isDirectory(data)) {
            throw new ConfigException("config key " + Key.DATA_DIR.path() + " (--data-dir, env " + Key.DATA_DIR.envName()
                    + "): " + data + " is a file, not a directory: name a directory (it is made when missing)");
        }
        int threads = r.integer(Key.THREADS, 0, 256);
        if (threads == 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
        String store = r.oneOf(Key.STORE, "embedded", "qdrant");
        String secrets = v.get(Key.SECRET_EXCLUDES).trim();
        List<String> secretList = secrets.equals("default") ? defaultSecretExcludes.get() : r.list(Key.SECRET_EXCLUDES);
        int maxLines = r.integer(Key.CHUNK_MAX_LINES, 5, 10_000);
        int overlap = r.integer(Key.CHUNK_OVERLAP_LINES, 0, 1000);
        if (overlap >= maxLines) {
            throw new ConfigException("config key " + Key.CHUNK_OVERLAP_LINES.path() + " (" + overlap
                    + ") must be smaller than " + Key.CHUNK_MAX_LINES.path() + " (" + maxLines + ")");
        }
        ChunkConfig limits = new ChunkConfig(maxLines, r.integer(Key.CHUNK_MAX_CHARS, 200, 1_000_000), overlap);
        int replication = r.integer(Key.REPLICATION_FACTOR, 1, 100);
        int writeConsistency = r.integer(Key.WRITE_CONSISTENCY_FACTOR, 1, 100);
        if (writeConsistency > replication) {
            throw new ConfigException("config key " + Key.WRITE_CONSISTENCY_FACTOR.path() + " (" + writeConsistency
                    + ") must not exceed " + Key.REPLICATION_FACTOR.path() + " (" + replication
                    + "): no write could ever be confirmed by that many replicas");
        }
        return new Config(data, r.integer(Key.BATCH_SIZE, 1, 100_000), r.size(Key.BATCH_BYTES, 1 << 20, 1L << 30),
                r.size(Key.MAX_FILE_SIZE, 1, 1L << 30), r.longValue(Key.MAX_FILES, 0, Long.MAX_VALUE), threads,
                r.bool(Key.FOLLOW_SYMLINKS), r.bool(Key.BUILTIN_EXCLUDES), r.list(Key.EXCLUDES), secretList,
                limits, r.size(Key.CHUNK_MAX_PARSE_SIZE, 1024, 1L << 30), r.bool(Key.OFFLINE),
                embedder(r), store, r.url(Key.QDRANT_URL, "http://localhost:6334"),
                r.name(Key.COLLECTION, MAX_COLLECTION_NAME), r.bool(Key.PROGRESS), r.integer(Key.SHARDS, 1, 1000),
                replication, writeConsistency, r.duration(Key.STORE_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
                new Secret(env.get(QDRANT_API_KEY_ENV)),
                new WatchConfig(roots(r), v.get(Key.SERVER_BIND).trim(), r.integer(Key.SERVER_PORT, 0, 65535),
                        new Secret(v.get(Key.SERVER_TOKEN)),
                        r.duration(Key.WATCH_DEBOUNCE, Duration.ZERO, Duration.ofMinutes(1)),
                        r.duration(Key.WATCH_RESCAN_INTERVAL, Duration.ofSeconds(10), Duration.ofDays(7)),
                        hosts(r)),
                secrets(r));
    }

    /** {@code server.hosts}: host names (or addresses), each as a Host header names it; a port is ignored. */
    private static List<String> hosts(Values r) {
        List<String> out = new ArrayList<>();
        for (String h : r.list(Key.SERVER_HOSTS)) {
            String name = h.strip();
            if (!name.matches("[A-Za-z0-9._-]+(:\\d+)?|\\[[0-9A-Fa-f:.]+\\](:\\d+)?")) {
                throw new ConfigException("config key " + Key.SERVER_HOSTS.path() + ": '" + h + "' is not a host name"
                        + " (give names like devbox.local or 192.168.1.20, without a scheme or path)");
            }
            out.add(name);
        }
        return out;
    }

    /**
     * The embedder keys. The HTTP keys are checked whatever the model; a URL or server model name
     * without {@code model: http} is a contradiction (the run would quietly use the bundled model).
     */
    private EmbedderConfig embedder(Values r) {
        String model = r.oneOf(Key.EMBEDDER_MODEL, "bge", "minilm", EmbedderConfig.HTTP, EmbedderConfig.ONNX);
        int dimension = r.integer(Key.EMBEDDER_DIMENSION, 0, MAX_DIMENSION);
        int maxTokens = r.integer(Key.EMBEDDER_MAX_TOKENS, EmbedderConfig.MIN_MAX_TOKENS, MAX_TOKENS);
        int batchSize = r.integer(Key.EMBEDDER_BATCH_SIZE, 1, EmbedderConfig.MAX_BATCH_SIZE);
        int concurrency = r.integer(Key.EMBEDDER_CONCURRENCY, 1, EmbedderConfig.MAX_CONCURRENCY);
        Duration timeout = r.duration(Key.EMBEDDER_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1));
        String url = r.text(Key.EMBEDDER_URL);
        String httpModel = r.text(Key.EMBEDDER_HTTP_MODEL);
        if (model.equals(EmbedderConfig.HTTP)) {
            if (url.isEmpty()) {
                throw new ConfigException("config key " + Key.EMBEDDER_URL.path() + " (env " + Key.EMBEDDER_URL.envName()
                        + ") is required with " + Key.EMBEDDER_MODEL.path() + ": http: the embedding server's base"
                        + " URL, such as " + EXAMPLE_EMBEDDER_URL + " (Ollama)");
            }
            url = r.baseUrl(Key.EMBEDDER_URL, EXAMPLE_EMBEDDER_URL);
            if (httpModel.isEmpty()) {
                throw new ConfigException("config key " + Key.EMBEDDER_HTTP_MODEL.path() + " (env "
                        + Key.EMBEDDER_HTTP_MODEL.envName() + ") is required with " + Key.EMBEDDER_MODEL.path()
                        + ": http: the model name the server knows, with a pinned tag, such as nomic-embed-text:v1.5");
            }
        } else {
            for (Key k : new Key[] {Key.EMBEDDER_URL, Key.EMBEDDER_HTTP_MODEL}) {
                if (!r.text(k).isEmpty()) {
                    throw new ConfigException("config key " + k.path() + " (env " + k.envName() + ") is set, but "
                            + Key.EMBEDDER_MODEL.path() + " is " + model + (model.equals(EmbedderConfig.ONNX)
                            ? ", a model file" : ", the bundled model") + ": set " + Key.EMBEDDER_MODEL.path()
                            + ": http to use the server, or remove " + k.path());
                }
            }
        }
        EmbedderConfig.LocalModel local = localModel(r, model);
        return new EmbedderConfig(model, url, httpModel, dimension, maxTokens, batchSize, concurrency, timeout,
                new Secret(embedderApiKey()), local);
    }

    /**
     * The keys of {@code embedder.model: onnx}: both files must be there (a missing one is named
     * here, before anything is opened); with another model, setting them is a contradiction.
     */
    private EmbedderConfig.LocalModel localModel(Values r, String model) {
        String pooling = r.oneOf(Key.EMBEDDER_POOLING, EmbedderConfig.POOLINGS.toArray(String[]::new));
        boolean normalize = r.bool(Key.EMBEDDER_NORMALIZE);
        String queryPrefix = r.verbatim(Key.EMBEDDER_QUERY_PREFIX);
        String documentPrefix = r.verbatim(Key.EMBEDDER_DOCUMENT_PREFIX);
        if (!model.equals(EmbedderConfig.ONNX)) {
            for (Key k : new Key[] {Key.EMBEDDER_MODEL_PATH, Key.EMBEDDER_TOKENIZER_PATH, Key.EMBEDDER_POOLING,
                    Key.EMBEDDER_NORMALIZE, Key.EMBEDDER_QUERY_PREFIX, Key.EMBEDDER_DOCUMENT_PREFIX}) {
                if (!r.text(k).equalsIgnoreCase(k.defaultValue())) {
                    throw new ConfigException("config key " + k.path() + " (env " + k.envName() + ") is set, but "
                            + Key.EMBEDDER_MODEL.path() + " is " + model + ": it applies to a model file only; set "
                            + Key.EMBEDDER_MODEL.path() + ": onnx to use one, or remove " + k.path());
                }
            }
            return EmbedderConfig.LocalModel.NONE;
        }
        return new EmbedderConfig.LocalModel(modelFile(r, Key.EMBEDDER_MODEL_PATH, "the model's .onnx file"),
                modelFile(r, Key.EMBEDDER_TOKENIZER_PATH, "the model's Hugging Face tokenizer.json"), pooling, normalize,
                queryPrefix, documentPrefix);
    }

    private Path modelFile(Values r, Key k, String what) {
        String given = r.text(k);
        if (given.isEmpty()) {
            throw new ConfigException("config key " + k.path() + " (env " + k.envName() + ") is required with "
                    + Key.EMBEDDER_MODEL.path() + ": " + EmbedderConfig.ONNX + ": the path of " + what);
        }
        Path p = Path.of(expandHome(given)).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new ConfigException("config key " + k.path() + " (env " + k.envName() + "): " + p
                    + " does not exist; give the path of " + what);
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new ConfigException("config key " + k.path() + " (env " + k.envName() + "): " + p
                    + " is not a readable file; give the path of " + what);
        }
        return p;
    }

    /** The first of {@link #EMBEDDER_API_KEY_ENV} set to something not blank, or null. */
    private String embedderApiKey() {
        for (String name : EMBEDDER_API_KEY_ENV) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private Path defaultDataDir() {
        String state = env.get("XDG_STATE_HOME");
        if (state == null || state.isBlank()) {
            state = env.getOrDefault("HOME", System.getProperty("user.home")) + "/.local/state";
        }
        return Path.of(state, "codeindex");
    }

    private String expandHome(String p) {
        if (p.equals("~") || p.startsWith("~/")) {
            return env.getOrDefault("HOME", System.getProperty("user.home")) + p.substring(1);
        }
        return p;
    }
}
