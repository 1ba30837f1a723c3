package dev.codeindex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.index.IndexSummary;

/** The {@code index --json} summary object of CONTRACT.md (plus documented additions). */
final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryJson() {}

    static String toJson(IndexSummary s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("root", s.root());
        o.put("offline", s.offline());
        ObjectNode files = o.putObject("files");
        files.put("scanned", s.scanned());
        files.put("indexed", s.indexed());
        files.put("unchanged", s.unchanged());
        files.put("deleted", s.deleted());
        files.put("moved", s.moved());
        ObjectNode skipped = files.putObject("skipped");
        skipped.put("tooLarge", s.tooLarge());
        skipped.put("binary", s.binary());
        skipped.put("unreadable", s.unreadable());
        skipped.put("ignored", s.ignored());
        skipped.put("special", s.special());
        files.put("parseFallback", s.parseFallback());
        files.put("encodingFallback", s.encodingFallback());
        ObjectNode langs = o.putObject("languages");
        s.languages().forEach(langs::put);
        ObjectNode symbols = o.putObject("symbols");
        symbols.put("functions", s.functions());
        symbols.put("classes", s.classes());
        symbols.put("imports", s.imports());
        ObjectNode chunks = o.putObject("chunks");
        chunks.put("total", s.chunksTotal());
        chunks.put("embedded", s.chunksEmbedded());
        chunks.put("reused", s.chunksReused());
        chunks.put("deleted", s.chunksDeleted());
        o.put("resumed", s.resumed());
        o.put("truncated", s.truncated());
        o.put("durationMs", s.durationMs());
        ObjectNode phases = o.putObject("phasesMs");
        s.phasesMs().forEach(phases::put);
        return o.toString();
    }
}
