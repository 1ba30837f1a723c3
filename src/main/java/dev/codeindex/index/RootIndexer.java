package dev.codeindex.index;

import dev.codeindex.manifest.Checkpoint;
import dev.codeindex.manifest.Manifest;
import java.io.IOException;
import java.util.Collection;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Indexer} of one root: each pass is a fresh {@link IndexRun} over the root's manifest. */
public final class RootIndexer implements Indexer {
    private static final Logger log = LoggerFactory.getLogger(RootIndexer.class);

    /** Makes the run of one pass; each run is used once. */
    @FunctionalInterface
    public interface Runs {
        IndexRun create(ProgressListener progress, BooleanSupplier stop);
    }

    private final Manifest manifest;
    private final Runs runs;

    public RootIndexer(Manifest manifest, Runs runs) {
        this.manifest = manifest;
        this.runs = runs;
    }

    @Override
    public IndexSummary pass(Collection<String> paths, ProgressListener progress, BooleanSupplier stop)
            throws IOException, InterruptedException {
        return pass(paths, false, progress, stop, () -> false);
    }

    @Override
    public IndexSummary pass(Collection<String> paths, boolean compareContent, ProgressListener progress,
                             BooleanSupplier stop, BooleanSupplier giveWay) throws IOException, InterruptedException {
        try {
            IndexRun run = runs.create(progress, stop);
            run.giveWayWhen(giveWay);
            return paths != null ? run.runPaths(paths) : compareContent ? run.runComparingContent() : run.run();
        } catch (IOException | RuntimeException e) {
            // the failed batch's manifest writes are uncommitted: drop them, so the retry starts from
            // what the store is known to hold
            try {
                manifest.rollback();
            } catch (RuntimeException rollbackFailure) {
                log.debug("rollback after a failed pass: {}", rollbackFailure.getMessage());
            }
            throw e;
        }
    }

    @Override
    public boolean vectorsPending() {
        return manifest.vectorQueueSize() > 0;
    }

    @Override
    public IndexState committedState() {
        Checkpoint c = manifest.checkpoint();
        // the embed phase's files are in the index already: their vectors are what is left, which the
        // totals' unembedded count says, not the work list
        long left = c.phase() == Checkpoint.Phase.EMBED ? 0 : Math.max(0, c.filesTotal() - c.filesDone());
        return new IndexState(new TreeMap<>(manifest.totals()), left, c);
    }

    @Override
    public IndexState state() {
        return new IndexState(new TreeMap<>(manifest.totals()), manifest.pendingCount() + manifest.goneCount(),
                manifest.checkpoint());
    }
}
