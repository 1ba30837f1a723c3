package dev.codeindex.cli;

import dev.codeindex.config.EmbedderConfig;
import dev.codeindex.embed.Embedder;
import dev.codeindex.util.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one embedder of a process and the threads a bundled model runs on, opened on first use. The
 * roots of a daemon share it (embedders are thread-safe), so a daemon holds one model instance
 * whatever the number of roots, and their embedding together stays within {@code threads}.
 */
final class SharedEmbedder implements AutoCloseable {
    private final EmbedderConfig config;
    private final int threads;
    private ExecutorService pool;
    private Embedder embedder;

    SharedEmbedder(EmbedderConfig config, int threads) {
        this.config = config;
        this.threads = threads;
    }

    /** @see Embedders#open for what opening throws; a failed open is retried by the next call */
    synchronized Embedder get() {
        if (embedder == null) {
            ExecutorService p = Executors.newFixedThreadPool(threads, DaemonThreads.numbered("embed"));
            try {
                embedder = Embedders.open(config, p);
                pool = p;
            } catch (RuntimeException | Error e) {
                p.shutdownNow();
                throw e;
            }
        }
        return embedder;
    }

    /** Whether {@code config} asks for the embedder this one holds (roots of a daemon share one config). */
    boolean serves(EmbedderConfig config) {
        return this.config.equals(config);
    }

    @Override
    public synchronized void close() {
        if (embedder != null) {
            try {
                embedder.close();
            } finally {
                pool.shutdownNow();
                embedder = null;
                pool = null;
            }
        }
    }
}
