package dev.codeindex.cli;

import dev.codeindex.config.Config;
import dev.codeindex.index.IndexSummary;
import dev.codeindex.index.ProgressListener;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.util.DaemonThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code codeindex index} pass run inside {@code codeindex mcp}, on its own thread, for the
 * {@code index} tool: it owns the data directory's lock, taken by the caller (so the caller can say
 * at once who holds it instead), and releases it when the pass ends. Its progress is what
 * {@code index_status} shows meanwhile; an interrupted pass resumes the next time, as the CLI's does.
 *
 * <p>Threading: started once; the getters may be read from any thread.
 */
final class BackgroundRun {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRun.class);

    private final Path root;
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String phase = "start";
    private volatile long done;
    private volatile long total = -1;
    private volatile String error;
    private volatile IndexSummary summary;

    /**
     * Starts the pass.
     *
     * @param lock   the data directory's lock of {@code root}, held; closed when the pass ends
     * @param onDone called on the run's thread once the pass ended (done, failed or stopped)
     */
    BackgroundRun(Config config, Path root, DataDirLock lock, Runnable onDone) {
        this.root = root;
        ProgressListener progress = new ProgressListener() {
            @Override
            public void phase(String name, long phaseTotal) {
                phase = name;
                total = phaseTotal;
                done = 0;
            }

            @Override
            public void progress(long doneSoFar, String detail) {
                done = doneSoFar;
            }
        };
        this.thread = new Thread(() -> {
            ExecutorService workers = Executors.newFixedThreadPool(config.threads(), DaemonThreads.numbered("chunk"));
            try {
                summary = IndexCommand.runLocked(config, root, workers, pass -> progress, stop::get);
                if (stop.get()) { // the session ended: it said "done" of a half-embedded index (a trial)
                    LOG.info("mcp: the background index run of {} stopped with the session; the next run (the index"
                            + " tool, `codeindex index` or a watch daemon) resumes from its last commit", root);
                } else {
                    LOG.info("mcp: the background index run of {} is done", root);
                }
            } catch (InterruptedException e) {
                error = "the background index run was interrupted";
            } catch (IOException | RuntimeException e) {
                error = e.getMessage() != null ? e.getMessage() : e.toString();
                LOG.warn("mcp: the background index run of {} failed", root, e);
            } finally {
                workers.shutdownNow();
                try {
                    lock.close();
                } catch (IOException e) {
                    LOG.warn("mcp: cannot release the lock of {}", root, e);
                }
                try {
                    onDone.run(); // before it says it is done: the index is searchable by then
                } finally {
                    running = false;
                }
            }
        }, "mcp-index");
        thread.setDaemon(true);
        thread.start();
    }

    boolean running() {
        return running;
    }

    String phase() {
        return phase;
    }

    long done() {
        return done;
    }

    /** -1 while unknown (the scan). */
    long total() {
        return total;
    }

    /** Why the last pass failed, or null. */
    String error() {
        return error;
    }

    /** For people: "started at T by the index tool", with what it is doing. */
    String describe() {
        String what = switch (phase) {
            case "start" -> "starting";
            case "scan" -> "scanning the tree, " + done + " files looked at";
            default -> phase + ": " + done + (total >= 0 ? " / " + total : "") + " files";
        };
        return "indexing " + root + " in the background (the index tool, started at " + startedAt + "): " + what;
    }

    /** Asks the pass to stop after its batch in flight and waits for it to commit, at most {@code seconds}. */
    void stop(long seconds) throws InterruptedException {
        stop.set(true);
        thread.join(TimeUnit.SECONDS.toMillis(seconds));
    }
}
