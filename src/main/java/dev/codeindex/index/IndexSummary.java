package dev.codeindex.index;

import dev.codeindex.walk.IgnoreReason;
import java.util.Map;

/**
 * The outcome of one {@code index} run: the {@code --json} summary object of the README.
 * Index-wide figures ({@code languages}, symbols, {@code chunksTotal}, skipped) describe the index
 * after the run; the others count this run's work. {@code redacted} counts files in the index
 * whose text had at least one secret replaced. {@code ignoredDirectories} counts the directories
 * this run's walk skipped (each is one of {@code ignored}) by the rule that excluded them.
 * {@code unlisted} counts the directories (and entries) this run's walk could not list or stat,
 * permissions mostly: nothing under them is seen, so nothing under them is indexed or counted.
 * {@code queuedChunksEmbedded} and {@code queuedEmbedMs} are the part of {@code chunksEmbedded} and of
 * the duration that the embed phase spent on files queued before (a first index's vectors): a daemon's
 * pass over an edit also does that work, which is not the edit's.
 */
public record IndexSummary(String root, boolean offline, long scanned, long indexed, long unchanged, long deleted,
                           long moved, long tooLarge, long binary, long unreadable, long ignored, long special,
                           long parseFallback, long encodingFallback, long redacted, Map<String, Long> languages, long functions,
                           long classes, long imports, long chunksTotal, long chunksEmbedded, long chunksReused,
                           long chunksDeleted, boolean resumed, boolean truncated, long durationMs,
                           Map<String, Long> phasesMs, Map<IgnoreReason, Long> ignoredDirectories, long unlisted,
                           long minified, long queuedChunksEmbedded, long queuedEmbedMs) {
    public IndexSummary {
        ignoredDirectories = ignoredDirectories == null ? Map.of() : ignoredDirectories;
    }

    /** A summary without ignored directories by reason. */
    public IndexSummary(String root, boolean offline, long scanned, long indexed, long unchanged, long deleted,
                        long moved, long tooLarge, long binary, long unreadable, long ignored, long special,
                        long parseFallback, long encodingFallback, long redacted, Map<String, Long> languages,
                        long functions, long classes, long imports, long chunksTotal, long chunksEmbedded,
                        long chunksReused, long chunksDeleted, boolean resumed, boolean truncated, long durationMs,
                        Map<String, Long> phasesMs) {
        this(root, offline, scanned, indexed, unchanged, deleted, moved, tooLarge, binary, unreadable, ignored, special,
                parseFallback, encodingFallback, redacted, languages, functions, classes, imports, chunksTotal,
                chunksEmbedded, chunksReused, chunksDeleted, resumed, truncated, durationMs, phasesMs, Map.of(), 0, 0, 0, 0);
    }

    /** Directories skipped for {@code reason} in this run. */
    public long ignoredDirectories(IgnoreReason reason) {
        return ignoredDirectories.getOrDefault(reason, 0L);
    }
}
