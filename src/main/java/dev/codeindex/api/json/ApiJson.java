package dev.codeindex.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.api.CheckpointInfo;
import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.DiskStatus;
import dev.codeindex.api.FileCounts;
import dev.codeindex.api.RecentPass;
import dev.codeindex.api.Reference;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReindexAnswer;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchResult;
import dev.codeindex.api.SimilarAnswer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes of the daemon's answers, shared by the HTTP server and the CLI ({@code status
 * --json}, {@code search --json}) so both print the same objects with the same field order.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class ApiJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiJson() {}

    public static ObjectMapper mapper() {
        return JSON;
    }

    /** The {@code search --json} object: {@code results}, {@code pending} and, when known, {@code coverage}. */
    public static ObjectNode search(SearchAnswer answer) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode results = o.putArray("results");
        for (SearchResult h : answer.results()) {
            hit(results, h, "snippet", h.snippet());
        }
        o.put("pending", answer.pending());
        if (answer.coverage() != null) {
            coverage(o, answer.coverage());
        }
        notes(o, answer.notes());
        return o;
    }

    /** Puts {@code notes} (what an answer leaves out) into {@code parent} as an array, when there are any. */
    public static void notes(ObjectNode parent, List<String> notes) {
        if (!notes.isEmpty()) {
            ArrayNode a = parent.putArray("notes");
            notes.forEach(a::add);
        }
    }

    /**
     * Puts {@code coverage} into {@code parent}: {@code files} (in the index plus waiting; -1 unknown),
     * {@code keywordIndexed}, {@code embedded} (-1 unknown) and {@code passInFlight}.
     */
    public static ObjectNode coverage(ObjectNode parent, Coverage c) {
        ObjectNode o = parent.putObject("coverage");
        o.put("files", c.files());
        o.put("keywordIndexed", c.keyword());
        o.put("embedded", c.embedded());
        o.put("passInFlight", c.inFlight());
        return o;
    }

    /** A {@code coverage} object read back; null when {@code o} is not one. */
    public static Coverage readCoverage(JsonNode o) {
        if (!o.isObject()) {
            return null;
        }
        return new Coverage(o.path("files").asLong(-1), o.path("keywordIndexed").asLong(-1),
                o.path("embedded").asLong(-1), o.path("passInFlight").asBoolean());
    }

    /**
     * Adds one hit to {@code results}: where it is, what it defines, its score (to 4 decimals), and its
     * text under {@code textField} ({@code snippet} for search answers, {@code code} for MCP tools).
     */
    public static ObjectNode hit(ArrayNode results, SearchResult h, String textField, String text) {
        ObjectNode r = results.addObject();
        if (h.root() != null) {
            r.put("root", h.root());
        }
        r.put("path", h.path());
        r.put("startLine", h.startLine());
        r.put("endLine", h.endLine());
        r.put("symbol", h.symbol());
        r.put("language", h.language());
        r.put("score", Math.round(h.score() * 10000) / 10000.0);
        r.put(textField, text);
        if (h.snippetStart() != h.startLine()) { // a long definition shown by the window that matched
            r.put(textField + "StartLine", h.snippetStart());
        }
        return r;
    }

    /** The {@code context --json} and {@code /context} object. */
    public static ObjectNode context(ContextAnswer a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("root", a.root());
        o.put("path", a.path());
        o.put("line", a.line());
        o.put("startLine", a.startLine());
        o.put("endLine", a.endLine());
        o.put("symbol", a.symbol());
        o.put("kind", a.kind());
        o.put("language", a.language());
        o.put("indexed", a.indexed());
        if (a.note() != null) {
            o.put("note", a.note());
        }
        o.put("code", a.code());
        return o;
    }

    /** The answer {@link #context} wrote, read back. */
    public static ContextAnswer readContext(JsonNode o) {
        return new ContextAnswer(o.path("root").asText(), o.path("path").asText(), o.path("line").asInt(),
                o.path("startLine").asInt(), o.path("endLine").asInt(), o.path("symbol").asText(),
                o.path("kind").asText(), o.path("language").asText(), o.path("code").asText(),
                o.path("indexed").asBoolean(), o.hasNonNull("note") ? o.path("note").asText() : null);
    }

    /**
     * The {@code similar --json} and {@code /similar} object: {@code source} (the chunk compared with;
     * absent for a snippet), then {@code results}, {@code pending}, {@code coverage} and {@code notes} as
     * search writes them.
     */
    public static ObjectNode similar(SimilarAnswer a) {
        ObjectNode o = JSON.createObjectNode();
        if (a.path() != null) {
            o.putObject("source").put("path", a.path()).put("startLine", a.startLine()).put("endLine", a.endLine())
                    .put("symbol", a.symbol());
        }
        o.setAll(search(a.hits()));
        return o;
    }

    /** The answer {@link #similar} wrote, read back. */
    public static SimilarAnswer readSimilar(JsonNode o) {
        SearchAnswer hits = readSearch(o);
        JsonNode s = o.path("source");
        return s.isObject() ? new SimilarAnswer(s.path("path").asText(), s.path("startLine").asInt(),
                s.path("endLine").asInt(), s.path("symbol").asText(), hits)
                : SimilarAnswer.ofSnippet(hits);
    }

    /** Writes a checkpoint's fields into {@code cp}, as {@code /checkpoint} and {@code status --json} show it. */
    public static ObjectNode checkpoint(ObjectNode cp, CheckpointInfo c) {
        cp.put("runId", c.runId());
        cp.put("phase", c.phase());
        cp.put("filesDone", c.filesDone());
        cp.put("filesTotal", c.filesTotal());
        cp.put("batchesCommitted", c.batchesCommitted());
        cp.put("lastCommittedPath", c.lastCommittedPath());
        cp.put("cleanShutdown", c.cleanShutdown());
        cp.put("updatedAt", Instant.ofEpochMilli(c.updatedAt()).toString());
        return cp;
    }

    /** {@code /checkpoint}: the first root's checkpoint at the top (the usual single root), every root's under "roots". */
    public static ObjectNode checkpoints(DaemonStatus status) {
        List<RootStatus> roots = status.roots();
        ObjectNode o = checkpoint(JSON.createObjectNode(), roots.get(0).checkpoint());
        o.put("root", roots.get(0).root());
        ArrayNode all = o.putArray("roots");
        for (RootStatus r : roots) {
            checkpoint(all.addObject().put("root", r.root()), r.checkpoint());
        }
        return o;
    }

    /** The {@code /status} object. */
    public static ObjectNode status(DaemonStatus status) {
        ObjectNode o = JSON.createObjectNode();
        o.put("state", status.state().id());
        o.put("version", status.version());
        o.put("uptimeMs", status.uptimeMillis());
        o.put("startedAt", Instant.ofEpochMilli(status.startedAt()).toString());
        ObjectNode heap = o.putObject("heap");
        heap.put("usedBytes", status.heapUsedBytes());
        heap.put("maxBytes", status.heapMaxBytes());
        if (status.disk() != null) {
            DiskStatus d = status.disk();
            o.putObject("disk").put("path", d.path()).put("fileSystem", d.fileSystem()).put("freeBytes", d.freeBytes())
                    .put("reserveBytes", d.reserveBytes()).put("low", d.low());
        }
        ArrayNode roots = o.putArray("roots");
        for (RootStatus r : status.roots()) {
            root(roots.addObject(), r);
        }
        return o;
    }

    /** A root's {@code files} object, as {@code /status} and the MCP {@code index_status} show it. */
    public static ObjectNode files(ObjectNode parent, FileCounts c) {
        ObjectNode files = parent.putObject("files");
        files.put("indexed", c.indexed());
        files.put("skipped", c.skipped());
        files.put("failed", c.failed());
        files.put("total", c.total());
        files.put("pending", c.pending());
        files.put("redacted", c.redacted());
        return files;
    }

    /** The answer to a reindex: what was scheduled, in which roots. */
    public static ObjectNode reindex(ReindexAnswer a) {
        ObjectNode o = JSON.createObjectNode().put("scheduled", true);
        o.put("rescan", a.rescan());
        if (a.path() != null) {
            o.put("path", a.path());
        }
        ArrayNode roots = o.putArray("roots");
        a.roots().forEach(roots::add);
        return o;
    }

    private static void root(ObjectNode n, RootStatus s) {
        n.put("root", s.root());
        n.put("state", s.state().id());
        if (s.reason() != null) {
            n.put("reason", s.reason());
        }
        n.put("ready", s.ready());
        n.put("watching", s.watcherAlive());
        files(n, s.files());
        if (s.coverage() != null) {
            coverage(n, s.coverage());
        }
        n.put("chunks", s.chunks());
        n.put("queueDepth", s.queueDepth());
        ObjectNode progress = n.putObject("progress");
        progress.put("phase", s.phase());
        progress.put("done", s.progressDone());
        progress.put("total", s.progressTotal());
        progress.put("chunksDone", s.chunksDone());
        progress.put("chunksTotal", s.chunksTotal());
        progress.put("chunksPerSecond", Math.round(s.chunksPerSec() * 10) / 10.0);
        progress.put("etaMs", s.etaMillis());
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
            if (s.lastErrorResolvedAt() > 0) {
                err.put("resolvedAt", Instant.ofEpochMilli(s.lastErrorResolvedAt()).toString());
            }
        }
        if (s.lastPassAt() > 0) {
            n.put("lastPassAt", Instant.ofEpochMilli(s.lastPassAt()).toString());
        }
        n.put("store", s.store());
        n.put("embedder", s.embedder());
        checkpoint(n.putObject("checkpoint"), s.checkpoint());
        ArrayNode recent = n.putArray("recent");
        for (RecentPass p : s.recent()) {
            recentPass(recent.addObject(), p);
        }
    }

    private static void recentPass(ObjectNode e, RecentPass p) {
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

    /**
     * The {@code search --references --json} and {@code /references} object: {@code name} (the name matched),
     * {@code references} (each: {@code root}, {@code path}, {@code line}, {@code text}, the enclosing
     * {@code symbol} and {@code kind} with its {@code startLine} and {@code endLine}, and {@code definition}),
     * {@code files}, {@code candidates}, {@code complete}, then {@code pending}, {@code coverage} and {@code notes} as search
     * writes them.
     */
    public static ObjectNode references(ReferencesAnswer a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", a.name());
        ArrayNode refs = o.putArray("references");
        for (Reference r : a.references()) {
            ObjectNode n = refs.addObject();
            if (r.root() != null) {
                n.put("root", r.root());
            }
            n.put("path", r.path());
            n.put("line", r.line());
            n.put("text", r.text());
            n.put("symbol", r.symbol());
            n.put("kind", r.kind());
            n.put("startLine", r.startLine());
            n.put("endLine", r.endLine());
            n.put("definition", r.definition());
        }
        o.put("files", a.files());
        o.put("candidates", a.candidates());
        o.put("complete", a.complete());
        o.put("pending", a.pending());
        if (a.coverage() != null) {
            coverage(o, a.coverage());
        }
        notes(o, a.notes());
        return o;
    }

    /** The answer {@link #references} wrote, read back. */
    public static ReferencesAnswer readReferences(JsonNode o) {
        List<Reference> refs = new ArrayList<>();
        for (JsonNode r : o.path("references")) {
            refs.add(new Reference(r.hasNonNull("root") ? r.path("root").asText() : null, r.path("path").asText(),
                    r.path("line").asInt(), r.path("text").asText(), r.path("symbol").asText(), r.path("kind").asText(),
                    r.path("startLine").asInt(), r.path("endLine").asInt(), r.path("definition").asBoolean()));
        }
        List<String> notes = new ArrayList<>();
        o.path("notes").forEach(n -> notes.add(n.asText()));
        return new ReferencesAnswer(o.path("name").asText(), refs, o.path("files").asLong(-1),
                o.path("candidates").asLong(-1), o.path("complete").asBoolean(), o.path("pending").asLong(), readCoverage(o.path("coverage")), notes);
    }

    /** The answer {@link #search} wrote, read back (what a client of {@code /search} gets). */
    public static SearchAnswer readSearch(JsonNode o) {
        List<SearchResult> results = new ArrayList<>();
        for (JsonNode r : o.path("results")) {
            results.add(new SearchResult(r.path("path").asText(), r.path("startLine").asInt(), r.path("endLine").asInt(),
                    r.path("symbol").asText(), r.path("language").asText(), r.path("score").asDouble(),
                    r.path("snippet").asText(), r.hasNonNull("root") ? r.path("root").asText() : null,
                    r.path("snippetStartLine").asInt(r.path("startLine").asInt())));
        }
        List<String> notes = new ArrayList<>();
        o.path("notes").forEach(n -> notes.add(n.asText()));
        return new SearchAnswer(results, o.path("pending").asLong(), readCoverage(o.path("coverage")), notes);
    }

    /**
     * The status {@link #status} wrote, read back (what a client of {@code /status} gets). The JSON
     * carries the file counts, not the manifest's totals: the totals read back give the same
     * {@link RootStatus#files()} and {@link RootStatus#chunks()} (skips other than unreadable files
     * under {@code skip.OTHER}, languages left out).
     */
    public static DaemonStatus readStatus(JsonNode o) {
        List<RootStatus> roots = new ArrayList<>();
        for (JsonNode r : o.path("roots")) {
            roots.add(readRoot(r));
        }
        return new DaemonStatus(state(o.path("state")), o.path("version").asText(), o.path("uptimeMs").asLong(),
                millis(o.path("startedAt")), o.path("heap").path("usedBytes").asLong(),
                o.path("heap").path("maxBytes").asLong(), roots, o.has("disk") ? new DiskStatus(
                        o.path("disk").path("path").asText(), o.path("disk").path("fileSystem").asText(),
                        o.path("disk").path("freeBytes").asLong(-1), o.path("disk").path("reserveBytes").asLong())
                        : null);
    }

    private static RootStatus readRoot(JsonNode n) {
        JsonNode files = n.path("files");
        Map<String, Long> totals = new TreeMap<>();
        totals.put("files", files.path("indexed").asLong());
        totals.put("chunks", n.path("chunks").asLong());
        Coverage coverage = readCoverage(n.path("coverage"));
        if (coverage != null && coverage.embedded() >= 0 && coverage.keyword() > coverage.embedded()) {
            totals.put(Coverage.UNEMBEDDED, coverage.keyword() - coverage.embedded());
        }
        if (coverage != null && coverage.files() >= 0 && coverage.keyword() >= 0) {
            totals.put(Coverage.PENDING_NEW, Math.max(0, coverage.files() - coverage.keyword()));
        }
        if (files.path("redacted").asLong() != 0) {
            totals.put("redacted", files.path("redacted").asLong());
        }
        long failed = files.path("failed").asLong();
        long otherSkips = files.path("skipped").asLong() - failed;
        if (failed != 0) {
            totals.put("skip.UNREADABLE", failed);
        }
        if (otherSkips != 0) {
            totals.put("skip.OTHER", otherSkips);
        }
        JsonNode progress = n.path("progress");
        JsonNode since = n.path("sinceStart");
        RootStatus.Builder b = RootStatus.builder().root(n.path("root").asText())
                .state(state(n.path("state")), n.hasNonNull("reason") ? n.path("reason").asText() : null)
                .ready(n.path("ready").asBoolean()).watcherAlive(n.path("watching").asBoolean()).totals(totals)
                .pending(files.path("pending").asLong()).queueDepth(n.path("queueDepth").asInt())
                .progress(progress.path("phase").asText("idle"), progress.path("done").asLong(),
                        progress.path("total").asLong())
                .chunks(progress.path("chunksDone").asLong(), progress.path("chunksTotal").asLong(-1),
                        progress.path("chunksPerSecond").asDouble(), progress.path("etaMs").asLong(-1))
                .sinceStart(since.path("passes").asLong(), since.path("rescans").asLong(),
                        since.path("filesIndexed").asLong(), since.path("chunksEmbedded").asLong())
                .filesPerSec(n.path("filesPerSecond").asDouble())
                .lastPassAt(millis(n.path("lastPassAt")))
                .describedAs(n.path("store").asText(), n.path("embedder").asText());
        JsonNode cp = n.path("checkpoint");
        if (cp.isObject()) {
            b.checkpoint(new CheckpointInfo(cp.path("runId").asText(), cp.path("phase").asText("none"),
                    cp.path("filesDone").asLong(), cp.path("filesTotal").asLong(), cp.path("batchesCommitted").asLong(),
                    cp.path("lastCommittedPath").asText(), cp.path("cleanShutdown").asBoolean(true),
                    millis(cp.path("updatedAt"))));
        }
        if (n.has("lastError")) {
            b.lastError(n.path("lastError").path("message").asText(), millis(n.path("lastError").path("at")));
            if (n.path("lastError").has("resolvedAt")) {
                b.lastErrorResolvedAt(millis(n.path("lastError").path("resolvedAt")));
            }
        }
        List<RecentPass> recent = new ArrayList<>();
        for (JsonNode e : n.path("recent")) {
            List<String> sample = new ArrayList<>();
            e.path("samplePaths").forEach(p -> sample.add(p.asText()));
            recent.add(new RecentPass(millis(e.path("at")), e.path("paths").asInt(), sample,
                    e.hasNonNull("rescan") ? e.path("rescan").asText() : null, e.path("indexed").asLong(),
                    e.path("deleted").asLong(), e.path("moved").asLong(), e.path("chunksEmbedded").asLong(),
                    e.path("durationMs").asLong()));
        }
        return b.recent(recent).build();
    }

    private static RootState state(JsonNode id) {
        try {
            return RootState.valueOf(id.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a root state: " + id);
        }
    }

    /** An ISO instant as epoch millis; 0 when absent. */
    private static long millis(JsonNode iso) {
        return iso.isTextual() ? Instant.parse(iso.asText()).toEpochMilli() : 0;
    }
}
