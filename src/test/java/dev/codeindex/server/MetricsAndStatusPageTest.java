package dev.codeindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.testing.FakeDaemon;
import dev.codeindex.testing.LocalHttp;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two routes that are not JSON, {@code /metrics} and the status page {@code /}, over real HTTP
 * against a {@link FakeDaemon}. The JSON routes are in {@link HttpRoutesTest}.
 */
class MetricsAndStatusPageTest {
    final FakeDaemon daemon = new FakeDaemon().roots(HttpRoutesTest.watching(HttpRoutesTest.ROOT));
    final JavalinServer server = new JavalinServer(daemon, "127.0.0.1", 0, null);
    final LocalHttp http = new LocalHttp(server::port);

    @AfterEach
    void stop() {
        server.close();
    }

    static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? "
                    + "(-?[0-9.eE+-]+|NaN|[+-]Inf)");

    @Test
    void metrics_are_prometheus_text_that_agrees_with_status() throws Exception {
        HttpResponse<String> r = http.raw("/metrics", null);
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        Map<String, String> types = new HashMap<>();
        Set<String> helps = new HashSet<>();
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("# HELP ")) {
                assertTrue(helps.add(line.split(" ")[2]), "one HELP per metric: " + line);
            } else if (line.startsWith("# TYPE ")) {
                String[] t = line.split(" ");
                assertTrue(List.of("gauge", "counter").contains(t[3]), line);
                assertEquals(null, types.put(t[2], t[3]), "one TYPE per metric: " + line);
                assertEquals(t[3].equals("counter"), t[2].endsWith("_total"), "counters, and only they, end in _total: " + line);
            } else {
                Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "not a sample line: " + line);
                assertTrue(types.containsKey(m.group(1)) && helps.contains(m.group(1)), "HELP and TYPE come first: " + line);
                String key = m.group(1) + (m.group(3) == null ? "" : "{" + m.group(3) + "}");
                assertEquals(null, samples.put(key, Double.parseDouble(m.group(4).replace("Inf", "Infinity"))),
                        "unique name and labels: " + line);
            }
        }
        JsonNode st = http.get("/status").body();
        JsonNode s = st.path("roots").get(0);
        String lbl = "{root=\"" + PrometheusText.escapeLabel(HttpRoutesTest.ROOT) + "\"}";
        assertEquals(1.0, samples.get("codeindex_build_info{version=\"fake-version\"}"));
        assertEquals(s.path("files").path("indexed").asDouble(), samples.get("codeindex_root_indexed_files" + lbl));
        assertEquals(s.path("files").path("pending").asDouble(), samples.get("codeindex_root_pending_files" + lbl));
        assertEquals(s.path("files").path("failed").asDouble(), samples.get("codeindex_root_failed_files" + lbl));
        assertEquals(s.path("files").path("skipped").asDouble(), samples.get("codeindex_root_skipped_files" + lbl));
        assertEquals(s.path("chunks").asDouble(), samples.get("codeindex_root_chunks" + lbl));
        assertEquals(s.path("queueDepth").asDouble(), samples.get("codeindex_root_queue_depth" + lbl));
        assertEquals(s.path("sinceStart").path("passes").asDouble(), samples.get("codeindex_root_passes_total" + lbl));
        assertEquals(s.path("sinceStart").path("rescans").asDouble(), samples.get("codeindex_root_rescans_total" + lbl));
        assertEquals(s.path("sinceStart").path("chunksEmbedded").asDouble(),
                samples.get("codeindex_root_chunks_embedded_total" + lbl));
        assertEquals(1.0, samples.get("codeindex_root_ready" + lbl));
        String rootLabel = "root=\"" + PrometheusText.escapeLabel(HttpRoutesTest.ROOT) + "\"";
        assertEquals(1.0, samples.get("codeindex_root_state{" + rootLabel + ",state=\"watching\"}"));
        assertEquals(0.0, samples.get("codeindex_root_state{" + rootLabel + ",state=\"degraded\"}"));
        assertEquals(1.0, samples.get("codeindex_state{state=\"watching\"}"));
        assertTrue(samples.get("codeindex_heap_max_bytes") > 0 && samples.get("codeindex_uptime_seconds") >= 0);
    }

    @Test
    void prometheus_text_escapes_label_values_and_help() {
        String out = new PrometheusText().metric("m", "gauge", "a \\ b\nc")
                .sample(1.5, "root", "/tmp/a\"b\\c\nd").sample(Double.NaN, "root", "x").toString();
        assertEquals("# HELP m a \\\\ b\\nc\n# TYPE m gauge\n"
                + "m{root=\"/tmp/a\\\"b\\\\c\\nd\"} 1.5\nm{root=\"x\"} NaN\n", out);
        assertEquals("3", PrometheusText.format(3.0));
        assertEquals("+Inf", PrometheusText.format(Double.POSITIVE_INFINITY));
    }

    @Test
    void the_status_page_is_one_self_contained_html_page() throws Exception {
        HttpResponse<String> r = http.raw("/", null);
        assertEquals(200, r.statusCode());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").replace(" ", "")
                .toLowerCase(Locale.ROOT));
        String html = r.body();
        for (String hook : List.of("id=\"overall\"", "id=\"roots\"", "id=\"search-form\"", "id=\"token\"",
                "\"/status\"", "\"/events\"", "text/event-stream", "\"/search?q=\"", "sessionStorage",
                "Authorization", "textContent", "el(\"progress\"", "files behind", "Recent changes", "etaMs",
                "chunksTotal", "text-overflow: ellipsis")) {
            assertTrue(html.contains(hook), hook);
        }
        for (String banned : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "src=\"http",
                "href=\"http", "@import", "url(http")) {
            assertTrue(!html.contains(banned), banned);
        }
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"), csp);
        assertTrue(csp.contains("'" + StatusPage.hashOf(html, "script") + "'"), "the CSP allows the page's own script");
        assertTrue(csp.contains("'" + StatusPage.hashOf(html, "style") + "'"), "the CSP allows the page's own style");
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""));
    }
}
