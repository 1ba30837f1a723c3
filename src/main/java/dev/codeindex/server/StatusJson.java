package dev.codeindex.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.watch.Daemon;
import dev.codeindex.watch.RecentPass;
import dev.codeindex.watch.RootStatus;
import java.time.Instant;

/** The {@code /status} object, built from one {@link RootStatus} snapshot per root. */
final class StatusJson {
    private StatusJson() {}

    static ObjectNode of(ObjectMapper json, Daemon daemon) {
        ObjectNode o = json.createObjectNode();
        o.put("state", daemon.state().id());
        o.put("version", daemon.version());
        o.put("uptimeMs", daemon.uptimeMillis());
        o.put("startedAt", Instant.ofEpochMilli(daemon.startedAt()).toString());
        Runtime rt = Runtime.getRuntime();
        ObjectNode heap = o.putObject("heap");
        heap.put("usedBytes", rt.totalMemory() - rt.freeMemory());
        heap.put("maxBytes", rt.maxMemory());
        ArrayNode roots = o.putArray("roots");
        for (Daemon.Root r : daemon.roots()) {
            root(roots.addObject(), r, r.watched().status());
        }
        return o;
    }

    private static void root(ObjectNode n, Daemon.Root r, RootStatus s) {
        n.put("root", s.root());
        n.put("state", s.state().id());
        if (s.reason() != null) {
            n.put("reason", s.reason());
        }
        n.put("ready", s.ready());
        n.put("watching", s.watcherAlive());
        FileCounts c = FileCounts.of(s);
        ObjectNode files = n.putObject("files");
        files.put("indexed", c.indexed());
        files.put("skipped", c.skipped());
        files.put("failed", c.failed());
        files.put("total", c.total());
        files.put("pending", c.pending());
        n.put("chunks", FileCounts.chunks(s));
        n.put("queueDepth", s.queueDepth());
        ObjectNode progress = n.putObject("progress");
        progress.put("phase", s.phase());
        progress.put("done", s.progressDone());
        progress.put("total", s.progressTotal());
        ObjectNode since = n.putObject("sinceStart");
        since.put("passes", s.passes());
        since.put("rescans", s.rescans());
        since.put("filesIndexed", s.filesIndexed());
        since.put("chunksEmbedded", s.chunksEmbedded());
        n.put("filesPerSecond", Math.round(s.filesPerSec() * 10) / 10.0);
        if (s.lastError() != null) {
            ObjectNode err = n.putObject("lastError");
            err.put("message", s.lastError());
            err.put("at", Instant.ofEpochMilli(s.lastErrorAt()).toString());
        }
        if (s.lastPassAt() > 0) {
            n.put("lastPassAt", Instant.ofEpochMilli(s.lastPassAt()).toString());
        }
        n.put("store", r.store());
        n.put("embedder", r.embedder());
        ArrayNode recent = n.putArray("recent");
        for (RecentPass p : s.recent()) {
            ObjectNode e = recent.addObject();
            e.put("at", Instant.ofEpochMilli(p.at()).toString());
            e.put("paths", p.paths());
            ArrayNode sample = e.putArray("samplePaths");
            p.samplePaths().forEach(sample::add);
            if (p.rescan() != null) {
                e.put("rescan", p.rescan());
            }
            e.put("indexed", p.indexed());
            e.put("deleted", p.deleted());
            e.put("moved", p.moved());
            e.put("chunksEmbedded", p.chunksEmbedded());
            e.put("durationMs", p.durationMs());
        }
    }
}
