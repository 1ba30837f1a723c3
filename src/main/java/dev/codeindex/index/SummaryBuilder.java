package dev.codeindex.index;

import dev.codeindex.manifest.FileState;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the run summary from the run's counters and the manifest's totals after the run. */
final class SummaryBuilder {
    private SummaryBuilder() {}

    static IndexSummary build(Path root, boolean offline, ScanResult scan, RunCounters c, Map<String, Long> totals,
                              boolean resumed, long durationMs, Map<String, Long> phasesMs) {
        Map<String, Long> languages = new LinkedHashMap<>();
        totals.entrySet().stream()
                .filter(e -> e.getKey().startsWith(Totals.LANG))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> languages.put(e.getKey().substring(Totals.LANG.length()), e.getValue()));
        return new IndexSummary(root.toString(), offline, scan.seen(), c.indexed, c.unchanged, c.deleted, c.moved,
                skip(totals, FileState.TOO_LARGE), skip(totals, FileState.BINARY), skip(totals, FileState.UNREADABLE),
                scan.ignored(), scan.special(), totals.getOrDefault(Totals.PARSE_FALLBACK, 0L), c.encodingFallback,
                totals.getOrDefault(Totals.REDACTED, 0L),
                languages, totals.getOrDefault(Totals.FUNCTIONS, 0L), totals.getOrDefault(Totals.CLASSES, 0L),
                totals.getOrDefault(Totals.IMPORTS, 0L), totals.getOrDefault(Totals.CHUNKS, 0L), c.chunksEmbedded,
                c.chunksReused, c.chunksDeleted, resumed,
                scan.truncated(), durationMs, phasesMs, scan.ignoredDirs(), scan.errors(),
                skip(totals, FileState.MINIFIED), c.queuedEmbedded, c.queuedEmbedMs);
    }

    private static long skip(Map<String, Long> totals, FileState s) {
        return totals.getOrDefault(Totals.SKIP + s.name(), 0L);
    }
}
