package dev.codeindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.json.ApiJson;
import java.util.Locale;

/** The daemon's {@code /status} for a person: one block per root. */
final class DaemonStatusText {
    private DaemonStatusText() {}

    static String format(String url, JsonNode s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "codeindex %s at %s: %s, up %s, heap %d/%d MB%n",
                s.path("version").asText(), url, overallLabel(s.path("state").asText()), duration(s.path("uptimeMs").asLong()),
                s.path("heap").path("usedBytes").asLong() >> 20, s.path("heap").path("maxBytes").asLong() >> 20));
        JsonNode disk = s.path("disk");
        if (disk.path("low").asBoolean()) {
            sb.append(String.format(Locale.ROOT, "  warning: the disk of %s is nearly full (%s MB free); indexing stops"
                            + " below %s MB so that no write fails half-way: free some space%n", disk.path("path").asText(),
                    disk.path("freeBytes").asLong() >> 20, disk.path("reserveBytes").asLong() >> 20));
        }
        for (JsonNode r : s.path("roots")) {
            JsonNode f = r.path("files");
            sb.append(String.format(Locale.ROOT, "  %s: %s%s%n", r.path("root").asText(), stateLabel(r),
                    r.has("reason") ? " — " + r.path("reason").asText() : ""));
            if (dev.codeindex.daemon.Daemon.NOT_OPENED.equals(r.path("store").asText())) {
                continue; // waiting for another process: no figures of its own (the reason says who holds it)
            }
            long pending = f.path("pending").asLong();
            sb.append(String.format(Locale.ROOT, "    files: %,d indexed, %,d skipped, %s%s · chunks: %,d%n",
                    f.path("indexed").asLong(), f.path("skipped").asLong(),
                    pending >= 0 ? String.format(Locale.ROOT, "%,d pending", pending)
                            : "scan".equals(r.path("progress").path("phase").asText()) ? "pending not known until the scan ends"
                            : "pending not known until a waiting rescan has run",
                    f.path("redacted").asLong() == 0 ? ""
                            : String.format(Locale.ROOT, ", %,d with secrets redacted", f.path("redacted").asLong()),
                    r.path("chunks").asLong()));
            Coverage coverage = ApiJson.readCoverage(r.path("coverage"));
            if (coverage != null) {
                sb.append("    coverage: ").append(CoverageText.counts(coverage)).append('\n');
            }
            JsonNode p = r.path("progress");
            if (!p.path("phase").asText().equals("idle")) {
                sb.append("    now: ").append(progress(p)).append('\n');
            }
            sb.append(String.format(Locale.ROOT, "    store: %s · embedder: %s%n", r.path("store").asText(),
                    r.path("embedder").asText()));
            if (r.has("lastError")) {
                sb.append("    last error: ").append(r.path("lastError").path("message").asText()).append(" at ")
                        .append(r.path("lastError").path("at").asText())
                        .append(r.path("lastError").has("resolvedAt") ? " (resolved: a pass succeeded at "
                                + r.path("lastError").path("resolvedAt").asText() + ")" : "").append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    /**
     * A pass's {@code progress} object for a person: {@code index 1,200/5,000 files, 3,400/~14,000
     * chunks, 41 chunks/s, about 4 min left}.
     */
    static String progress(JsonNode p) {
        String phase = p.path("phase").asText("idle");
        if (phase.equals("scan")) {
            return String.format(Locale.ROOT, "scanning, %,d files looked at", p.path("done").asLong());
        }
        StringBuilder b = new StringBuilder(phase).append(String.format(Locale.ROOT, " %,d", p.path("done").asLong()));
        long total = p.path("total").asLong(-1);
        if (total >= 0) {
            b.append(String.format(Locale.ROOT, "/%,d", total));
        }
        b.append(" files");
        long chunks = p.path("chunksDone").asLong();
        long chunksTotal = p.path("chunksTotal").asLong(-1);
        if (chunks > 0 || chunksTotal > 0) {
            b.append(String.format(Locale.ROOT, ", %,d", chunks))
                    .append(chunksTotal > chunks ? String.format(Locale.ROOT, "/~%,d", chunksTotal) : "")
                    .append(" chunks");
        }
        double rate = p.path("chunksPerSecond").asDouble();
        if (rate > 0) {
            b.append(", ").append(TerminalProgress.rate(rate));
        }
        long eta = p.path("etaMs").asLong(-1);
        b.append(eta >= 0 ? ", about " + duration(eta) + " left" : chunks > 0
                ? ", time left not known (slower than its rate so far: a large file, say)"
                : ", time left known after the first batch");
        return b.toString();
    }

    static String duration(long ms) {
        long s = ms / 1000;
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h " + (s % 3600) / 60 + " min";
    }

    /** The daemon's state in its header: "scanning" is a root's first pass, whichever step (the roots' lines say it). */
    static String overallLabel(String state) {
        return state.equals("scanning") ? "first pass" : state;
    }

    /**
     * A root's state for people: during the first pass, which step of it (the JSON's {@code scanning}
     * covers the scan, the index phase and the embed phase of a two-phase index), as the status page says.
     */
    static String stateLabel(JsonNode r) {
        String state = r.path("state").asText();
        if (!state.equals("scanning")) {
            return state;
        }
        return switch (r.path("progress").path("phase").asText()) {
            case "index" -> "first pass: indexing";
            case "embed" -> "first pass: embedding (every file is searchable by keyword already)";
            default -> "first pass: scanning";
        };
    }
}
