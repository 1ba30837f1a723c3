package dev.codeindex.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.codeindex.index.IndexSummary;
import dev.codeindex.walk.IgnoreReason;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The {@code index --json} summary object shown in the README ("What a run prints"). Written with
 * jackson-core's streaming generator: databind's ObjectMapper costs ~40 ms of class initialization,
 * a noticeable share of a short one-shot run, for an object of fixed shape.
 */
final class SummaryJson {
    private static final JsonFactory JSON = new JsonFactory();

    private SummaryJson() {}

    static String toJson(IndexSummary s) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("root", s.root());
            g.writeBooleanField("offline", s.offline());
            g.writeObjectFieldStart("files");
            g.writeNumberField("scanned", s.scanned());
            g.writeNumberField("indexed", s.indexed());
            g.writeNumberField("unchanged", s.unchanged());
            g.writeNumberField("deleted", s.deleted());
            g.writeNumberField("moved", s.moved());
            g.writeObjectFieldStart("skipped");
            g.writeNumberField("tooLarge", s.tooLarge());
            g.writeNumberField("binary", s.binary());
            g.writeNumberField("minified", s.minified());
            g.writeNumberField("unreadable", s.unreadable());
            g.writeNumberField("ignored", s.ignored());
            g.writeNumberField("special", s.special());
            g.writeNumberField("unlisted", s.unlisted());
            g.writeObjectFieldStart("ignoredDirectories");
            for (IgnoreReason r : IgnoreReason.values()) {
                if (r != IgnoreReason.COOKIE) { // a file, never a directory
                    g.writeNumberField(r.key(), s.ignoredDirectories(r));
                }
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeNumberField("parseFallback", s.parseFallback());
            g.writeNumberField("encodingFallback", s.encodingFallback());
            g.writeNumberField("redacted", s.redacted());
            g.writeEndObject();
            numbers(g, "languages", s.languages());
            g.writeObjectFieldStart("symbols");
            g.writeNumberField("functions", s.functions());
            g.writeNumberField("classes", s.classes());
            g.writeNumberField("imports", s.imports());
            g.writeEndObject();
            g.writeObjectFieldStart("chunks");
            g.writeNumberField("total", s.chunksTotal());
            g.writeNumberField("embedded", s.chunksEmbedded());
            g.writeNumberField("reused", s.chunksReused());
            g.writeNumberField("deleted", s.chunksDeleted());
            g.writeEndObject();
            g.writeBooleanField("resumed", s.resumed());
            g.writeBooleanField("truncated", s.truncated());
            g.writeNumberField("durationMs", s.durationMs());
            numbers(g, "phasesMs", s.phasesMs());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void numbers(JsonGenerator g, String name, Map<String, ? extends Number> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue().longValue());
        }
        g.writeEndObject();
    }
}
