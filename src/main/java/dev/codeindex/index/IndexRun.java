package dev.codeindex.index;

import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.manifest.Checkpoint;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.PendingFile;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bounded batch pass over a root: scan (stat only), then read, hash and chunk the pending files
 * in batches on the worker pool, committing the manifest after each complete batch, then remove what
 * is gone. A run killed at any point loses at most the batch in flight; the next run's scan finds
 * exactly the work that is left, so it ends where an uninterrupted run would.
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

    public IndexRun(Path root, Manifest manifest, Walker walker, SourceChunker chunker, ExecutorService workers,
                    RunSettings settings, ProgressListener progress, Clock clock, BooleanSupplier stopRequested) {
        this(root, manifest, walker, chunker, workers, settings, progress, clock, stopRequested, ChunkSink.OFFLINE);
    }

    /** @param sink where chunks go besides the manifest: {@link ChunkSink#OFFLINE} or a {@link SemanticSink} */
    public IndexRun(Path root, Manifest manifest, Walker walker, SourceChunker chunker, ExecutorService workers,
                    RunSettings settings, ProgressListener progress, Clock clock, BooleanSupplier stopRequested,
                    ChunkSink sink) {
        this.sink = sink;
        this.root = root;
        this.manifest = manifest;
        this.walker = walker;
        this.chunker = chunker;
        this.processor = new FileProcessor(root, new SourceReader(settings.maxFileSize()), chunker, manifest,
                sink.reusesChunkRefs());
        this.workers = workers;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
        this.stopRequested = stopRequested;
    }

    /** A full pass: scans the whole tree against the manifest, then does the work found. */
    public IndexSummary run() throws IOException, InterruptedException {
        return run(null);
    }

    /**
     * A pass over changed paths only (the watcher's hints): each path, and everything under it
     * when it is a directory, is compared with the manifest; then the work found is done, along
     * with any left by an earlier pass that failed.
     */
    public IndexSummary runPaths(Collection<String> paths) throws IOException, InterruptedException {
        return run(paths);
    }

    private IndexSummary run(Collection<String> paths) throws IOException, InterruptedException {
        long t0 = clock.millis();
        Checkpoint previous = manifest.checkpoint();
        boolean resumed = !previous.phase().equals("none") && !previous.phase().equals("done");
        if (resumed) {
            log.info("resuming: the previous run ({}) stopped in phase '{}' after {} of {} files", previous.runId(),
                    previous.phase(), previous.filesDone(), previous.filesTotal());
        }
        Checkpoint cp = new Checkpoint(UUID.randomUUID().toString(), "scan", 0, 0, 0, "", false, t0, t0);
        if (paths == null) {
            manifest.clearWork();
        }
        manifest.saveCheckpoint(cp);
        manifest.commit();

        RunCounters counters = new RunCounters();
        if (paths == null) {
            sink.reconcile(counters); // the store must hold what the manifest says before the scan trusts it
        }
        progress.phase("scan", -1);
        Scanner scanner = new Scanner(walker, manifest, chunker.fingerprint(), settings.maxFiles(), settings.maxFileSize(),
                progress);
        ScanResult scan = paths == null ? scanner.scan() : scanner.scanPaths(paths);
        long total = paths == null ? scan.pending() + scan.gone() : manifest.pendingCount() + manifest.goneCount();
        cp = cp.advance("index", 0, total, 0, "", clock.millis());
        manifest.saveCheckpoint(cp);
        manifest.commit();
        long tScan = clock.millis();
        counters.unchanged += scan.unchanged();
        log.debug("scan: {} files, {} unchanged, {} to index, {} gone, {} ignored", scan.seen(), scan.unchanged(),
                scan.pending(), scan.gone(), scan.ignored());

        progress.phase("index", total);
        cp = indexPending(cp, counters);
        long tIndex = clock.millis();
        if (!stopRequested.getAsBoolean()) {
            cp = removeGone(cp, counters);
        }
        long tEnd = clock.millis();
        boolean complete = !stopRequested.getAsBoolean();
        cp = complete ? cp.finished(tEnd)
                : new Checkpoint(cp.runId(), cp.phase(), cp.filesDone(), cp.filesTotal(), cp.batchesCommitted(),
                        cp.lastCommittedPath(), true, cp.startedAt(), tEnd);
        manifest.saveCheckpoint(cp);
        manifest.commit();
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

    private Checkpoint indexPending(Checkpoint cp, RunCounters counters) throws InterruptedException {
        String last = "";
        while (!stopRequested.getAsBoolean()) {
            List<PendingFile> batch = nextBatch(last);
            if (batch.isEmpty()) {
                break;
            }
            long t = clock.millis();
            List<ManifestEntry> olds = new ArrayList<>(batch.size());
            List<Callable<FileOutcome>> tasks = new ArrayList<>(batch.size());
            AtomicLong done = new AtomicLong(cp.filesDone());
            for (PendingFile p : batch) {
                ManifestEntry old = manifest.get(p.relPath()).orElse(null);
                olds.add(old);
                tasks.add(() -> {
                    FileOutcome o = processor.process(p.relPath(), old);
                    progress.progress(done.incrementAndGet(), p.relPath());
                    return o;
                });
            }
            List<FileOutcome> outcomes = new ArrayList<>(batch.size());
            for (Future<FileOutcome> f : workers.invokeAll(tasks)) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("file processing failed unexpectedly", e.getCause());
                }
            }
            long t1 = clock.millis();
            counters.chunkMs += t1 - t;
            sink.apply(outcomes, olds, counters); // the store holds the batch before the manifest does
            long t2 = clock.millis();
            counters.embedMs += t2 - t1;
            for (int i = 0; i < outcomes.size(); i++) {
                OutcomeApplier.apply(manifest, outcomes.get(i), olds.get(i), counters);
            }
            last = batch.get(batch.size() - 1).relPath();
            cp = cp.advance("index", cp.filesDone() + batch.size(), cp.filesTotal(), cp.batchesCommitted() + 1, last,
                    clock.millis());
            manifest.saveCheckpoint(cp);
            manifest.commit();
            counters.commitMs += clock.millis() - t2;
            log.debug("batch {} committed: {} of {} files, last {}", cp.batchesCommitted(), cp.filesDone(),
                    cp.filesTotal(), last);
            progress.progress(cp.filesDone(), last);
        }
        return cp;
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
        while (!stopRequested.getAsBoolean()) {
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
                    Totals.replace(manifest, old, null);
                    counters.deleted++;
                }
                manifest.unmarkGone(path);
            }
            String last = gone.get(gone.size() - 1);
            cp = cp.advance("delete", cp.filesDone() + gone.size(), cp.filesTotal(), cp.batchesCommitted() + 1, last,
                    clock.millis());
            manifest.saveCheckpoint(cp);
            manifest.commit();
            counters.commitMs += clock.millis() - t;
            progress.progress(cp.filesDone(), last);
        }
        return cp;
    }
}
