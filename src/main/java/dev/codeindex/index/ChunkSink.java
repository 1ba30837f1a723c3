package dev.codeindex.index;

import dev.codeindex.manifest.ManifestEntry;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Where a batch's chunks go besides the manifest: nowhere for the offline analysis, the embedder
 * and the vector store for the semantic index. Called on the indexing thread before the manifest
 * takes the batch; when a call returns, what it wrote is durable (the manifest is never ahead), or,
 * for a sink that {@link #commitsBehind commits behind} the batch's writes, durable once
 * {@link #awaitCommitted} has returned for it, which the run waits for before the manifest commits.
 *
 * <p>Errors: a failure (the embedder or the store unavailable, say) is thrown as it is; the run
 * then ends without committing the batch to the manifest, so the next run does it again.
 */
public interface ChunkSink {
    ChunkSink OFFLINE = new ChunkSink() {
        @Override
        public int apply(List<FileOutcome> outcomes, List<ManifestEntry> olds, SinkCounters counters,
                         IntConsumer stored, BooleanSupplier stop) {
            return outcomes.size();
        }

        @Override
        public void removed(List<String> paths, List<ManifestEntry> olds, SinkCounters counters) {}

        @Override
        public boolean reusesChunkRefs() {
            return true;
        }
    };

    /**
     * Stores the chunks of one batch and removes the points they replace.
     *
     * @param counters told what the sink embedded, reused and deleted
     * @param stored told, as the sink goes, how many leading outcomes of the batch it has dealt with
     *               (for progress while a long batch is embedded); unused when {@link #doneWhenChunked}
     * @param stop   asked while the sink works; once true, a sink whose work is long may store only
     *               the leading outcomes it has finished
     * @return how many leading outcomes are stored: the caller records only those in the manifest,
     *         the rest stay pending (all of them unless {@code stop} became true)
     */
    int apply(List<FileOutcome> outcomes, List<ManifestEntry> olds, SinkCounters counters, IntConsumer stored,
              BooleanSupplier stop);

    /**
     * Whether this sink can store a batch before its vectors exist (a store that takes points without
     * vectors): then a pass with many files to embed runs in two phases, {@link #applyWithoutEmbedding}
     * over the whole tree, then {@link #embedPending} over the files it left pending.
     */
    default boolean storesWithoutVectors() {
        return false;
    }

    /**
     * Whether embedding keeps pace with reading and chunking ({@link dev.codeindex.embed.Embedder#keepsPaceWithIndexing}):
     * then a pass runs in one phase even with many files to embed, since a second phase would read and
     * store every file twice for nothing.
     */
    default boolean embedsAtIndexingPace() {
        return false;
    }

    /**
     * As {@link #apply}, without embedding: chunks are stored with the vectors already known, the rest
     * without, and each outcome of a file left with chunks to embed is replaced in {@code outcomes}
     * (a mutable list) by one whose entry has {@code vectorsPending} set. Every outcome is stored.
     *
     * @return {@code outcomes.size()}
     * @throws UnsupportedOperationException unless {@link #storesWithoutVectors}
     */
    default int applyWithoutEmbedding(List<FileOutcome> outcomes, List<ManifestEntry> olds, SinkCounters counters) {
        throw new UnsupportedOperationException("this sink cannot store chunks without their vectors");
    }

    /**
     * Embeds the chunks of files that {@link #applyWithoutEmbedding} stored without vectors (outcomes
     * chunked again from the same content, so their points keep their ids) and stores them with their
     * vectors; the store is committed before it returns.
     *
     * @return how many leading files have their vectors stored (all unless {@code stop} became true)
     * @throws UnsupportedOperationException unless {@link #storesWithoutVectors}
     */
    default int embedPending(List<FileOutcome> files, SinkCounters counters, IntConsumer stored, BooleanSupplier stop) {
        throw new UnsupportedOperationException("this sink cannot store chunks without their vectors");
    }

    /**
     * Whether a file counts as done for progress once it is chunked, because what the sink does
     * with a batch is quick; otherwise progress follows the sink's {@code stored} reports.
     */
    default boolean doneWhenChunked() {
        return true;
    }

    /**
     * Waits until the store has committed the oldest batch that {@link #apply} or
     * {@link #applyWithoutEmbedding} returned while its commit was still queued behind its writes, and
     * throws the store's failure if it did not; the caller commits the manifest for that batch only
     * after this. Every batch so returned is waited for once, in order. A sink whose store is committed
     * before {@code apply} returns (the default) has nothing to wait for.
     */
    default void awaitCommitted() {}

    /**
     * Whether {@link #apply} and {@link #applyWithoutEmbedding} return with the store's commit still
     * queued (then the caller calls {@link #awaitCommitted} before committing the manifest for that batch).
     */
    default boolean commitsBehind() {
        return false;
    }

    /**
     * Waits until nothing the sink queued for its store runs any more, after a failure: what failed is
     * not thrown again (the caller has its own failure to report).
     */
    default void settleQuietly() {}

    /** Removes the points of paths that are gone. */
    void removed(List<String> paths, List<ManifestEntry> olds, SinkCounters counters);

    /**
     * Called at the start of every full pass, before the scan: makes what the sink's store holds
     * agree with the manifest (docs/ARCHITECTURE.md, invariant 9): files whose points were lost are found new by
     * the scan. Nothing to do for the offline analysis.
     */
    default void reconcile(SinkCounters counters) {}

    /**
     * Whether a moved or copied file may take another entry's chunk list without chunk texts. The
     * semantic sink needs the texts (the store keeps them), so files are chunked again there; their
     * vectors still come from the cache.
     */
    boolean reusesChunkRefs();
}
