package dev.codeindex.api;

import java.util.List;

/**
 * What {@link DaemonApi#reindex} scheduled.
 *
 * @param rescan true for a full rescan, false for a pass over {@code path}
 * @param path   the path relative to the root, normalized and '/'-separated; null when none was given
 * @param roots  the roots the pass was scheduled in
 */
public record ReindexAnswer(boolean rescan, String path, List<String> roots) {
    public ReindexAnswer {
        roots = List.copyOf(roots);
    }
}
