package dev.codeindex.index;

import dev.codeindex.chunk.Chunk;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.EmbeddingText;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import dev.codeindex.util.DaemonThreads;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic index's side of a batch: old points of changed and deleted files go, new chunks are
 * embedded (only those whose text the vector cache has not seen for this model) and upserted, and
 * the store is committed, all before the manifest records the batch.
 */
public final class SemanticSink implements ChunkSink {
    private static final Logger log = LoggerFactory.getLogger(SemanticSink.class);
    /** Points per store call at most (a call's vectors may complete fewer files). */
    static final int UPSERT_BATCH = 256;

    private final Embedder embedder;
    private final VectorStore store;
    private final Manifest manifest;
    private final String collection;

    /**
     * Cached vectors are keyed by this and the chunk's text hash: the model, and the version of the
     * text embedded around a chunk (its header), so a new header format never reuses old vectors.
     */
    private final String cacheKey;

    public SemanticSink(Embedder embedder, VectorStore store, Manifest manifest, String collection) {
        this.cacheKey = embedder.modelId() + "#text" + EmbeddingText.VERSION;
        this.embedder = embedder;
        this.store = store;
        this.manifest = manifest;
        this.collection = collection;
    }

    /** Name-based, so a replayed batch overwrites its points instead of adding new ones. */
    static String pointId(String collection, String path, String chunkHash, int ordinal) {
        String name = collection + "\0" + path + "\0" + chunkHash + "\0" + ordinal;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Embeds the batch's new chunks and, for the leading files whose chunks all have vectors, removes
     * their old points and upserts the new ones, each file as soon as its vectors are in (while the
     * next embedding call runs), then commits the store. Without a stop that is every file; a stop
     * asked while the model works ends the embedding between two calls, so a daemon asked to stop
     * waits for one call, not for a whole batch. Vectors already computed for the files left out stay
     * in the cache and are not computed again.
     */
    @Override
    public int apply(List<FileOutcome> outcomes, List<ManifestEntry> olds, SinkCounters counters, IntConsumer stored,
                     BooleanSupplier stop) {
        return store(outcomes, olds, counters, stored, stop, true, true, true);
    }

    /**
     * The structural pass of a two-phase index: as {@link #apply}, but nothing is embedded. A chunk
     * whose vector the cache holds is stored with it (a re-run costs no embedding); any other is
     * stored without one, found by symbol and keyword search only, and its file's outcome in
     * {@code outcomes} is replaced by one whose entry says its vectors are pending.
     *
     * @throws UnsupportedOperationException when the store does not take points without vectors
     */
    @Override
    public int applyWithoutEmbedding(List<FileOutcome> outcomes, List<ManifestEntry> olds, SinkCounters counters) {
        if (!storesWithoutVectors()) {
            throw new UnsupportedOperationException("the store does not take points without vectors");
        }
        return store(outcomes, olds, counters, n -> { }, () -> false, false, true, true);
    }

    /**
     * The embedding pass: the chunks of files stored without vectors (as recorded, same ids) are
     * embedded and upserted with them, replacing their vectorless points; the store is committed.
     */
    @Override
    public int embedPending(List<FileOutcome> files, SinkCounters counters, IntConsumer stored, BooleanSupplier stop) {
        return store(files, null, counters, stored, stop, true, false, false);
    }

    @Override
    public boolean storesWithoutVectors() {
        return store.acceptsPointsWithoutVectors();
    }

    @Override
    public boolean embedsAtIndexingPace() {
        return embedder.keepsPaceWithIndexing();
    }

    /**
     * @param olds      the entries the outcomes replace; null when none is replaced (the points keep their ids)
     * @param embed     embed the chunks the cache does not have; else store them without vectors
     * @param replace   delete the old points of changed files first
     * @param behind    return with the store's commit queued behind the batch's writes ({@link #awaitCommitted});
     *                  else return once it is done
     */
    private int store(List<FileOutcome> outcomes, List<ManifestEntry> olds, SinkCounters counters, IntConsumer stored,
                      BooleanSupplier stop, boolean embed, boolean replace, boolean behind) {
        List<Chunk> fresh = new ArrayList<>();
        List<String> freshIds = new ArrayList<>();
        int[] fileEnds = new int[outcomes.size()]; // fresh.size() after each file's chunks
        for (int i = 0; i < outcomes.size(); i++) {
            FileOutcome o = outcomes.get(i);
            if (o.kind() == FileOutcome.Kind.MOVED || o.kind() == FileOutcome.Kind.COPIED) {
                throw new IllegalStateException("chunk-list reuse is off for the semantic index: " + o);
            }
            List<Chunk> chunks = o.chunks();
            for (int k = 0; k < chunks.size(); k++) {
                fresh.add(chunks.get(k));
                freshIds.add(pointId(collection, o.relPath(), chunks.get(k).hash(), k));
            }
            fileEnds[i] = fresh.size();
        }
        FilesEmbedded progress = new FilesEmbedded(fresh, fileEnds, stored);
        Writer writer = new Writer(outcomes, olds, fresh, freshIds, fileEnds, counters, replace);
        Map<String, float[]> vectors;
        int files;
        try {
            if (embed) {
                vectors = vectors(fresh, counters, progress, stop, writer);
                files = progress.files;
            } else {
                vectors = cachedVectors(fresh, counters);
                files = outcomes.size();
            }
            writer.upTo(files, vectors);
        } catch (RuntimeException | Error e) {
            writes.settleAfter(e); // the writes queued still run, uncommitted; none runs once this returns
            throw e;
        }
        if (behind) {
            commits.add(writes.add(store::commit));
        } else {
            writes.settle();
            store.commit();
        }
        if (!embed) {
            for (int i = 0, from = 0; i < files; from = fileEnds[i], i++) {
                FileOutcome o = outcomes.get(i);
                boolean missing = false;
                for (int k = from; k < fileEnds[i] && !missing; k++) {
                    missing = !vectors.containsKey(fresh.get(k).hash());
                }
                if (missing) {
                    outcomes.set(i, new FileOutcome(o.relPath(), o.kind(), o.entry().withVectorsPending(true),
                            o.chunks(), o.reusedFrom(), o.encodingFallback()));
                }
            }
        }
        return files;
    }

    /** The vectors of these chunks the cache holds, by text hash; only those count (as reused). */
    private Map<String, float[]> cachedVectors(List<Chunk> chunks, SinkCounters counters) {
        Map<String, float[]> out = new HashMap<>();
        java.util.Set<String> missing = new java.util.HashSet<>();
        for (Chunk c : chunks) {
            if (out.containsKey(c.hash())) {
                counters.chunksReused(1);
            } else if (!missing.contains(c.hash())) {
                float[] cached = manifest.cachedVector(cacheKey, c.hash(), embedder.dimension()).orElse(null);
                if (cached != null) {
                    out.put(c.hash(), cached);
                    counters.chunksReused(1);
                } else {
                    missing.add(c.hash()); // embedded, and counted, by the embedding pass
                }
            }
        }
        return out;
    }

    /**
     * Writes a batch's files to the store in order, each once all its chunks have vectors (or, in a
     * structural pass, at once): its old points are deleted first (a chunk that did not change keeps
     * its id), then its new points are upserted, {@link #UPSERT_BATCH} at a time. The store's calls run
     * on a thread of their own ({@link StoreWrites}), so the store's work (the vector graph and the
     * keyword index) overlaps the rest of the batch's (the vector cache, the next file's points).
     */
    private final class Writer {
        private final List<FileOutcome> outcomes;
        private final List<ManifestEntry> olds;
        private final List<Chunk> fresh;
        private final List<String> freshIds;
        private final int[] fileEnds;
        private final SinkCounters counters;
        private final boolean replace;
        private List<StoredChunk> points = new ArrayList<>();
        private int written;

        Writer(List<FileOutcome> outcomes, List<ManifestEntry> olds, List<Chunk> fresh, List<String> freshIds,
               int[] fileEnds, SinkCounters counters, boolean replace) {
            this.outcomes = outcomes;
            this.olds = olds;
            this.fresh = fresh;
            this.freshIds = freshIds;
            this.fileEnds = fileEnds;
            this.counters = counters;
            this.replace = replace;
        }

        /**
         * Writes the files before {@code files} not yet written, with these vectors: their deletes and
         * upserts are queued when this returns, and in the store once the batch's writes settle (the
         * store works on them while the next call embeds).
         */
        void upTo(int files, Map<String, float[]> vectors) {
            for (; written < files; written++) {
                FileOutcome o = outcomes.get(written);
                ManifestEntry old = replace ? olds.get(written) : null;
                if (old != null && o.kind() != FileOutcome.Kind.SAME_CONTENT && old.state() == FileState.INDEXED) {
                    flush(); // the file's old points go after what came before it and before its new ones
                    String path = o.relPath();
                    writes.add(() -> store.deleteByPath(path));
                    counters.chunksDeleted(old.chunks().size());
                }
                for (int k = written == 0 ? 0 : fileEnds[written - 1]; k < fileEnds[written]; k++) {
                    Chunk c = fresh.get(k);
                    points.add(new StoredChunk(freshIds.get(k), c.path(), c.startLine(), c.endLine(), c.symbol(),
                            c.kind(), c.language(), c.text(), c.hash(), vectors.get(c.hash()), c.regionStart(),
                            c.regionEnd()));
                    if (points.size() == UPSERT_BATCH) {
                        flush();
                    }
                }
            }
            flush();
        }

        void flush() {
            if (!points.isEmpty()) {
                List<StoredChunk> batch = points;
                writes.add(() -> store.upsert(batch));
                points = new ArrayList<>(UPSERT_BATCH);
            }
        }
    }

    /** The store's writes and commits, in the order asked, across batches. */
    private final StoreWrites writes = new StoreWrites();
    /** Commits queued by {@link #apply} and {@link #applyWithoutEmbedding} not yet waited for, oldest first. */
    private final ArrayDeque<CompletableFuture<Void>> commits = new ArrayDeque<>();

    @Override
    public boolean commitsBehind() {
        return true;
    }

    @Override
    public void awaitCommitted() {
        CompletableFuture<Void> oldest = commits.poll();
        if (oldest != null) {
            StoreWrites.join(oldest);
        }
    }

    @Override
    public void settleQuietly() {
        commits.clear();
        try {
            writes.settle();
        } catch (RuntimeException | Error e) {
            log.debug("store writes after a failure: {}", e.toString());
        }
    }

    /** Runs the store's writes and commits, those of one sink one after another ({@link StoreWrites}). */
    private static final ExecutorService STORE_WRITER = daemonThreads("store-writer");

    /** A pool of daemon threads of this name, made as they are needed. */
    private static ExecutorService daemonThreads(String name) {
        return Executors.newCachedThreadPool(DaemonThreads.named(name));
    }

    /** Throws {@code cause} as it is when it is unchecked (a failure another thread met); else returns. */
    private static void throwIfUnchecked(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
    }

    /**
     * The store's writes (and the commit behind each batch's writes), run one after another in the order
     * added, on a {@link #STORE_WRITER} thread, at most {@link #QUEUED} waiting (so at most that many upserts' points
     * are held). A write that fails skips every write after it; its failure is thrown, as the store
     * threw it, by an {@link #add} after it or by {@link #settle}. A batch's commit is added after its
     * writes, so it runs only once they all have.
     */
    private static final class StoreWrites {
        static final int QUEUED = 2;
        private final ArrayDeque<CompletableFuture<Void>> pending = new ArrayDeque<>();
        private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

        /** Queues a write; the future returned is done once it has run (or been skipped after a failure). */
        CompletableFuture<Void> add(Runnable write) {
            if (last.isCompletedExceptionally()) {
                settle(); // a write failed: the batch ends here, not after more embedding
            }
            CompletableFuture<Void> added = last.thenRunAsync(write, STORE_WRITER);
            last = added;
            pending.add(added);
            while (pending.size() > QUEUED) {
                join(pending.remove());
            }
            return added;
        }

        /** Waits for every write added; throws the first failure. Writes added after this start afresh. */
        void settle() {
            pending.clear();
            CompletableFuture<Void> all = last;
            last = CompletableFuture.completedFuture(null);
            join(all);
        }

        /** Waits for the writes under way once {@code failure} has ended the batch; theirs is added to it. */
        void settleAfter(Throwable failure) {
            try {
                settle();
            } catch (RuntimeException | Error e) {
                if (e != failure) {
                    failure.addSuppressed(e);
                }
            }
        }

        static void join(CompletableFuture<Void> write) {
            try {
                write.join();
            } catch (CompletionException e) {
                throwIfUnchecked(e.getCause());
                throw e;
            }
        }
    }

    /** Runs the embedding call ahead of the one whose vectors are being stored. */
    private static final ExecutorService AHEAD = daemonThreads("embed-ahead");

    private Future<List<float[]>> embedAhead(List<Chunk> group) {
        return AHEAD.submit(() -> {
            List<String> texts = new ArrayList<>(group.size());
            for (Chunk c : group) {
                texts.add(EmbeddingText.of(c));
            }
            return embedder.embed(texts);
        });
    }

    /** The vectors of a call made by {@link #embedAhead}, its failure thrown as the embedder threw it. */
    private static List<float[]> await(Future<List<float[]>> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throwIfUnchecked(e.getCause());
            throw new IllegalStateException("embedding failed", e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new dev.codeindex.embed.EmbedderUnavailableException("interrupted while embedding", e);
        }
    }

    /**
     * Vectors of these chunks by text hash: from the cache, else embedded now and cached. Files are
     * written as their vectors complete, while the next call to the embedder runs: the store's work
     * (the vector graph above all) overlaps the model's or the server's, where it used to wait for it.
     * A stop asked is seen between calls; the call already running is finished and stored.
     */
    private Map<String, float[]> vectors(List<Chunk> chunks, SinkCounters counters, FilesEmbedded progress,
                                         BooleanSupplier stop, Writer writer) {
        Map<String, float[]> out = new HashMap<>();
        Map<String, Chunk> missing = new LinkedHashMap<>();
        for (Chunk c : chunks) {
            if (out.containsKey(c.hash()) || missing.containsKey(c.hash())) {
                counters.chunksReused(1);
                continue;
            }
            float[] cached = manifest.cachedVector(cacheKey, c.hash(), embedder.dimension()).orElse(null);
            if (cached != null) {
                out.put(c.hash(), cached);
                counters.chunksReused(1);
            } else {
                missing.put(c.hash(), c);
            }
        }
        List<Chunk> todo = new ArrayList<>(missing.values());
        int perCall = embedder.textsPerCall();
        int from = 0;
        Future<List<float[]>> ahead = !todo.isEmpty() && !stop.getAsBoolean()
                ? embedAhead(todo.subList(0, Math.min(todo.size(), perCall))) : null;
        try {
            progress.advance(out); // files whose vectors were all cached
            writer.upTo(progress.files, out);
            while (ahead != null) {
                List<Chunk> group = todo.subList(from, Math.min(todo.size(), from + perCall));
                List<float[]> v = await(ahead);
                int next = from + group.size();
                ahead = next < todo.size() && !stop.getAsBoolean()
                        ? embedAhead(todo.subList(next, Math.min(todo.size(), next + perCall))) : null;
                for (int k = 0; k < group.size(); k++) {
                    out.put(group.get(k).hash(), v.get(k));
                    manifest.cacheVector(cacheKey, group.get(k).hash(), v.get(k));
                }
                counters.chunksEmbedded(group.size());
                progress.advance(out);
                writer.upTo(progress.files, out);
                from = next;
            }
        } finally {
            if (ahead != null) {
                ahead.cancel(true); // failed while it ran: its vectors are not wanted
            }
        }
        return out;
    }

    /** Reports how many leading files of a batch have vectors for all their chunks. */
    private static final class FilesEmbedded {
        private final List<Chunk> fresh;
        private final int[] fileEnds;
        private final IntConsumer stored;
        private int files;
        private int chunk;

        FilesEmbedded(List<Chunk> fresh, int[] fileEnds, IntConsumer stored) {
            this.fresh = fresh;
            this.fileEnds = fileEnds;
            this.stored = stored;
        }

        void advance(Map<String, float[]> vectors) {
            int before = files;
            while (files < fileEnds.length) {
                while (chunk < fileEnds[files] && vectors.containsKey(fresh.get(chunk).hash())) {
                    chunk++;
                }
                if (chunk < fileEnds[files]) {
                    break;
                }
                files++;
            }
            if (files > before) {
                stored.accept(files);
            }
        }
    }

    @Override
    public void removed(List<String> paths, List<ManifestEntry> olds, SinkCounters counters) {
        writes.settle(); // after what the batches before queued
        for (int i = 0; i < paths.size(); i++) {
            ManifestEntry old = olds.get(i);
            if (old != null && old.state() == FileState.INDEXED) {
                store.deleteByPath(paths.get(i));
                counters.chunksDeleted(old.chunks().size());
            }
        }
        store.commit();
    }

    /** See {@link Reconciler}: the points it deletes count as deleted in this run. */
    @Override
    public void reconcile(SinkCounters counters) {
        writes.settle();
        counters.chunksDeleted(new Reconciler(manifest, store, collection).reconcile().pointsDeleted());
    }

    @Override
    public boolean doneWhenChunked() {
        return false;
    }

    @Override
    public boolean reusesChunkRefs() {
        return false;
    }
}
