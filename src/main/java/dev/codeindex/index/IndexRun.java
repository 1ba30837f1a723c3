package dev.codeindex.index;

import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.manifest.Checkpoint;
import dev.codeindex.manifest.Checkpoint.Phase;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.PendingFile;
import dev.codeindex.util.Jit;
import dev.codeindex.walk.Walker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bounded batch pass over a root: scan (a stat per file; a read too where content is compared),
 * then read, hash and chunk the pending files in batches on the worker pool, committing the manifest
 * after each complete batch, then remove what is gone. A run killed at any point loses at most the
 * batch in flight (with a sink that commits its store behind the batch's writes, also the batch before
 * it, whose store commit was still under way; its vectors stay cached); the next run's scan finds
 * exactly the work that is left, so it ends where an uninterrupted run would. A run that fails rather
 * than dies keeps every batch the store committed.
 *
 * <p>Two phases, when the sink's store takes points without vectors, the scan found at least
 * {@link #TWO_PHASE_MIN_FILES} files to read, or at least two files and {@link #TWO_PHASE_MIN_BYTES}
 * (a first index, even of a small tree; a branch switch), and the embedder is
 * slower than reading and chunking (any model on this machine's CPU; a server that does not keep
 * pace, {@link ChunkSink#embedsAtIndexingPace}): the index phase stores
 * every chunk without embedding it (vectors the cache already holds are stored with it), so keyword and
 * symbol search cover the whole tree at about the pace of an offline pass, and marks the files it left
 * without vectors "vectors pending". Then the embed phase works through the manifest's queue of those
 * files in {@link EmbedOrder}: re-read, check the content is still what the manifest recorded, chunk,
 * embed, store with vectors, commit the store, then clear the files' flags. Its first batches are small
 * (1, 2, 4 … files up to a full batch), so the first vectors are searchable within seconds of the phase's
 * start, not after a whole batch at the model's pace. Every pass that finds the
 * queue non-empty (one killed in the embed phase, say) drains it, whatever its own size.
 */
public final class IndexRun {
    private static final Logger log = LoggerFactory.getLogger(IndexRun.class);

    private final Path root;
    private final Manifest manifest;
    private final Walker walker;
    private final SourceChunker chunker;
    private final FileProcessor processor;
    private final ExecutorService workers;
    private final RunSettings settings;
    private final ProgressListener progress;
    private final Clock clock;
    private final BooleanSupplier stopRequested;
    private final ChunkSink sink;
    private final long twoPhaseMinFiles;
    private final long twoPhaseMinBytes;
    /** Once true, the embed phase ends between two batches, the run counting as complete (the daemon's waiting changes). */
    private BooleanSupplier giveWay = () -> false;
    /** The scan ended early at a stop: this run stops too, unfinished. */
    private volatile boolean scanCut;

    private boolean stopped() {
        return stopRequested.getAsBoolean();
    }

    /** The index phase of this run stores chunks without embedding them (set after the scan). */
    private boolean structural;

    /**
     * Files to read from which a pass runs in two phases (when its sink can): about one default batch. Also
     * the size from which a pass counts as large for the JIT ({@link Jit}).
     */
    public static final long TWO_PHASE_MIN_FILES = 256;
    /**
     * Bytes to read from which a pass of two files or more runs in two phases (when its sink can): a few
     * seconds of the bundled model on two cores. A smaller tree would otherwise be embedded in one batch,
     * with nothing searchable (not even by keyword) until the model is through it; a single file (an edit)
     * stays in one phase, searchable with its vectors at once.
     */
    public static final long TWO_PHASE_MIN_BYTES = 32 << 10;

    IndexRun(IndexRunBuilder b) {
        this.root = b.root;
        this.manifest = b.manifest;
        this.walker = b.walker;
        this.chunker = b.chunker;
        this.workers = b.workers;
        this.settings = b.settings;
        this.sink = b.sink;
        this.clock = b.clock;
        this.progress = b.progress;
        BooleanSupplier asked = b.stopRequested;
        // once a scan that compares content ended at a stop, the run stays stopped even if the stop is
        // released (a pause lifted at once): it found only part of the work, and must not end as done
        this.stopRequested = () -> scanCut || asked.getAsBoolean();
        this.twoPhaseMinFiles = b.twoPhaseMinFiles;
        this.twoPhaseMinBytes = b.twoPhaseMinBytes;
        this.processor = new FileProcessor(root, new SourceReader(settings.maxFileSize()), chunker, manifest,
                sink.reusesChunkRefs());
    }

    /**
     * A run to configure by name: the long-lived parts of a root (root, manifest, walker, chunker,
     * workers, settings, sink, clock) and those of one run (progress, stop).
     */
    public static IndexRunBuilder builder() {
        return new IndexRunBuilder();
    }

    /**
     * Lets the embed phase end early, between two model calls, once {@code giveWay} is true and a file
     * of the phase has its vectors stored: the run ends
     * as complete, with files still queued for their vectors; any later pass goes on with them. Set
     * before {@link #run}.
     */
    public void giveWayWhen(BooleanSupplier giveWay) {
        this.giveWay = java.util.Objects.requireNonNull(giveWay);
    }

    /**
     * A full pass: scans the whole tree against the manifest, then does the work found. A file whose
     * size and mtime are what the manifest records is taken as unchanged, unread.
     */
    public IndexSummary run() throws IOException, InterruptedException {
        return run(null, false);
    }

    /**
     * A full pass that also reads every file whose size and mtime are unchanged and compares its
     * content with the manifest's hash: what a user's request for a rescan does, since it may follow
     * changes that kept the stat (a copy that keeps the mtime). Costs a read of the tree; finds the
     * same work as {@link #run} otherwise.
     */
    public IndexSummary runComparingContent() throws IOException, InterruptedException {
        return run(null, true);
    }

    /**
     * A pass over changed paths only (the watcher's hints, a path a user asked for): each path, and
     * everything under it when it is a directory, is compared with the manifest, by content when its
     * stat is unchanged; then the work found is done, along with any left by an earlier pass that failed.
     */
    public IndexSummary runPaths(Collection<String> paths) throws IOException, InterruptedException {
        return run(paths, true);
    }

    private IndexSummary run(Collection<String> paths, boolean compareContent) throws IOException, InterruptedException {
        long t0 = clock.millis();
        Checkpoint previous = manifest.checkpoint();
        boolean resumed = previous.unfinished();
        if (resumed && (previous.filesDone() > 0 || previous.phase() != Phase.SCAN)) {
            log.info("resuming: the previous run ({}) stopped in phase '{}' after {} of {} files", previous.runId(),
                    previous.phase().id(), previous.filesDone(), previous.filesTotal());
        } else if (resumed) { // a pass that failed in its scan, retried (a root that is gone): nothing to resume
            log.debug("the previous run ({}) stopped in its scan", previous.runId());
        }
        Checkpoint cp = new Checkpoint(UUID.randomUUID().toString(), Phase.SCAN, 0, 0, 0, "", false, t0, t0);
        // after a pass that finished, the work list is empty (its last commit drained it, and anything
        // that committed after it started left another phase); clearing an empty list is not free:
        // MapDB walks every emptied leaf of it (78k files' worth: ~20% of a no-change scan)
        long kept = 0;
        if (paths == null && previous.phase() != Phase.DONE) {
            List<PendingFile> found = contentFindings();
            manifest.clearWork();
            found.forEach(manifest::addPending);
            kept = found.size();
        }
        manifest.saveCheckpoint(cp);
        manifest.commit();
        progress.committed();

        RunCounters counters = new RunCounters();
        if (paths == null) {
            sink.reconcile(counters); // the store must hold what the manifest says before the scan trusts it
        }
        progress.phase("scan", -1);
        Scanner scanner = new Scanner(walker, manifest, chunker.fingerprint(), settings.maxFiles(), settings.maxFileSize(),
                progress, stopRequested);
        ScanResult scan = paths == null ? scanner.scan(compareContent) : scanner.scanPaths(paths);
        scanCut = scan.stopped();
        if (scan.rechunk() > 0) {
            log.info("{} unchanged files are read and chunked again: they were chunked by another chunker version or"
                    + " other chunk settings (codeindex was upgraded, or the config changed)", scan.rechunk());
        }
        long total = paths == null ? scan.pending() + scan.gone() + kept : manifest.pendingCount() + manifest.goneCount();
        cp = cp.advance(Phase.INDEX, 0, total, 0, "", clock.millis());
        manifest.saveCheckpoint(cp);
        manifest.commit();
        progress.committed();
        long tScan = clock.millis();
        counters.unchanged += scan.unchanged();
        log.debug("scan: {} files, {} unchanged, {} to index, {} gone, {} ignored", scan.seen(), scan.unchanged(),
                scan.pending(), scan.gone(), scan.ignored());

        long toRead = manifest.pendingCount();
        // the pace is asked last: an embedding server answers it with a timed call
        structural = sink.storesWithoutVectors()
                && (toRead >= Math.max(1, twoPhaseMinFiles) || toRead >= 2 && scan.pendingBytes() >= twoPhaseMinBytes
                        && paths == null && manifest.totals().getOrDefault("files", 0L) == 0)
                && !sink.embedsAtIndexingPace();
        if (structural) {
            log.info("two phases: {} files to read are stored for keyword and symbol search first, embedded after",
                    toRead);
        }
        progress.phase("index", total);
        progress.work(scan.pendingBytes());
        long queued = sink.storesWithoutVectors() ? manifest.vectorQueueSize() : 0;
        // a large pass keeps its reading, chunking and keyword writing from C2, a large structural pass all of its
        // code but the JDK's, as the offline pass does (util.Jit)
        try (Jit.Pass large = Math.max(toRead, queued) >= TWO_PHASE_MIN_FILES ? Jit.largePass() : null) {
            try (Jit.Pass jit = structural && toRead >= TWO_PHASE_MIN_FILES ? Jit.structuralPass() : null) {
                cp = indexPending(cp, counters);
            }
            if (!stopped()) {
                cp = removeGone(cp, counters);
            }
            if (!stopped() && sink.storesWithoutVectors() && manifest.vectorQueueSize() > 0) {
                long t = clock.millis();
                long before = counters.chunksEmbedded;
                cp = embedQueued(cp, counters);
                counters.embedMs += clock.millis() - t;
                counters.queuedEmbedMs += clock.millis() - t;
                counters.queuedEmbedded += counters.chunksEmbedded - before;
            }
        }
        long tEnd = clock.millis();
        boolean complete = !stopped();
        cp = complete ? cp.finished(tEnd)
                : new Checkpoint(cp.runId(), cp.phase(), cp.filesDone(), cp.filesTotal(), cp.batchesCommitted(),
                        cp.lastCommittedPath(), true, cp.startedAt(), tEnd);
        manifest.saveCheckpoint(cp);
        manifest.commit();
        progress.committed();
        progress.finished();

        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("scan", tScan - t0);
        phases.put("chunk", counters.chunkMs);
        phases.put("embed", counters.embedMs);
        phases.put("store", 0L); // store writes are timed with the embedding they follow
        phases.put("commit", counters.commitMs);
        return SummaryBuilder.build(root, settings.offline(), scan, counters, manifest.totals(), resumed,
                tEnd - t0, phases);
    }

    /**
     * Pipelined: while one batch is stored (embedded, written to the store, committed to the
     * manifest) on this thread, the next batch is read and chunked on the workers. So at most two
     * batches are in memory, one chunked and one being stored; the model (or the manifest's disk
     * writes) never waits for chunking, and the order of commits is the order of batches. Workers
     * only read the manifest while this thread writes it (reads {@link Manifest} allows); their
     * reads touch other paths than the batch being stored, except for copy detection, which may
     * or may not see the batch before, with the same resulting entries either way.
     */
    private Checkpoint indexPending(Checkpoint cp, RunCounters counters) throws InterruptedException {
        AtomicLong chunked = new AtomicLong(cp.filesDone());
        shown = cp.filesDone(); // before any worker starts: the submit publishes it
        ChunkingBatch current = startBatch("", chunked);
        ChunkingBatch next = null;
        try {
            while (current != null && !stopped()) {
                List<FileOutcome> outcomes = current.outcomes();
                counters.chunkMs += current.chunkMs();
                next = stopped() ? null : startBatch(current.last(), chunked);
                cp = store(current, outcomes, cp, counters);
                current = next;
                next = null;
            }
            commitBehind(counters);
        } catch (Throwable failure) {
            settleBehind(failure);
            throw failure;
        } finally {
            // a failed or stopped run returns only when no worker still reads for it
            if (current != null) {
                current.drain();
            }
            if (next != null) {
                next.drain();
            }
        }
        return cp;
    }

    /**
     * What the manifest holds, uncommitted, of a batch whose store commit was queued behind its writes
     * ({@link ChunkSink#commitsBehind}): nothing, the batch's writes under way, all of them, or all of them
     * with the store's commit of the batch awaited (once awaited, the sink holds no other word of that
     * commit: a failure from here on rolls the batch back).
     */
    private enum Behind { NONE, WRITING, RECORDED, AWAITING }

    private Behind behind = Behind.NONE;
    /** The checkpoint of the batch the manifest holds {@link Behind#RECORDED}. */
    private Checkpoint behindCp;

    /**
     * Commits the manifest for the batch stored last, once the store has committed it: the manifest is
     * never ahead of the store. A store commit that failed fails the run (the manifest's writes for
     * that batch are then rolled back, {@link #settleBehind}).
     */
    private void commitBehind(RunCounters counters) {
        if (behind != Behind.RECORDED) {
            return;
        }
        long t = clock.millis();
        behind = Behind.AWAITING;
        sink.awaitCommitted();
        manifest.commit();
        behind = Behind.NONE;
        committed(behindCp);
        counters.commitMs += clock.millis() - t;
    }

    /**
     * After a failure: nothing the sink queued may run once the run has returned, and the manifest keeps
     * the batch it holds only if the store's commit of it went through. A batch whose writes were all
     * recorded and whose store commit succeeded (the failure came with the next batch: the embedder
     * went down, a worker failed) is committed, so the run loses only the batch in flight; a batch
     * whose manifest writes were cut short, or whose store commit failed, is rolled back.
     */
    private void settleBehind(Throwable failure) {
        boolean keep = false;
        if (behind == Behind.RECORDED) {
            try {
                sink.awaitCommitted();
                keep = true;
            } catch (RuntimeException | Error e) {
                if (e != failure && !List.of(failure.getSuppressed()).contains(e)) {
                    failure.addSuppressed(e); // once: the sink may have attached this store failure already
                }
            }
        }
        sink.settleQuietly();
        if (behind == Behind.NONE) {
            return;
        }
        behind = Behind.NONE;
        try {
            if (keep) {
                manifest.commit();
                committed(behindCp);
            } else {
                manifest.rollback();
            }
        } catch (RuntimeException | Error e) {
            failure.addSuppressed(e); // the run's own failure is what its caller must see
            if (keep) {
                rollbackQuietly(failure); // a commit that failed (a full disk) leaves nothing for a later one
            }
        }
    }

    private void rollbackQuietly(Throwable failure) {
        try {
            manifest.rollback();
        } catch (RuntimeException | Error e) {
            failure.addSuppressed(e);
        }
    }

    /** The manifest has committed the batch that ends at {@code cp} (or, stopped before any file of it, the one before). */
    private void committed(Checkpoint cp) {
        progress.committed();
        if (cp.batchesCommitted() > batchesLogged) {
            batchesLogged = cp.batchesCommitted();
            log.debug("batch {} committed: {} of {} files, last {}", cp.batchesCommitted(), cp.filesDone(),
                    cp.filesTotal(), cp.lastCommittedPath());
        }
    }

    /** The last batch {@link #committed} logged. */
    private long batchesLogged;

    /** Bytes (each file's up to the size cap) and chunks stored by this pass so far; the run's thread only. */
    private long bytesStored;
    private long chunksStored;

    /** The highest count {@link #report} has passed on. */
    private long shown;

    /**
     * Passes a file count on to the progress listener, never a lower one than before: workers
     * count and report in two steps, so two of them may report out of order.
     */
    private synchronized void report(long done, String detail) {
        if (done > shown) {
            shown = done;
            progress.progress(done, detail);
        }
    }

    /** Picks the next batch after {@code last} and starts reading and chunking it on the workers; null when none is left. */
    private ChunkingBatch startBatch(String last, AtomicLong chunked) {
        List<PendingFile> files = nextBatch(last);
        if (files.isEmpty()) {
            return null;
        }
        List<ManifestEntry> olds = new ArrayList<>(files.size());
        List<Future<FileOutcome>> futures = new ArrayList<>(files.size());
        long t0 = clock.millis();
        AtomicLong finished = new AtomicLong(t0);
        boolean reportFiles = sink.doneWhenChunked() || structural;
        ChunkingBatch batch = new ChunkingBatch(files, olds, futures, t0, finished);
        try {
            for (PendingFile p : files) {
                ManifestEntry old = manifest.get(p.relPath()).orElse(null);
                olds.add(old);
                futures.add(workers.submit(() -> {
                    FileOutcome o = processor.process(p.relPath(), old);
                    long n = chunked.incrementAndGet();
                    if (reportFiles) {
                        report(n, p.relPath());
                    }
                    finished.accumulateAndGet(clock.millis(), Math::max);
                    return o;
                }));
            }
        } catch (RuntimeException | Error e) {
            batch.drain(); // the files already submitted: no worker may read for a run that has returned
            throw e;
        }
        return batch;
    }

    /**
     * Stores one chunked batch: the sink first (the store holds the batch before the manifest does),
     * then the manifest commit. A sink that commits its store behind the batch's writes
     * ({@link ChunkSink#commitsBehind}) returns before that commit is done: the manifest then records
     * the batch at the next batch's step (or at the run's end), once the store has committed it, and
     * before anything of the next batch. A stop asked while the sink works may leave the batch's last files
     * out; they stay pending, and the commit still keeps the vectors computed for them.
     */
    private Checkpoint store(ChunkingBatch batch, List<FileOutcome> outcomes, Checkpoint cp, RunCounters counters) {
        long t1 = clock.millis();
        long base = cp.filesDone();
        List<PendingFile> files = batch.files();
        int done = structural ? sink.applyWithoutEmbedding(outcomes, batch.olds(), counters)
                : sink.apply(outcomes, batch.olds(), counters, new PartialStored(bytesStored, chunksStored,
                        j -> Math.min(files.get(j).size(), settings.maxFileSize()), j -> outcomes.get(j).chunks().size(),
                        n -> base + n, n -> files.get(n - 1).relPath()), this::stopped);
        long t2 = clock.millis();
        counters.embedMs += t2 - t1;
        // the batch before this one: the store committed it behind its writes, ahead of this batch's;
        // the manifest records it now, before anything of this batch
        commitBehind(counters);
        t2 = clock.millis();
        if (sink.commitsBehind()) {
            behind = Behind.WRITING;
        }
        for (int i = 0; i < done; i++) {
            OutcomeApplier.apply(manifest, outcomes.get(i), batch.olds().get(i), counters);
            bytesStored += Math.min(files.get(i).size(), settings.maxFileSize());
            chunksStored += outcomes.get(i).chunks().size();
        }
        if (done > 0) {
            String last = files.get(done - 1).relPath();
            cp = cp.advance(Phase.INDEX, base + done, cp.filesTotal(), cp.batchesCommitted() + 1, last, clock.millis());
            manifest.saveCheckpoint(cp);
        }
        if (sink.commitsBehind()) {
            behind = Behind.RECORDED; // committed once the store has committed this batch (commitBehind)
            behindCp = cp;
        } else {
            manifest.commit();
            committed(cp);
        }
        progress.stored(cp.filesDone(), bytesStored, chunksStored);
        counters.commitMs += clock.millis() - t2;
        if (done < files.size()) {
            log.info("stopped inside a batch: {} of its {} files stored, the rest stay pending", done, files.size());
            return cp;
        }
        report(cp.filesDone(), cp.lastCommittedPath()); // no step back: when the workers report, they are ahead of this
        return cp;
    }

    /**
     * The embed phase: the queued files in {@link EmbedOrder}, a batch at a time, each batch read and
     * chunked on the workers, then embedded and stored with its vectors (store committed), then the
     * files' flags cleared in one manifest commit. A file whose content is no longer what its entry
     * records (edited, deleted, re-chunked by a new chunker) is left as it is: the change path (the
     * next scan, the watcher's pass) indexes it again and takes it out of the queue.
     */
    private Checkpoint embedQueued(Checkpoint cp, RunCounters counters) throws InterruptedException {
        long total = manifest.vectorQueueSize();
        log.info("embed phase: {} files stored without vectors, embedding them (source first, newest first)", total);
        cp = cp.advance(Phase.EMBED, 0, total, cp.batchesCommitted(), "", clock.millis());
        manifest.saveCheckpoint(cp);
        manifest.commit();
        progress.committed();
        progress.phase("embed", total);
        progress.work(queuedBytes()); // the chunk total and time left follow the bytes, as in the index phase
        shown = 0;
        String after = "";
        long seen = 0;
        long embedBatches = 0;
        // while few files have vectors, batches start at one file and double up to a full one: the first vectors
        // land within seconds; later (a pass that resumes the phase after giving way to edits) full batches
        Map<String, Long> totals = manifest.totals();
        long withVectors = totals.getOrDefault("files", 0L) - totals.getOrDefault(Totals.UNEMBEDDED, 0L);
        int batchFiles = withVectors < settings.batchSize() ? 1 : settings.batchSize();
        long embeddedAtStart = counters.chunksEmbedded;
        long bytes = 0;
        long chunks = 0;
        while (!stopped()) {
            if (seen > 0 && giveWay.getAsBoolean()) {
                log.info("embed phase: giving way to waiting changes after {} of {} files; the rest stay queued", seen,
                        total);
                break;
            }
            List<Map.Entry<String, String>> queued = manifest.vectorQueueAfter(after, batchFiles);
            if (queued.isEmpty()) {
                break;
            }
            batchFiles = (int) Math.min(settings.batchSize(), 2L * batchFiles);
            after = queued.get(queued.size() - 1).getKey();
            List<ManifestEntry> entries = new ArrayList<>(queued.size());
            List<Future<FileOutcome>> futures = new ArrayList<>(queued.size());
            long t0 = clock.millis();
            try {
                for (Map.Entry<String, String> q : queued) {
                    ManifestEntry e = manifest.get(q.getValue()).orElse(null);
                    entries.add(e);
                    futures.add(e == null || !e.awaitsVectors() ? null
                            : workers.submit(() -> processor.rechunk(q.getValue(), e)));
                }
            } catch (RuntimeException | Error e) {
                drain(futures); // no worker may read for a run that has returned
                throw e;
            }
            List<FileOutcome> ready = new ArrayList<>(queued.size());
            List<Integer> at = new ArrayList<>(queued.size()); // where each ready file is in the batch
            for (int i = 0; i < futures.size(); i++) {
                FileOutcome o = await(futures, i);
                if (o != null) {
                    ready.add(o);
                    at.add(i);
                } else {
                    log.debug("{}: changed since it was stored without vectors; left to the change path",
                            queued.get(i).getValue());
                }
            }
            counters.chunkMs += clock.millis() - t0;
            long base = seen;
            PartialStored partial = new PartialStored(bytes, chunks,
                    j -> Math.min(entries.get(at.get(j)).size(), settings.maxFileSize()),
                    j -> entries.get(at.get(j)).chunks().size(),
                    n -> base + at.get(n - 1) + 1, n -> ready.get(n - 1).relPath());
            // waiting changes end the batch between two model calls once this phase has embedded something:
            // vectors are cached as each call returns and committed with the batch, so a file left half
            // embedded costs only its other chunks later, and the phase gets somewhere however often the
            // tree changes; an edit waits one model call, not the rest of a large file
            BooleanSupplier stopOrGiveWay = () -> stopped()
                    || ((base > 0 || partial.files() > 0 || counters.chunksEmbedded > embeddedAtStart)
                    && giveWay.getAsBoolean());
            int done = ready.isEmpty() ? 0 : sink.embedPending(ready, counters, partial, stopOrGiveWay);
            for (int j = 0; j < done; j++) {
                int i = at.get(j);
                String path = queued.get(i).getValue();
                ManifestEntry old = entries.get(i);
                ManifestEntry now = old.withVectorsPending(false);
                manifest.put(path, now);
                Totals.replace(manifest, path, old, now);
                bytes += Math.min(old.size(), settings.maxFileSize());
                chunks += old.chunks().size();
            }
            // files of the batch dealt with: all of them, or those before the first one the stop left out
            int counted = done == ready.size() ? queued.size() : at.get(done);
            seen += counted;
            embedBatches++;
            if (counted > 0) {
                cp = cp.advance(Phase.EMBED, seen, total, cp.batchesCommitted() + 1,
                        queued.get(counted - 1).getValue(), clock.millis());
                manifest.saveCheckpoint(cp);
            }
            manifest.commit();
            progress.committed();
            progress.stored(seen, bytes, chunks);
            report(seen, cp.lastCommittedPath());
            log.debug("embed batch {} committed: {} of {} files, last {}", embedBatches, seen, total,
                    cp.lastCommittedPath());
            if (done < ready.size()) {
                if (stopped()) {
                    log.info("stopped inside an embed batch: {} of its {} files have vectors, the rest stay queued",
                            counted, queued.size());
                } else {
                    log.info("embed phase: giving way to waiting changes after {} of {} files; the rest stay queued",
                            seen, total);
                }
                break;
            }
        }
        return cp;
    }

    /** The outcome of future {@code i}; null for no future, or for a file that is no longer what its entry records. */
    private static FileOutcome await(List<Future<FileOutcome>> futures, int i) throws InterruptedException {
        Future<FileOutcome> f = futures.get(i);
        if (f == null) {
            return null;
        }
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            drain(futures.subList(i + 1, futures.size()));
            throw new IllegalStateException("file processing failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            drain(futures.subList(i + 1, futures.size()));
            throw e;
        }
    }

    private static void drain(List<Future<FileOutcome>> futures) {
        List<Future<FileOutcome>> real = new ArrayList<>();
        for (Future<FileOutcome> f : futures) {
            if (f != null) {
                real.add(f);
            }
        }
        new ChunkingBatch(List.of(), List.of(), real, 0, new AtomicLong()).drain();
    }

    /**
     * The files of the work list whose size and mtime are what the manifest records: only a pass that compared
     * content can have queued them (a copy that kept the mtime), and a scan that trusts the stat, as the next
     * pass after an interrupted one does, would take them as unchanged for good. They are kept when that pass
     * clears the list.
     */
    private List<PendingFile> contentFindings() {
        List<PendingFile> out = new ArrayList<>();
        String after = "";
        for (List<PendingFile> page = manifest.pendingAfter(after, 4096); !page.isEmpty();
             page = manifest.pendingAfter(after, 4096)) {
            for (PendingFile p : page) {
                ManifestEntry e = manifest.get(p.relPath()).orElse(null);
                if (e != null && e.sameStat(p.size(), p.mtimeMillis())) {
                    out.add(p);
                }
            }
            after = page.get(page.size() - 1).relPath();
        }
        return out;
    }

    /** The next pending files after {@code last}: at most batchSize files and batchBytes bytes (at least one file). */
    private List<PendingFile> nextBatch(String last) {
        List<PendingFile> candidates = manifest.pendingAfter(last, settings.batchSize());
        long bytes = 0;
        int n = 0;
        for (PendingFile p : candidates) {
            long size = Math.min(p.size(), settings.maxFileSize());
            if (n > 0 && bytes + size > settings.batchBytes()) {
                break;
            }
            bytes += size;
            n++;
        }
        return candidates.subList(0, n);
    }

    private Checkpoint removeGone(Checkpoint cp, RunCounters counters) {
        while (!stopped()) {
            List<String> gone = manifest.gone(settings.batchSize());
            if (gone.isEmpty()) {
                break;
            }
            long t = clock.millis();
            List<ManifestEntry> olds = new ArrayList<>(gone.size());
            for (String path : gone) {
                olds.add(manifest.get(path).orElse(null));
            }
            sink.removed(gone, olds, counters);
            for (int i = 0; i < gone.size(); i++) {
                String path = gone.get(i);
                ManifestEntry old = olds.get(i);
                if (old != null) {
                    manifest.remove(path);
                    Totals.replace(manifest, path, old, null);
                    counters.deleted++;
                }
                manifest.unmarkGone(path);
            }
            String last = gone.get(gone.size() - 1);
            cp = cp.advance(Phase.DELETE, cp.filesDone() + gone.size(), cp.filesTotal(), cp.batchesCommitted() + 1, last,
                    clock.millis());
            manifest.saveCheckpoint(cp);
            manifest.commit();
            progress.committed();
            counters.commitMs += clock.millis() - t;
            progress.progress(cp.filesDone(), last);
        }
        return cp;
    }

    /**
     * The bytes of the files queued for their vectors, as the embed phase counts what it stores: files
     * differ in size by orders of magnitude, and the phase goes source first and newest first, so an
     * estimate from the files done so far was off by 2-3 times (a new-user trial: "~21,373" then
     * "~49,383" chunks for a pass that stored 17,926). One read of the queue's entries, at the phase's start.
     */
    private long queuedBytes() {
        long sum = 0;
        String after = "";
        for (;;) {
            List<Map.Entry<String, String>> page = manifest.vectorQueueAfter(after, 4096);
            if (page.isEmpty()) {
                return sum;
            }
            for (Map.Entry<String, String> q : page) {
                ManifestEntry e = manifest.get(q.getValue()).orElse(null);
                if (e != null && e.awaitsVectors()) {
                    sum += Math.min(e.size(), settings.maxFileSize());
                }
            }
            after = page.get(page.size() - 1).getKey();
        }
    }

    /**
     * The files of a batch stored so far, as the sink reports them between two model calls: the
     * files done, and the bytes and chunks stored, go to the progress at once, so that the progress
     * and the time left move within a batch (minutes with a model on this machine's CPU), not once a
     * batch. Called on the run's thread.
     */
    private final class PartialStored implements IntConsumer {
        private final long bytesBefore;
        private final long chunksBefore;
        private final java.util.function.IntToLongFunction bytesOf;
        private final java.util.function.IntToLongFunction chunksOf;
        private final java.util.function.IntToLongFunction done;
        private final java.util.function.IntFunction<String> path;
        private int files;
        private long bytes;
        private long chunks;

        /**
         * @param bytesOf  the bytes of the batch's j-th file
         * @param chunksOf its chunks
         * @param done     the pass's files done once the batch's first n are stored
         * @param path     the n-th file's path
         */
        PartialStored(long bytesBefore, long chunksBefore, java.util.function.IntToLongFunction bytesOf,
                      java.util.function.IntToLongFunction chunksOf, java.util.function.IntToLongFunction done,
                      java.util.function.IntFunction<String> path) {
            this.bytesBefore = bytesBefore;
            this.chunksBefore = chunksBefore;
            this.bytesOf = bytesOf;
            this.chunksOf = chunksOf;
            this.done = done;
            this.path = path;
        }

        @Override
        public void accept(int n) {
            for (int j = files; j < n; j++) {
                bytes += bytesOf.applyAsLong(j);
                chunks += chunksOf.applyAsLong(j);
            }
            files = Math.max(files, n);
            long filesDone = done.applyAsLong(n);
            report(filesDone, path.apply(n));
            progress.stored(filesDone, bytesBefore + bytes, chunksBefore + chunks);
        }

        int files() {
            return files;
        }
    }
}
