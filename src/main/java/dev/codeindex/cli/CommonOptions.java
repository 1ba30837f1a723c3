package dev.codeindex.cli;

import ch.qos.logback.classic.Level;
import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigLoader;
import dev.codeindex.config.Key;
import dev.codeindex.walk.WalkOptions;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (default: $CODEINDEX_CONFIG, "
            + "else ~/.config/codeindex/codeindex.yaml when present).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where manifests live (default: "
            + "$XDG_STATE_HOME/codeindex or ~/.local/state/codeindex).")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON object on stdout (logs stay on stderr).")
    boolean json;

    @Option(names = "--no-progress", description = "Never draw a progress bar.")
    boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "Log every skipped file and parse fallback.")
    boolean verbose;

    Map<Key, String> flags() {
        Map<Key, String> f = new EnumMap<>(Key.class);
        if (dataDir != null) {
            f.put(Key.DATA_DIR, dataDir.toString());
        }
        if (noProgress) {
            f.put(Key.PROGRESS, "false");
        }
        return f;
    }

    /** The config file this command reads, or null when there is none. */
    Path configFile() {
        return new ConfigLoader(System.getenv(), () -> WalkOptions.DEFAULT_SECRET_EXCLUDES).configFile(config);
    }

    Config load(Map<Key, String> moreFlags) {
        if (verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.codeindex")).setLevel(Level.DEBUG);
        }
        ConfigLoader loader = new ConfigLoader(System.getenv(), () -> WalkOptions.DEFAULT_SECRET_EXCLUDES);
        Map<Key, String> all = flags();
        all.putAll(moreFlags);
        return loader.load(loader.configFile(config), all);
    }
}
