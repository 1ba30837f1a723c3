package dev.codeindex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import dev.codeindex.config.Key;
import dev.codeindex.config.WatchConfig;
import dev.codeindex.daemon.Daemon;
import dev.codeindex.daemon.WatchSettings;
import dev.codeindex.daemon.WatchedRoot;
import dev.codeindex.index.ChunkSink;
import dev.codeindex.index.IndexRun;
import dev.codeindex.index.RootIndexer;
import dev.codeindex.index.RunSettings;
import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.mcp.McpTools;
import dev.codeindex.mcp.sdk.McpHttpEndpoint;
import dev.codeindex.mcp.sdk.McpServerSpec;
import dev.codeindex.search.CodeLookup;
import dev.codeindex.search.Searcher;
import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.util.DaemonThreads;
import dev.codeindex.util.DiskFullException;
import dev.codeindex.util.DiskSpace;
import dev.codeindex.walk.Walker;
import dev.codeindex.watch.methvin.MethvinTreeWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code codeindex watch ROOT…}: the initial pass, then keeps the index current as the trees change
 * and serves HTTP, in the foreground until SIGTERM or SIGINT (what systemd and launchd run).
 *
 * <p>Shutdown: the watchers stop, each root finishes its batch in flight and commits with a clean
 * checkpoint, the server stops; all within {@link #SHUTDOWN_SECONDS} s, after which the JVM exits
 * anyway (the next start resumes from the last committed batch).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Index ROOTs, then keep them current as files change, and serve status and search over HTTP.",
                "Runs in the foreground until SIGTERM/SIGINT."})
final class WatchCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(WatchCommand.class);
    /** Bound on a clean stop; service units give the process a little more before SIGKILL. */
    static final long SHUTDOWN_SECONDS = 25;
    static final String DAEMONS_DIR = "daemons";

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "ROOT", description = "Directories to watch (default: the config's"
            + " roots: list; `watch .` for the working directory).")
    List<Path> roots = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default: 7341; 0 picks a free one).")
    String port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "HTTP address (default: 127.0.0.1). Anything but"
            + " loopback needs a token (server.token, or $CODEINDEX_SERVER_TOKEN).")
    String bind;

    @Option(names = "--offline", description = "Analysis only: no embedder, no store, nothing to search.")
    boolean offline;

    @Option(names = "--batch-size", paramLabel = "N", description = "Files per batch (default: 256).")
    String batchSize;

    @Option(names = "--max-file-size", paramLabel = "SIZE", description = "Skip larger files (default: 5MB).")
    String maxFileSize;

    @Option(names = "--threads", paramLabel = "N", description = "Chunking threads (default: all cores).")
    String threads;

    @Option(names = "--debounce", paramLabel = "DURATION", description = "Apply changes once the tree has been quiet"
            + " this long (default: 100ms).")
    String debounce;

    @Option(names = "--rescan-interval", paramLabel = "DURATION", description = "Safety-net rescan (default: 10m).")
    String rescanInterval;

    /** What one root holds open while it is watched; closed in reverse order. */
    private static final class Opened {
        final Deque<AutoCloseable> closeables = new ArrayDeque<>();

        synchronized <T extends AutoCloseable> T add(T c) {
            closeables.push(c);
            return c;
        }

        /** Takes over what {@code other} opened, to be closed in the same order. */
        synchronized void addAll(Opened other) {
            synchronized (other) {
                other.closeables.descendingIterator().forEachRemaining(closeables::push);
                other.closeables.clear();
            }
        }

        synchronized void closeAll() {
            while (!closeables.isEmpty()) {
                try {
                    closeables.pop().close();
                } catch (Exception e) {
                    log.warn("closing: {}", e.getMessage());
                }
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        Map<Key, String> flags = new EnumMap<>(Key.class);
        if (offline) {
            flags.put(Key.OFFLINE, "true");
        }
        putIf(flags, Key.BATCH_SIZE, batchSize);
        putIf(flags, Key.MAX_FILE_SIZE, maxFileSize);
        putIf(flags, Key.THREADS, threads);
        putIf(flags, Key.SERVER_PORT, port);
        putIf(flags, Key.SERVER_BIND, bind);
        putIf(flags, Key.WATCH_DEBOUNCE, debounce);
        putIf(flags, Key.WATCH_RESCAN_INTERVAL, rescanInterval);
        Config config = common.load(flags);
        WatchConfig wc = config.watch();
        long quiet = wc.debounce().toMillis();
        WatchSettings settings = new WatchSettings(quiet, Math.max(quiet, 10 * quiet), WatchSettings.DEFAULTS.maxPaths(),
                wc.rescanInterval().toMillis(), WatchSettings.DEFAULTS.unwatchedMillis(),
                WatchSettings.DEFAULTS.minBackoffMillis(), WatchSettings.DEFAULTS.maxBackoffMillis());
        Map<Path, String> absRoots = new LinkedHashMap<>(); // root -> collection ("" = derived)
        if (!roots.isEmpty()) {
            for (Path r : roots) {
                Path abs = r.toAbsolutePath().normalize();
                // one directory, one index: as index does, a typed path of a directory indexed under another
                // path (through a symbolic link) watches that index instead of making a second one
                Optional<Path> same = Files.isDirectory(abs) ? RootFinder.sameDirectory(abs, config.dataDir())
                        : Optional.empty();
                if (same.isPresent()) {
                    System.err.println("codeindex: watching " + same.get() + ": it is the same directory as " + abs
                            + " (through a symbolic link) and is indexed in " + config.dataDir() + " under that path");
                    abs = same.get();
                }
                absRoots.put(abs, "");
            }
        } else if (!wc.roots().isEmpty()) {
            for (WatchConfig.Root r : wc.roots()) {
                absRoots.put(r.path(), r.collection());
            }
        } else {
            throw new ConfigException(noRoot(common.configFile()));
        }
        Set<String> collections = new java.util.HashSet<>();
        for (Map.Entry<Path, String> r : absRoots.entrySet()) {
            if (!Files.isDirectory(r.getKey())) {
                if (!roots.isEmpty() || Files.exists(r.getKey())) { // a ROOT typed now, or a file: a mistake to fix
                    throw new ConfigException("ROOT " + r.getKey() + " is not a directory");
                }
                // a root of the config that is not there now (unmounted, moved away): the others are watched, and
                // it is indexed once it is back, as a root deleted while watching is
                log.warn("root {} (config key roots) does not exist now: it is watched once it is back; the other"
                        + " roots are watched meanwhile", r.getKey());
            }
            String named = r.getValue().isEmpty() ? config.collection() : r.getValue();
            if (!named.isEmpty() && !collections.add(named) && !config.offline()) {
                throw new ConfigException("config key roots: two roots would share collection '" + named
                        + "'; a collection holds one root's points: give each root its own");
            }
        }

        refuseOverlaps(absRoots.keySet().stream().filter(Files::isDirectory).toList(), WalkSettings.of(config));

        try {
            // before any root is opened (which creates its data directory): a binding the server would
            // refuse is refused here, with nothing left behind
            dev.codeindex.server.RequestChecks.forBinding(wc.bind(), wc.token().value(), wc.hosts());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }

        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // an Error that stopped a root (out of memory, a fault on a mapped file) stops the daemon: it exits
        // non-zero and starts clean (a service restarts it), instead of serving on with a dead root
        java.util.concurrent.atomic.AtomicReference<Throwable> fatal = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.Consumer<Throwable> onFatal = e -> {
            fatal.compareAndSet(null, e);
            stopRequested.countDown();
        };
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                stopped.await(SHUTDOWN_SECONDS + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        ExecutorService workers = Executors.newFixedThreadPool(config.threads(), DaemonThreads.numbered("chunk"));
        Opened opened = new Opened();
        // one model for all roots (closed after their stores: Opened closes in reverse order)
        SharedEmbedder embedder = opened.add(new SharedEmbedder(config.embedder(), config.threads()));
        List<Daemon.Root> daemonRoots = new ArrayList<>();
        Map<Path, String> waiting = new LinkedHashMap<>(); // roots another process holds: watched once it lets go
        ScheduledExecutorService waiter = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.numbered("root-waiter"));
        Daemon daemon = null;
        JavalinServer server = null;
        McpHttpEndpoint mcp = null;
        Path daemonFile = null;
        try {
            for (Map.Entry<Path, String> r : absRoots.entrySet()) {
                Config rootConfig = forCollection(config, r.getValue());
                Path rootDir = RootDirs.of(config.dataDir(), r.getKey());
                Optional<DataDirLock> lock = lockUnlessHeldByARun(config.dataDir(), r.getKey(), rootDir);
                if (lock.isEmpty()) {
                    String why = heldBy(config.dataDir(), r.getKey(), rootDir);
                    log.warn("{} is not watched yet: {}", r.getKey(), why);
                    waiting.put(r.getKey(), why);
                    continue;
                }
                opened.add(lock.get());
                daemonRoots.add(openRoot(rootConfig, r.getKey(), settings, workers, opened, embedder, onFatal));
            }
            daemon = new Daemon(daemonRoots, waiting, Version.describe(), Clock.systemUTC())
                    .reportingDisk(config.dataDir(), DataRepair.reserve(config));
            mcp = new McpHttpEndpoint(new McpServerSpec(Version.get(), McpCommand.instructions(absRoots.keySet()),
                    new McpTools(daemon, null).tools()));
            // Javalin logs its own start failure (an ERROR and a stack trace) before it throws; what failed and
            // what to do is said below, once
            ch.qos.logback.classic.Logger javalin = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                    "io.javalin.Javalin");
            ch.qos.logback.classic.Level javalinLevel = javalin.getLevel();
            javalin.setLevel(ch.qos.logback.classic.Level.OFF);
            try {
                server = new JavalinServer(daemon, wc.bind(), wc.port(), wc.token().value(),
                        Map.of(McpHttpEndpoint.PATH, mcp.servlet()), wc.hosts());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            } catch (RuntimeException e) {
                throw new ConfigException("cannot serve HTTP on " + wc.bind() + ":" + wc.port() + " (" + e.getMessage()
                        + "); is another codeindex watch running? Use --port");
            } finally {
                javalin.setLevel(javalinLevel);
            }
            String url = url(wc.bind(), server.port());
            // the roots it serves: a waiting root is left to the index on disk (search, MCP) until adopted
            daemonFile = writeDaemonFile(config.dataDir(), url, served(daemon));
            for (Daemon.Root r : daemonRoots) {
                r.watched().start();
            }
            for (Daemon.Root r : daemonRoots) {
                log.info("watching {}", r.watched().root());
            }
            if (!waiting.isEmpty()) {
                Daemon d = daemon;
                Runnable advertise = () -> {
                    try {
                        writeDaemonFile(config.dataDir(), url, served(d));
                    } catch (java.io.IOException e) {
                        log.warn("cannot rewrite the daemon file in {}: {}", config.dataDir(), e.getMessage());
                    }
                };
                waiter.scheduleWithFixedDelay(() -> adoptFreed(d, config, absRoots, settings, workers, opened, embedder,
                        onFatal, advertise), WAIT_RETRY_MILLIS, WAIT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
            log.info("status page: {}/ (JSON: {}/status, MCP: {}{})", url, url, url, McpHttpEndpoint.PATH);
            stopRequested.await();
            // no root is taken over while the others stop: one opened now would only be closed again
            waiter.shutdown();
            if (!waiter.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                log.warn("a waiting root was still being opened after {} s", SHUTDOWN_SECONDS);
            }
            log.info("stopping: storing what the batch in flight has finished");
            if (!daemon.stop(TimeUnit.SECONDS.toMillis(SHUTDOWN_SECONDS))) {
                log.warn("a root was still busy after {} s; its last committed batch is where the next start resumes",
                        SHUTDOWN_SECONDS);
            }
            Throwable e = fatal.get();
            if (e != null) {
                if (DiskSpace.exhausted(e, config.dataDir())) {
                    throw new DiskFullException(config.dataDir(), e);
                }
                throw new CommandFailedException((DiskSpace.mappedFault(e) ? IndexCommand.MAPPED_FAULT + config.dataDir()
                        : "indexing failed in a way this process cannot go on from (" + e + ")")
                        + "; the daemon stopped so that it starts clean (a service restarts it), and resumes from the"
                        + " last commit", e);
            }
            return Main.OK;
        } finally {
            // each step on its own: one that fails (a store that cannot close after a mapped-file fault) must
            // neither skip the others nor replace the exit the command is ending with
            Daemon d = daemon;
            JavalinServer srv = server;
            McpHttpEndpoint m = mcp;
            Path file = daemonFile;
            quietly("stopping the roots", () -> {
                waiter.shutdownNow(); // a root it opens now is closed below, never started: the daemon is stopping
                if (d != null) {
                    d.stop(TimeUnit.SECONDS.toMillis(SHUTDOWN_SECONDS));
                }
                waiter.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            });
            quietly("closing the HTTP server", () -> {
                if (srv != null) {
                    srv.close();
                }
            });
            quietly("closing the MCP endpoint", () -> {
                if (m != null) {
                    m.close();
                }
            });
            quietly("closing the indexes", opened::closeAll);
            workers.shutdownNow();
            quietly("removing the daemon file", () -> {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            });
            stopped.countDown();
            if (stopRequested.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    /** How often a root another process holds is tried again. */
    static final long WAIT_RETRY_MILLIS = 2_000;

    /**
     * The lock of a root's data directory; empty when another process that is no watch daemon holds it (an
     * index run: the root waits for it).
     *
     * @throws DataDirInUseException naming the watch daemon that keeps the root: this one would only duplicate it
     */
    private static Optional<DataDirLock> lockUnlessHeldByARun(Path dataDir, Path root, Path rootDir)
            throws java.io.IOException {
        try {
            return Optional.of(DataDirLock.acquire(rootDir));
        } catch (DataDirInUseException e) {
            if (RunningDaemons.of(dataDir).stream().anyMatch(d -> d.watches(root))) {
                throw RunningDaemons.whoHolds(e, dataDir, root, "watch it from here");
            }
            return Optional.empty();
        }
    }

    /** Why a waiting root is not watched yet, naming the process that holds it as far as it can be told. */
    private static String heldBy(Path dataDir, Path root, Path rootDir) {
        String who = RunningDaemons.holderOf(dataDir, rootDir).map(RunningDaemons.Holder::who)
                .orElse("another codeindex process");
        return who + " holds its index (`codeindex index`, an MCP session's index tool, or another command): it is"
                + " watched once that process lets go, tried every " + WAIT_RETRY_MILLIS / 1000 + " s";
    }

    /** Opens and starts each waiting root whose holder has let go; one that cannot be opened says why and waits on. */
    private void adoptFreed(Daemon daemon, Config config, Map<Path, String> absRoots, WatchSettings settings,
                            ExecutorService workers, Opened opened, SharedEmbedder embedder,
                            java.util.function.Consumer<Throwable> onFatal, Runnable advertise) {
        for (Path root : daemon.waiting()) {
            Path rootDir = RootDirs.of(config.dataDir(), root);
            Config rootConfig = forCollection(config, absRoots.getOrDefault(root, ""));
            Opened mine = new Opened();
            try {
                Optional<DataDirLock> lock = lockUnlessHeldByARun(config.dataDir(), root, rootDir);
                if (lock.isEmpty()) {
                    daemon.stillWaiting(root, heldBy(config.dataDir(), root, rootDir));
                    continue;
                }
                mine.add(lock.get());
                Daemon.Root r = openRoot(rootConfig, root, settings, workers, mine, embedder, onFatal);
                if (!daemon.adopt(r)) { // stopping: closed here, never started
                    mine.closeAll();
                    return;
                }
                opened.addAll(mine);
                advertise.run();
                log.info("watching {} (the process that held it let go)", root);
            } catch (DataDirInUseException e) {
                // another watch daemon took it meanwhile: it keeps the root, this one does not wait for it
                mine.closeAll();
                daemon.giveUp(root);
                log.warn("{} is not watched here: {}", root, e.getMessage());
            } catch (Error e) {
                mine.closeAll();
                onFatal.accept(e); // out of memory, a native library: as any root's, the daemon stops and starts clean
                return;
            } catch (Exception e) {
                // another watch daemon took it, or its data cannot be opened: said in status, tried again
                mine.closeAll();
                String why = "cannot be opened: " + e.getMessage() + "; tried again every " + WAIT_RETRY_MILLIS / 1000
                        + " s";
                if (!why.equals(daemon.stillWaiting(root, why))) {
                    log.warn("{} is still not watched: {}", root, e.getMessage());
                }
            }
        }
    }

    /** The config of a root of the config's {@code roots:} with its own collection ("": the derived one). */
    private static Config forCollection(Config config, String collection) {
        return collection.isEmpty() ? config : config.withCollection(collection);
    }

    /** The roots {@code daemon} serves now, in the order they were opened. */
    private static Set<Path> served(Daemon daemon) {
        Set<Path> out = new java.util.LinkedHashSet<>();
        daemon.roots().forEach(r -> out.add(r.watched().root()));
        return out;
    }

    /** Opens a root whose data directory this process has locked. */
    private Daemon.Root openRoot(Config config, Path absRoot, WatchSettings settings, ExecutorService workers,
                                 Opened opened, SharedEmbedder embedder, java.util.function.Consumer<Throwable> onFatal)
            throws java.io.IOException {
        Path rootDir = RootDirs.of(config.dataDir(), absRoot);
        MapDbManifest manifest = opened.add(DataRepair.openManifest(rootDir, DataRepair.reserve(config)));
        manifest.putMeta("root", absRoot.toString());
        SemanticParts semantic = config.offline() ? null
                : opened.add(SemanticParts.open(config, rootDir, absRoot, manifest, embedder));
        SourceChunker chunker = new SourceChunker(ChunkSettings.of(config),
                semantic == null ? TokenBudget.NONE : semantic.budget(), Parsers.all(), config.maxParseSize(),
                RedactionSettings.of(config));
        Walker walker = new Walker(absRoot, WalkSettings.of(config));
        RunSettings run = IndexSettings.of(config);
        ChunkSink sink = semantic == null ? ChunkSink.OFFLINE : semantic.sink();
        WatchedRoot watched = WatchedRoot.builder()
                .root(absRoot)
                .indexer(new RootIndexer(manifest, (progress, stop) -> IndexRun.builder().root(absRoot)
                        .manifest(manifest).walker(walker).chunker(chunker).workers(workers).settings(run)
                        .sink(sink).clock(Clock.systemUTC()).progress(progress).stopWhen(stop).build()))
                .watchers(MethvinTreeWatch.factory(walker))
                .settings(settings)
                .onFatal(onFatal)
                .afterInitialPass(semantic == null ? () -> { } : () -> semantic.embedder().warmUp())
                .describedAs(semantic == null ? "none (offline)" : semantic.storeDescription(),
                        semantic == null ? "none (offline)" : semantic.embedder().modelId())
                .build();
        return new Daemon.Root(watched, semantic == null ? null : new Searcher(semantic.embedder(), semantic.store()),
                new CodeLookup(absRoot, walker, chunker, semantic == null ? null : semantic.store(),
                        semantic == null ? null : semantic.embedder()));
    }

    /** The message when neither the command line nor the config names a root: the working directory is never implied. */
    static String noRoot(Path configFile) {
        return "no root to watch: name one (codeindex watch ~/src/project, or codeindex watch . for the working"
                + " directory), or list them under roots: in " + (configFile == null
                ? "a config file (--config FILE, or ~/.config/codeindex/codeindex.yaml)" : "the config file " + configFile)
                + " (or set CODEINDEX_ROOTS)";
    }

    /** Tells {@code status} and {@code search} where this daemon answers. */
    /**
     * Refuses roots of which one lies inside another where the outer root's walk would index it, or two
     * that are one directory (a symbolic link to it): each root indexes its whole tree, so those files
     * would be indexed, embedded and found twice. A root inside a directory the outer root ignores
     * (node_modules, a git-ignored vendor/) is indexed once, and stays allowed.
     *
     * @param roots   absolute, normalized, existing directories
     * @param options the walk options of the roots (ignore rules, built-in excludes)
     * @throws ConfigException naming both roots
     */
    static void refuseOverlaps(List<Path> roots, dev.codeindex.walk.WalkOptions options) throws java.io.IOException {
        List<Path> real = new ArrayList<>();
        for (Path r : roots) {
            real.add(r.toRealPath());
        }
        for (int i = 0; i < roots.size(); i++) {
            for (int j = 0; j < roots.size(); j++) {
                if (i == j) {
                    continue;
                }
                if (real.get(i).equals(real.get(j)) && i < j) {
                    throw new ConfigException("roots " + roots.get(i) + " and " + roots.get(j) + " are the same"
                            + " directory (" + real.get(i) + "): its files would be indexed and found twice; list it once");
                }
                if (!real.get(i).equals(real.get(j)) && real.get(i).startsWith(real.get(j))
                        && walks(real.get(j), real.get(j).relativize(real.get(i)).toString().replace('\\', '/'), options)) {
                    throw new ConfigException("root " + roots.get(i) + " lies inside root " + roots.get(j) + ": its"
                            + " files would be indexed and found twice; list only one of them (or ignore it in the"
                            + " outer root: .codeindexignore, walk.excludes)");
                }
            }
        }
    }

    /** Whether a walk of {@code root} enters {@code rel}: no ignore rule skips it or a directory above it. */
    private static boolean walks(Path root, String rel, dev.codeindex.walk.WalkOptions options) throws java.io.IOException {
        final class Entered extends RuntimeException {
            Entered() {
                super(null, null, false, false);
            }
        }
        boolean[] ignored = {false};
        try {
            new dev.codeindex.walk.Walker(root, options).walkPath(rel, new dev.codeindex.walk.WalkVisitor() {
                @Override
                public void onFile(dev.codeindex.walk.FileStat stat) {
                    if (stat.relPath().startsWith(rel + "/")) {
                        throw new Entered();
                    }
                }

                @Override
                public void onDirectory(String relPath) {
                    if (relPath.equals(rel) || relPath.startsWith(rel + "/")) {
                        throw new Entered();
                    }
                }

                @Override
                public void onIgnored(String relPath, boolean directory) {
                    if (rel.equals(relPath) || rel.startsWith(relPath + "/")) {
                        ignored[0] = true;
                    }
                }
            });
        } catch (Entered e) {
            return true;
        }
        return !ignored[0];
    }

    /**
     * The daemon's URL on this machine for a server bound to {@code bind}: an address for all interfaces
     * ({@code 0.0.0.0}, {@code ::}) is reached at loopback (browsers refuse {@code http://0.0.0.0/}).
     */
    static String url(String bind, int port) {
        String host = bind;
        if (bind.matches("[0-9.]+")) {
            // a short IPv4 form ("127.1", "2130706433") binds, but no URI takes it: the dotted quad it stands for
            try {
                host = java.net.InetAddress.getByName(bind).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                host = bind;
            }
        }
        host = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") ? "[::1]"
                : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + host + ":" + port;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            log.warn("stopping: {} failed: {}", what, e.toString());
        }
    }

    static Path writeDaemonFile(Path dataDir, String url, Set<Path> roots) throws java.io.IOException {
        Path dir = dataDir.resolve(DAEMONS_DIR);
        dev.codeindex.util.PrivateDirs.create(dir); // names the roots watched and where the daemon answers
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("pid", ProcessHandle.current().pid());
        o.put("url", url);
        o.put("startedAt", Instant.now().toString());
        var list = o.putArray("roots");
        roots.forEach(r -> list.add(r.toString()));
        Path file = dir.resolve(ProcessHandle.current().pid() + ".json");
        Path tmp = dir.resolve(ProcessHandle.current().pid() + ".json.tmp");
        Files.writeString(tmp, o.toString());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static void putIf(Map<Key, String> f, Key k, String v) {
        if (v != null) {
            f.put(k, v);
        }
    }

}
