package dev.codeindex.api;

import java.util.List;
import java.util.Locale;

/** What a root (or the whole daemon) is doing. */
public enum RootState {
    /** The initial pass is running: the index is not complete yet. */
    SCANNING,
    /** Changes are being applied. */
    INDEXING,
    /** Current, waiting for changes. */
    WATCHING,
    /** The store or embedder failed, or the tree cannot be watched: work is pending or changes may be seen late. */
    DEGRADED,
    /** Indexing is paused ({@code POST /pause}): changes are collected, not applied, until resumed. */
    PAUSED,
    /**
     * An index on disk that no daemon watches (what {@code codeindex mcp} serves without one): complete as of
     * its last run, blind to changes since. Never a daemon's own state.
     */
    IDLE;

    /** The name in JSON and metrics. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state of a daemon whose roots are in {@code states}: degraded if any is, else paused if any is,
     * else scanning, indexing, idle (an index on disk no daemon watches), watching.
     */
    public static RootState overall(List<RootState> states) {
        RootState worst = WATCHING;
        for (RootState s : states) {
            if (s == DEGRADED) {
                return s;
            }
            if (s == PAUSED) {
                worst = s;
            } else if (worst != PAUSED && (s == SCANNING || (s == INDEXING && (worst == WATCHING || worst == IDLE)))) {
                worst = s;
            } else if (s == IDLE && worst == WATCHING) {
                worst = s;
            }
        }
        return worst;
    }
}
