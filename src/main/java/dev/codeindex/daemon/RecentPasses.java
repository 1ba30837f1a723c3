package dev.codeindex.daemon;

import dev.codeindex.api.RecentPass;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The last {@link #CAPACITY} passes that changed the index, newest first: what the status page
 * shows as recent changes. Bounded, so a long-running daemon holds a few kilobytes at most.
 *
 * <p>Threading: the root's thread adds, any thread reads.
 */
final class RecentPasses {
    static final int CAPACITY = 20;
    static final int SAMPLE_PATHS = 3;

    private final ArrayDeque<RecentPass> passes = new ArrayDeque<>(CAPACITY);

    /**
     * Records a pass, unless it changed nothing (periodic rescans of a quiet tree would crowd out the
     * rest); a pass of the embed phase alone changes vectors, and counts.
     */
    synchronized void add(long at, Collection<String> paths, String rescan, long indexed, long deleted, long moved,
                          long chunksEmbedded, long durationMs) {
        if (indexed + deleted + moved + chunksEmbedded == 0) {
            return;
        }
        List<String> sample = paths.stream().limit(SAMPLE_PATHS).toList();
        if (passes.size() == CAPACITY) {
            passes.removeLast();
        }
        passes.addFirst(new RecentPass(at, paths.size(), sample, rescan, indexed, deleted, moved, chunksEmbedded,
                durationMs));
    }

    synchronized List<RecentPass> snapshot() {
        return List.copyOf(new ArrayList<>(passes));
    }
}
