package dev.codeindex.cli;

import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import dev.codeindex.config.Key;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.index.ChunkSink;
import dev.codeindex.index.IndexRun;
import dev.codeindex.index.IndexSummary;
import dev.codeindex.index.PassProgress;
import dev.codeindex.index.ProgressListener;
import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.util.DaemonThreads;
import dev.codeindex.util.DiskFullException;
import dev.codeindex.util.DiskSpace;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.walk.Walker;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codeindex index [ROOT]}: one bounded batch pass, then exit. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index new and changed files under ROOT, remove deleted ones, resume an interrupted run.")
final class IndexCommand implements Callable<Integer> {
    /** How long SIGTERM/SIGINT waits for the batch in flight to commit. */
    static final long SHUTDOWN_WAIT_SECONDS = 30;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ROOT", description = "Directory to index (default: .).")
    Path root = Path.of(".");

    @Option(names = "--offline", description = "Analysis only: files, languages, symbols, chunks; no embedder, no store.")
    boolean offline;

    @Option(names = "--store", paramLabel = "embedded|qdrant", description = "Vector store (default: embedded).")
    String store;

    @Option(names = "--qdrant-url", paramLabel = "URL", description = "Qdrant gRPC URL, e.g. http://localhost:6334 (API key: env QDRANT_API_KEY).")
    String qdrantUrl;

    @Option(names = "--collection", paramLabel = "NAME", description = "Collection name (default: derived from ROOT and, for Qdrant, the model).")
    String collection;

    @Option(names = "--batch-size", paramLabel = "N", description = "Files per batch (default: 256).")
    String batchSize;

    @Option(names = "--max-file-size", paramLabel = "SIZE", description = "Skip larger files (default: 5MB).")
    String maxFileSize;

    @Option(names = "--max-files", paramLabel = "N", description = "Stop after N files (default: no limit).")
    String maxFiles;

    @Option(names = "--threads", paramLabel = "N", description = "Chunking threads (default: all cores).")
    String threads;

    @Option(names = "--follow-symlinks", description = "Follow symlinks that stay inside ROOT (loop-safe).")
    boolean followSymlinks;

    @Override
    public Integer call() throws Exception {
        Config config = common.load(flags());
        Path absRoot = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absRoot)) {
            throw new ConfigException("ROOT " + absRoot + " is not a directory");
        }
        // one directory, one index: a second one, under the other path, would go stale beside the one a daemon keeps
        Optional<Path> same = RootFinder.sameDirectory(absRoot, config.dataDir());
        if (same.isPresent()) {
            System.err.println("codeindex: indexing " + same.get() + ": it is the same directory as " + absRoot
                    + " (through a symbolic link) and is indexed in " + config.dataDir() + " under that path");
            absRoot = same.get();
        }
        Path rootDir = RootDirs.of(config.dataDir(), absRoot);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService workers = Executors.newFixedThreadPool(config.threads(), DaemonThreads.numbered("chunk"));
        IndexSummary summary;
        try (DataDirLock lock = DataDirLock.acquire(rootDir)) {
            boolean bar = config.progress() && TerminalProgress.available();
            summary = runLocked(config, absRoot, workers, pass -> bar ? new TerminalProgress(pass) : ProgressListener.NONE,
                    stop::get);
        } catch (DataDirInUseException e) {
            throw RunningDaemons.whoHolds(e, config.dataDir(), absRoot, "run index yourself");
        } catch (RuntimeException | Error e) {
            if (DiskSpace.exhausted(e, config.dataDir())) {
                throw new DiskFullException(config.dataDir(), e);
            }
            if (DiskSpace.mappedFault(e)) {
                throw new CommandFailedException(MAPPED_FAULT + rootDir, e);
            }
            throw e;
        } finally {
            workers.shutdownNow();
            done.countDown();
        }
        if (!stop.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(common.json ? SummaryJson.toJson(summary) : SummaryText.format(summary));
        return Main.OK;
    }

    /**
     * One pass over {@code absRoot}, its data directory's lock already held by the caller: what
     * {@code codeindex index} runs, and {@code codeindex mcp}'s {@code index} tool in the background.
     */
    /** What a fault on a mapped index file says, followed by the root's folder. */
    static final String MAPPED_FAULT = "a memory-mapped index file could not be read or written (the disk under"
            + " it failed, or another process cut the file short); nothing committed is lost, and the next run"
            + " resumes from the last commit ('codeindex doctor' checks the files): ";

    static IndexSummary runLocked(Config config, Path absRoot, ExecutorService workers,
                                  Function<PassProgress, ProgressListener> shown, BooleanSupplier stop)
            throws IOException, InterruptedException {
        Path rootDir = RootDirs.of(config.dataDir(), absRoot);
        try (MapDbManifest manifest = DataRepair.openManifest(rootDir, DataRepair.reserve(config));
             SemanticParts semantic = config.offline() ? null : SemanticParts.open(config, rootDir, absRoot, manifest)) {
            manifest.putMeta("root", absRoot.toString());
            SourceChunker chunker = new SourceChunker(ChunkSettings.of(config),
                    semantic == null ? TokenBudget.NONE : semantic.budget(), Parsers.all(), config.maxParseSize(),
                    RedactionSettings.of(config));
            Walker walker = new Walker(absRoot, WalkSettings.of(config));
            Clock clock = Clock.systemUTC();
            PassProgress pass = new PassProgress(clock::millis);
            try (ProgressFile file = new ProgressFile(rootDir, absRoot.toString(), pass, manifest::checkpoint,
                    manifest::totals, clock)) {
                ProgressListener progress = ProgressListener.both(pass, ProgressListener.both(file, shown.apply(pass)));
                return IndexRun.builder().root(absRoot).manifest(manifest).walker(walker)
                        .chunker(chunker).workers(workers).settings(IndexSettings.of(config))
                        .sink(semantic == null ? ChunkSink.OFFLINE : semantic.sink()).clock(clock)
                        .progress(progress).stopWhen(stop).build().run();
            }
        }
    }

    private Map<Key, String> flags() {
        Map<Key, String> f = new EnumMap<>(Key.class);
        if (offline) {
            f.put(Key.OFFLINE, "true");
        }
        putIf(f, Key.STORE, store);
        putIf(f, Key.QDRANT_URL, qdrantUrl);
        putIf(f, Key.COLLECTION, collection);
        putIf(f, Key.BATCH_SIZE, batchSize);
        putIf(f, Key.MAX_FILE_SIZE, maxFileSize);
        putIf(f, Key.MAX_FILES, maxFiles);
        putIf(f, Key.THREADS, threads);
        if (followSymlinks) {
            f.put(Key.FOLLOW_SYMLINKS, "true");
        }
        return f;
    }

    private static void putIf(Map<Key, String> f, Key k, String v) {
        if (v != null) {
            f.put(k, v);
        }
    }

}
