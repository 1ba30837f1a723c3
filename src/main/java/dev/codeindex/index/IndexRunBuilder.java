package dev.codeindex.index;

import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.walk.Walker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Names the parts of an {@link IndexRun}, from {@link IndexRun#builder()}. Root, manifest, walker,
 * chunker, workers and settings are required; the rest default to what a plain offline run uses:
 * no sink ({@link ChunkSink#OFFLINE}), the system clock in UTC, no progress
 * ({@link ProgressListener#NONE}) and no stop.
 *
 * <p>Not thread-safe; {@link #build} copies what was set, so one builder may build several runs.
 */
public final class IndexRunBuilder {
    Path root;
    Manifest manifest;
    Walker walker;
    SourceChunker chunker;
    ExecutorService workers;
    RunSettings settings;
    ChunkSink sink = ChunkSink.OFFLINE;
    Clock clock = Clock.systemUTC();
    ProgressListener progress = ProgressListener.NONE;
    BooleanSupplier stopRequested = () -> false;
    long twoPhaseMinFiles = IndexRun.TWO_PHASE_MIN_FILES;
    long twoPhaseMinBytes = IndexRun.TWO_PHASE_MIN_BYTES;

    IndexRunBuilder() {}

    /** The directory indexed; the manifest's paths are relative to it. */
    public IndexRunBuilder root(Path root) {
        this.root = root;
        return this;
    }

    /** The root's manifest; the run is its only writer while it runs. */
    public IndexRunBuilder manifest(Manifest manifest) {
        this.manifest = manifest;
        return this;
    }

    /** Walks {@link #root} for the scan. */
    public IndexRunBuilder walker(Walker walker) {
        this.walker = walker;
        return this;
    }

    public IndexRunBuilder chunker(SourceChunker chunker) {
        this.chunker = chunker;
        return this;
    }

    /** Where files are read, hashed and chunked; shared with other runs, never shut down by one. */
    public IndexRunBuilder workers(ExecutorService workers) {
        this.workers = workers;
        return this;
    }

    public IndexRunBuilder settings(RunSettings settings) {
        this.settings = settings;
        return this;
    }

    /** Where chunks go besides the manifest: {@link ChunkSink#OFFLINE} or a {@link SemanticSink}. */
    public IndexRunBuilder sink(ChunkSink sink) {
        this.sink = sink;
        return this;
    }

    /** Times the phases and stamps the checkpoints. */
    public IndexRunBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Told of this run's phases and progress. */
    public IndexRunBuilder progress(ProgressListener progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Asked between batches, and by the sink while it works; once true, the run commits the batch in
     * flight (or the part of it the sink finished) and returns.
     */
    public IndexRunBuilder stopWhen(BooleanSupplier stopRequested) {
        this.stopRequested = stopRequested;
        return this;
    }

    /**
     * A pass with at least this many files to read runs in two phases when its sink can store chunks
     * without vectors ({@link ChunkSink#storesWithoutVectors()}); default {@link IndexRun#TWO_PHASE_MIN_FILES}.
     */
    public IndexRunBuilder twoPhaseMinFiles(long files) {
        if (files < 0) {
            throw new IllegalArgumentException("twoPhaseMinFiles < 0: " + files);
        }
        this.twoPhaseMinFiles = files;
        return this;
    }

    /**
     * A pass with at least two files and this many bytes to read runs in two phases when its sink can;
     * default {@link IndexRun#TWO_PHASE_MIN_BYTES}; {@code Long.MAX_VALUE}: by file count alone.
     */
    public IndexRunBuilder twoPhaseMinBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("twoPhaseMinBytes < 0: " + bytes);
        }
        this.twoPhaseMinBytes = bytes;
        return this;
    }

    /** @throws NullPointerException naming a part that is missing */
    public IndexRun build() {
        Objects.requireNonNull(root, "IndexRun needs a root");
        Objects.requireNonNull(manifest, "IndexRun needs a manifest");
        Objects.requireNonNull(walker, "IndexRun needs a walker");
        Objects.requireNonNull(chunker, "IndexRun needs a chunker");
        Objects.requireNonNull(workers, "IndexRun needs workers");
        Objects.requireNonNull(settings, "IndexRun needs settings");
        Objects.requireNonNull(sink, "IndexRun needs a sink");
        Objects.requireNonNull(clock, "IndexRun needs a clock");
        Objects.requireNonNull(progress, "IndexRun needs a progress listener");
        Objects.requireNonNull(stopRequested, "IndexRun needs a stop condition");
        return new IndexRun(this);
    }
}
