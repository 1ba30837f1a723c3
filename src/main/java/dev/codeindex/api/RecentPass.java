package dev.codeindex.api;

import java.util.List;

/**
 * One applied pass that changed the index, as {@code /status} lists it under {@code recent}.
 *
 * @param at          when the pass ended (epoch millis)
 * @param paths       paths in the change set (0 for a rescan)
 * @param samplePaths the first few of them
 * @param rescan      why the whole tree was rescanned, or null for a change set
 */
public record RecentPass(long at, int paths, List<String> samplePaths, String rescan, long indexed, long deleted,
                         long moved, long chunksEmbedded, long durationMs) {
    public RecentPass {
        samplePaths = List.copyOf(samplePaths);
    }
}
