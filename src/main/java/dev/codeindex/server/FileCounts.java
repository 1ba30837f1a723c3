package dev.codeindex.server;

import dev.codeindex.watch.RootStatus;
import java.util.Map;

/**
 * A root's file counts as {@code /status} and {@code /metrics} both show them, derived in one place
 * so the two always agree: {@code total = indexed + skipped}; {@code failed} (unreadable files) is
 * part of {@code skipped}; {@code pending} counts files known to differ from the index.
 */
record FileCounts(long indexed, long skipped, long failed, long total, long pending) {
    static FileCounts of(RootStatus s) {
        Map<String, Long> t = s.totals();
        long skipped = t.entrySet().stream().filter(e -> e.getKey().startsWith("skip."))
                .mapToLong(Map.Entry::getValue).sum();
        long indexed = t.getOrDefault("files", 0L);
        return new FileCounts(indexed, skipped, t.getOrDefault("skip.UNREADABLE", 0L), indexed + skipped, s.pending());
    }

    static long chunks(RootStatus s) {
        return s.totals().getOrDefault("chunks", 0L);
    }
}
