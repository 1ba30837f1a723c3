package dev.codeindex.cli;

import dev.codeindex.api.DaemonApi;
import dev.codeindex.config.Config;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code codeindex mcp} gets the answers for one root: the running {@code watch} daemon that
 * keeps it (its answers know what is pending), else the index on disk.
 *
 * <p>Threading: any thread.
 */
final class RootSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RootSource.class);

    private final Config config;
    private final Path root;
    private volatile DaemonApi api;
    private volatile String source;
    private DiskIndex disk;

    RootSource(Config config, Path root) {
        this.config = config;
        this.root = root;
        if (!toDaemon()) {
            toDisk("index on disk (no watch daemon keeps " + root + ")");
        }
    }

    Path root() {
        return root;
    }

    /** What answers for this root now. */
    synchronized DaemonApi api() {
        return api;
    }

    /** Where answers come from, for people: "the watch daemon at URL", "index on disk (…)". */
    String source() {
        return source;
    }

    /** Switches to a running daemon that keeps the root and answers; false when there is none. */
    private synchronized boolean toDaemon() {
        for (RunningDaemons.Running d : RunningDaemons.of(config.dataDir())) {
            if (d.watches(root) && RunningDaemons.get(d, "/status", config.watch().token()).isPresent()) {
                api = new RemoteDaemon(d.url(), config.watch().token());
                source = "the watch daemon at " + d.url() + " (pid " + d.pid() + ")";
                LOG.info("mcp: serving {} through {}", root, source);
                return true;
            }
        }
        return false;
    }

    private synchronized void toDisk(String why) {
        if (disk == null) {
            disk = new DiskIndex(config, root);
        }
        api = disk;
        source = why;
        LOG.info("mcp: serving {} from the {}", root, why);
    }

    @Override
    public synchronized void close() {
        if (disk != null) {
            disk.close();
        }
    }
}
