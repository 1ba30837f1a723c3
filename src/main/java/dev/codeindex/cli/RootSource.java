package dev.codeindex.cli;

import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.ContextRequest;
import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.api.ReindexAnswer;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SimilarAnswer;
import dev.codeindex.api.SimilarRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.config.Config;
import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.mcp.McpTools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code codeindex mcp} gets the answers for one root, as a {@link DaemonApi}: the running
 * {@code watch} daemon that keeps it (its answers know what is pending), else the index on disk.
 *
 * <p>A daemon that stops answering mid-session (killed, crashed, stopped) is not an error for the
 * agent: the call is answered from the index on disk, and {@link #source()} says since when and why.
 * While answering from disk, every call first looks for a daemon that keeps the root (the daemons
 * directory of the data directory: a file read and a process check, then one request only when a
 * daemon there keeps this root) and goes back to it when one answers.
 *
 * <p>Threading: any thread; switching is serialized.
 */
final class RootSource implements DaemonApi, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RootSource.class);

    private final Config config;
    private final Path root;
    private DaemonApi api;
    private String source;
    private DiskIndex disk;
    private BackgroundRun run;

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

    /** Where answers come from now, for people: "the watch daemon at URL (pid N)", "index on disk (…)". */
    synchronized String source() {
        return source;
    }

    /** What answers now: a daemon that appeared since the last call is preferred to the disk. */
    private synchronized DaemonApi current() {
        if (api == disk) {
            toDaemon();
        }
        return api;
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

    private synchronized DaemonApi toDisk(String why) {
        if (disk == null) {
            disk = new DiskIndex(config, root);
        }
        api = disk;
        source = why;
        LOG.info("mcp: serving {} from the {}", root, why);
        return disk;
    }

    /** Asks what answers now; a daemon that does not answer at all is left for the index on disk. */
    private <T> T call(Function<DaemonApi, T> ask) {
        DaemonApi a = current();
        try {
            return ask.apply(a);
        } catch (RemoteDaemon.Unreachable e) {
            DaemonApi fallback;
            synchronized (this) {
                fallback = api != a ? api : toDisk("index on disk (the watch daemon at " + ((RemoteDaemon) a).url()
                        + " stopped answering at " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ")");
            }
            LOG.warn("mcp: {}: {}", root, e.getMessage());
            return ask.apply(fallback);
        }
    }

    @Override
    public DaemonStatus status() {
        return call(DaemonApi::status);
    }

    @Override
    public SearchAnswer search(SearchRequest request) {
        return call(a -> a.search(request));
    }

    @Override
    public SearchAnswer findSymbol(SymbolRequest request) {
        return call(a -> a.findSymbol(request));
    }

    @Override
    public ContextAnswer context(ContextRequest request) {
        return call(a -> a.context(request));
    }

    @Override
    public ReferencesAnswer references(ReferencesRequest request) {
        return call(a -> a.references(request));
    }

    @Override
    public SimilarAnswer similar(SimilarRequest request) {
        return call(a -> a.similar(request));
    }

    @Override
    public boolean sync(long timeoutMillis) throws InterruptedException {
        DaemonApi a = current();
        return a.sync(timeoutMillis);
    }

    @Override
    public void pauseIndexing() {
        current().pauseIndexing();
    }

    @Override
    public void resumeIndexing() {
        current().resumeIndexing();
    }

    @Override
    public ReindexAnswer reindex(String root, String path) {
        return call(a -> a.reindex(root, path));
    }

    /**
     * The {@code index} tool for this root: a full rescan by the daemon that keeps it; else a pass in
     * the background here, unless one already runs or another process holds the data directory.
     */
    McpTools.IndexStart index() {
        DaemonApi a = current();
        if (a instanceof RemoteDaemon) {
            try {
                a.reindex(root.toString(), null);
                return new McpTools.IndexStart(root.toString(), "daemon", source() + " keeps " + root
                        + " indexed: a full rescan is scheduled there, as reindex does; index_status shows progress");
            } catch (RemoteDaemon.Unreachable e) {
                call(DaemonApi::status); // answers from disk from now on
            }
        }
        synchronized (this) {
            if (run != null && run.running()) {
                return new McpTools.IndexStart(root.toString(), "running", "already " + run.describe()
                        + "; index_status shows progress");
            }
            Path rootDir = RootDirs.of(config.dataDir(), root);
            LocalIndex.Peek before = LocalIndex.peek(rootDir);
            boolean complete = before.indexed() && !before.busy() && before.checkpoint() != null
                    && "done".equals(before.checkpoint().phase());
            DataDirLock lock;
            try {
                lock = DataDirLock.acquire(rootDir);
            } catch (DataDirInUseException e) {
                DataDirInUseException who = RunningDaemons.whoHolds(e, config.dataDir(), root, "index it from here");
                return new McpTools.IndexStart(root.toString(), "busy", (who != e ? who.getMessage()
                        : "another codeindex process (a `codeindex index` run) is indexing " + root + " and holds its"
                        + " data directory " + rootDir) + "; nothing was started: index_status shows how far the index is");
            } catch (IOException e) {
                throw new IllegalStateException("cannot lock the data directory " + rootDir + ": " + e.getMessage());
            }
            if (disk == null) {
                disk = new DiskIndex(config, root);
            }
            DiskIndex d = disk;
            run = new BackgroundRun(config, root, lock, d::reopen);
            d.running(run, complete);
            return new McpTools.IndexStart(root.toString(), "started", "indexing " + root + " in the background;"
                    + " search answers from what is committed meanwhile, index_status shows progress");
        }
    }

    @Override
    public void close() {
        BackgroundRun r;
        synchronized (this) {
            r = run;
        }
        if (r != null && r.running()) {
            try {
                r.stop(IndexCommand.SHUTDOWN_WAIT_SECONDS); // commits its batch in flight; the next run resumes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (disk != null) {
                disk.close();
            }
        }
    }
}
