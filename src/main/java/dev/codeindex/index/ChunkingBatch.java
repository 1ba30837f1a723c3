package dev.codeindex.index;

import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.PendingFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** A batch of {@link IndexRun} whose files are being read and chunked on the workers. */
record ChunkingBatch(List<PendingFile> files, List<ManifestEntry> olds, List<Future<FileOutcome>> futures,
                     long startedAt, AtomicLong finishedAt) {
    String last() {
        return files.get(files.size() - 1).relPath();
    }

    /** Waits for every file of the batch. */
    List<FileOutcome> outcomes() throws InterruptedException {
        List<FileOutcome> out = new ArrayList<>(futures.size());
        for (Future<FileOutcome> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("file processing failed unexpectedly", e.getCause());
            }
        }
        return out;
    }

    /** Wall time the workers spent on the batch (it overlaps the storing of the batch before). */
    long chunkMs() {
        return finishedAt.get() - startedAt;
    }

    /** Waits for the workers to finish with this batch, whatever they return. */
    void drain() {
        boolean interrupted = false;
        for (Future<FileOutcome> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
