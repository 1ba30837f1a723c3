package dev.codeindex.api;

import java.util.Map;

/**
 * A root's file counts as {@code /status} and {@code /metrics} both show them, derived in one place
 * so the two always agree: {@code total = indexed + skipped}; {@code failed} (unreadable files) is
 * part of {@code skipped}; {@code pending} counts files known to differ from the index;
 * {@code redacted} counts indexed files whose text had secrets replaced.
 */
public record FileCounts(long indexed, long skipped, long failed, long total, long pending, long redacted) {
    /** From the manifest's totals ({@code files}, {@code skip.*}) and the pending count. */
    public static FileCounts of(Map<String, Long> totals, long pending) {
        long skipped = totals.entrySet().stream().filter(e -> e.getKey().startsWith("skip."))
                .mapToLong(Map.Entry::getValue).sum();
        long indexed = totals.getOrDefault("files", 0L);
        return new FileCounts(indexed, skipped, totals.getOrDefault("skip.UNREADABLE", 0L), indexed + skipped, pending,
                totals.getOrDefault("redacted", 0L));
    }
}
