package dev.codeindex.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code watch} needs beyond an index run.
 *
 * @param roots          the config's {@code roots:} list (used when no ROOT is given on the command line)
 * @param bind           HTTP address; anything but loopback needs {@code token}
 * @param port           HTTP port, 0 for any free one
 * @param token          required as {@code Authorization: Bearer …} when set; printed masked
 * @param debounce       apply changes once the tree has been quiet this long
 * @param rescanInterval the safety-net stat-only rescan
 * @param hosts          names a request may address the daemon by besides the loopback ones ({@code server.hosts})
 */
public record WatchConfig(List<Root> roots, String bind, int port, Secret token, Duration debounce,
                          Duration rescanInterval, List<String> hosts) {
    /** One root to watch; an empty collection means the one derived from the path. */
    public record Root(Path path, String collection) {}

    public WatchConfig {
        roots = List.copyOf(roots);
        token = token == null ? Secret.NONE : token;
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}
