package dev.codeindex.daemon;

import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.embed.Embedder;
import dev.codeindex.index.ChunkSink;
import dev.codeindex.index.IndexRun;
import dev.codeindex.index.RootIndexer;
import dev.codeindex.index.RunSettings;
import dev.codeindex.index.SemanticSink;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.VectorStore;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import dev.codeindex.watch.methvin.MethvinTreeWatch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * A watched root wired from the real parts (walker, Java chunker, index runs over a real manifest,
 * io.methvin's watcher), as the CLI wires it, for end-to-end tests of the daemon; the caller picks
 * the sink (and with it the store and embedder) and finishes the builder.
 */
final class RealRoots {
    private RealRoots() {}

    /**
     * A started daemon over one real root whose sink embeds with {@code embedder} into {@code store}, with
     * quick watch settings; a pass with at least {@code twoPhaseMinFiles} files to read runs in two phases.
     */
    static Daemon semanticDaemon(Path root, Manifest manifest, Embedder embedder, VectorStore store,
                                 ExecutorService workers, long twoPhaseMinFiles) {
        WatchedRoot watched = of(root, manifest, new SemanticSink(embedder, store, manifest, "test"), workers,
                new RunSettings(50, 1 << 20, 1 << 20, 0, false), twoPhaseMinFiles)
                .settings(new WatchSettings(50, 500, 1000, 600_000, 1_000, 50, 400))
                .describedAs("embedded", "hash-8")
                .build();
        watched.start();
        return new Daemon(List.of(new Daemon.Root(watched, new Searcher(embedder, store))), "test-version",
                Clock.systemUTC());
    }

    static WatchedRoot.Builder of(Path root, Manifest manifest, ChunkSink sink, ExecutorService workers) {
        return of(root, manifest, sink, workers, new RunSettings(50, 1 << 20, 1 << 20, 0, false));
    }

    /** As {@link #of(Path, Manifest, ChunkSink, ExecutorService)}, with these batch settings. */
    static WatchedRoot.Builder of(Path root, Manifest manifest, ChunkSink sink, ExecutorService workers,
                                  RunSettings settings) {
        return of(root, manifest, sink, workers, settings, IndexRun.TWO_PHASE_MIN_FILES);
    }

    /**
     * As {@link #of(Path, Manifest, ChunkSink, ExecutorService, RunSettings)}; a pass with at least
     * {@code twoPhaseMinFiles} files to read runs in two phases when the sink can ({@code Long.MAX_VALUE}: never).
     */
    static WatchedRoot.Builder of(Path root, Manifest manifest, ChunkSink sink, ExecutorService workers,
                                  RunSettings settings, long twoPhaseMinFiles) {
        SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, TokenBudget.NONE,
                Map.of("java", new JavaStructureParser()), 2 << 20);
        Walker walker = new Walker(root, WalkOptions.defaults());
        return WatchedRoot.builder().root(root)
                .indexer(new RootIndexer(manifest, (progress, stop) -> IndexRun.builder().root(root)
                        .manifest(manifest).walker(walker).chunker(chunker).workers(workers)
                        .settings(settings)
                        .sink(sink).clock(Clock.systemUTC()).progress(progress).stopWhen(stop)
                        .twoPhaseMinFiles(twoPhaseMinFiles)
                        .twoPhaseMinBytes(twoPhaseMinFiles == Long.MAX_VALUE ? Long.MAX_VALUE : IndexRun.TWO_PHASE_MIN_BYTES)
                        .build()))
                .watchers(MethvinTreeWatch.factory(walker));
    }
}
