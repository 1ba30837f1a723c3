package dev.codeindex.index;

import java.io.IOException;
import java.util.Collection;
import java.util.function.BooleanSupplier;

/**
 * One root's index as the daemon drives it: passes, and what the index holds. The daemon never
 * touches the manifest itself; what it needs of it comes through here.
 *
 * <p>Threading: one thread runs passes (the manifest has a single writer); {@link #state()} is called
 * by that thread between passes, and once by the thread that builds the root before its pass thread
 * starts (which orders that read before every write).
 */
public interface Indexer {
    /**
     * Runs one pass: over the whole tree when {@code paths} is null, else over those paths (relative
     * to the root, '/'-separated; a directory means everything under it) and any work an earlier pass
     * left. A pass that fails leaves the manifest at its last commit, so a retry starts clean.
     *
     * @throws IOException or a RuntimeException (notably the store's or the embedder's "unavailable")
     *                     when the pass failed; its work is retried by the caller
     */
    IndexSummary pass(Collection<String> paths, ProgressListener progress, BooleanSupplier stop)
            throws IOException, InterruptedException;

    /**
     * As {@link #pass(Collection, ProgressListener, BooleanSupplier)}; a pass in its embed phase (the
     * second phase of a two-phase index) ends between two of its batches once {@code giveWay} is
     * true, so that waiting changes are not held up by hours of embedding: the pass counts as done,
     * and the files whose vectors are still pending wait for a later pass ({@link #vectorsPending}).
     *
     * @param compareContent a full pass reads each file whose size and mtime are unchanged and compares
     *                       its content with the index's (a user asked for it); otherwise such a file
     *                       is taken as unchanged. A pass over paths always compares content.
     */
    default IndexSummary pass(Collection<String> paths, boolean compareContent, ProgressListener progress,
                              BooleanSupplier stop, BooleanSupplier giveWay) throws IOException, InterruptedException {
        return pass(paths, progress, stop);
    }

    /** Whether files in the index still wait for their vectors (a pass over no path embeds them). Pass thread only. */
    default boolean vectorsPending() {
        return false;
    }

    /** What the manifest holds now. */
    IndexState state();

    /**
     * What the manifest holds right after a commit of the pass in flight, cheaply enough to ask after
     * every batch: the work left is the run's checkpoint's (files planned less files done) instead of
     * a count of the work list. Called on the pass's thread only.
     */
    default IndexState committedState() {
        return state();
    }
}
