package dev.codeindex.cli;

import dev.codeindex.index.IndexSummary;
import dev.codeindex.walk.IgnoreReason;
import java.util.Locale;
import java.util.StringJoiner;

/** The human report of an index run. */
final class SummaryText {
    private static final int SHOWN_LANGUAGES = 6;

    private SummaryText() {}

    static String format(IndexSummary s) {
        StringJoiner langs = new StringJoiner(", ");
        int shown = 0;
        for (var e : s.languages().entrySet()) {
            if (shown++ == SHOWN_LANGUAGES) {
                langs.add("…");
                break;
            }
            langs.add(e.getKey() + " " + n(e.getValue()));
        }
        long files = s.languages().values().stream().mapToLong(Long::longValue).sum();
        String first = "Files: " + n(files) + " · Languages: " + s.languages().size()
                + (s.languages().isEmpty() ? "" : " (" + langs + ")")
                + " · Functions: " + n(s.functions()) + " · Classes: " + n(s.classes())
                + " · Imports: " + n(s.imports()) + " · Chunks: " + n(s.chunksTotal())
                + " · Time: " + String.format(Locale.ROOT, "%.1f s", s.durationMs() / 1000.0);
        String second = "This run: " + n(s.scanned()) + " scanned, " + n(s.indexed()) + " indexed, "
                + n(s.unchanged()) + " unchanged, " + n(s.moved()) + " moved, " + n(s.deleted()) + " deleted"
                + (s.resumed() ? " (resumed an interrupted run)" : "")
                + (s.truncated() ? " (stopped at --max-files)" : "");
        String third = "Skipped: " + n(s.tooLarge()) + " too large, " + n(s.binary()) + " binary, "
                + (s.minified() == 0 ? "" : n(s.minified()) + " minified, ")
                + n(s.unreadable()) + " unreadable, " + n(s.ignored()) + " ignored, " + n(s.special())
                + " not regular files"
                + (s.unlisted() == 0 ? "" : ", " + n(s.unlisted()) + " could not be listed (logged by path)")
                + " · Line-chunked (a parse error, or over chunk.maxParseSize): " + n(s.parseFallback())
                + " · With secrets redacted: " + n(s.redacted());
        StringJoiner dirs = new StringJoiner(", ");
        for (IgnoreReason r : IgnoreReason.values()) {
            long count = s.ignoredDirectories(r);
            if (count > 0) {
                dirs.add(n(count) + " " + r.label());
            }
        }
        String fourth = dirs.length() == 0 ? "" : "\nIgnored directories: " + dirs + " (-v names them)";
        return first + "\n" + second + "\n" + third + fourth;
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
