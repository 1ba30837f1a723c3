package dev.codeindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The daemon's {@code /status} for a person: one block per root. */
final class DaemonStatusText {
    private DaemonStatusText() {}

    static String format(String url, JsonNode s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "codeindex %s at %s: %s, up %s, heap %d/%d MB%n",
                s.path("version").asText(), url, s.path("state").asText(), duration(s.path("uptimeMs").asLong()),
                s.path("heap").path("usedBytes").asLong() >> 20, s.path("heap").path("maxBytes").asLong() >> 20));
        JsonNode disk = s.path("disk");
        if (disk.path("low").asBoolean()) {
            sb.append(String.format(Locale.ROOT, "  warning: the disk of %s is nearly full (%s MB free); indexing stops"
                            + " below %s MB so that no write fails half-way: free some space%n", disk.path("path").asText(),
                    disk.path("freeBytes").asLong() >> 20, disk.path("reserveBytes").asLong() >> 20));
        }
        for (JsonNode r : s.path("roots")) {
            JsonNode f = r.path("files");
            sb.append(String.format(Locale.ROOT, "  %s: %s%s%n", r.path("root").asText(), r.path("state").asText(),
                    r.has("reason") ? " (" + r.path("reason").asText() + ")" : ""));
            sb.append(String.format(Locale.ROOT, "    files: %,d indexed, %,d skipped, %,d pending%s · chunks: %,d%n",
                    f.path("indexed").asLong(), f.path("skipped").asLong(), f.path("pending").asLong(),
                    f.path("redacted").asLong() == 0 ? ""
                            : String.format(Locale.ROOT, ", %,d with secrets redacted", f.path("redacted").asLong()),
                    r.path("chunks").asLong()));
            JsonNode p = r.path("progress");
            if (!p.path("phase").asText().equals("idle")) {
                sb.append(String.format(Locale.ROOT, "    now: %s %,d/%,d%n", p.path("phase").asText(),
                        p.path("done").asLong(), p.path("total").asLong()));
            }
            sb.append(String.format(Locale.ROOT, "    store: %s · embedder: %s%n", r.path("store").asText(),
                    r.path("embedder").asText()));
            if (r.has("lastError")) {
                sb.append("    last error: ").append(r.path("lastError").path("message").asText()).append(" at ")
                        .append(r.path("lastError").path("at").asText()).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String duration(long ms) {
        long s = ms / 1000;
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }
}
