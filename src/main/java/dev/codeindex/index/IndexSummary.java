package dev.codeindex.index;

import java.util.Map;

/**
 * The outcome of one {@code index} run: the {@code --json} summary object of the README.
 * Index-wide figures ({@code languages}, symbols, {@code chunksTotal}, skipped) describe the index
 * after the run; the others count this run's work. {@code redacted} counts files in the index
 * whose text had at least one secret replaced.
 */
public record IndexSummary(String root, boolean offline, long scanned, long indexed, long unchanged, long deleted,
                           long moved, long tooLarge, long binary, long unreadable, long ignored, long special,
                           long parseFallback, long encodingFallback, long redacted, Map<String, Long> languages, long functions,
                           long classes, long imports, long chunksTotal, long chunksEmbedded, long chunksReused,
                           long chunksDeleted, boolean resumed, boolean truncated, long durationMs,
                           Map<String, Long> phasesMs) {}
