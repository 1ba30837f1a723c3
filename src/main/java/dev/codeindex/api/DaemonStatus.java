package dev.codeindex.api;

import java.util.List;

/**
 * The whole daemon at one moment.
 *
 * @param state     the overall state, from the same root reads as {@code roots} ({@link RootState#overall})
 * @param startedAt epoch millis
 * @param disk      free space of the data directory; null when not known (an index read from disk)
 */
public record DaemonStatus(RootState state, String version, long uptimeMillis, long startedAt, long heapUsedBytes,
                           long heapMaxBytes, List<RootStatus> roots, DiskStatus disk) {
    public DaemonStatus {
        roots = List.copyOf(roots);
    }

    public DaemonStatus(RootState state, String version, long uptimeMillis, long startedAt, long heapUsedBytes,
                        long heapMaxBytes, List<RootStatus> roots) {
        this(state, version, uptimeMillis, startedAt, heapUsedBytes, heapMaxBytes, roots, null);
    }

    /** Null when every root is ready (initial pass done, store reachable), else why the first that is not isn't. */
    public String notReadyReason() {
        for (RootStatus s : roots) {
            if (!s.ready()) {
                return s.root() + ": " + (s.reason() != null ? s.reason() : "the initial pass is still running");
            }
        }
        return null;
    }
}
