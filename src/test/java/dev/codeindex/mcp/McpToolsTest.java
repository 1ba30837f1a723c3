package dev.codeindex.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.ContextRequest;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.Reference;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SearchResult;
import dev.codeindex.api.SimilarRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.testing.FakeDaemon;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tools on a fake daemon: arguments checked with messages an agent can act on, answers bounded. */
class McpToolsTest {
    final FakeDaemon daemon = new FakeDaemon();
    final ObjectMapper json = new ObjectMapper();

    McpTools.Result call(McpTools tools, String name, Map<String, Object> args) {
        return tools.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().handler().apply(args);
    }

    McpTools.Result call(String name, Map<String, Object> args) {
        return call(new McpTools(daemon, "/fake/root"), name, args);
    }

    static SearchResult hit(int i, int codeChars) {
        return new SearchResult("src/F" + i + ".java", 1, 10, "F" + i + ".m", "java", 0.9 - i / 100.0, "x".repeat(codeChars));
    }

    /** Hits of a name that exists nowhere were taken for its matches (a trial): a note says they are not. */
    @Test
    void a_name_no_hit_defines_or_shows_gets_a_note() {
        SearchAnswer near = new SearchAnswer(List.of(new SearchResult("a.py", 1, 3, "load", "python", 0.7,
                "def load(path):\n    return read(path)")), 0);
        assertTrue(McpTools.withUnmatchedName("frobnicate_widget", near).notes().get(0)
                .startsWith("no hit defines or shows `frobnicate_widget`: these are only near it in meaning"));
        assertEquals(List.of(), McpTools.withUnmatchedName("read", near).notes(), "shown in a hit's code");
        assertEquals(List.of(), McpTools.withUnmatchedName("Loader.load", near).notes(), "its last part is a hit's symbol");
        assertEquals(List.of(), McpTools.withUnmatchedName("load the file", near).notes(), "words, not a name");
    }

    @Test
    void every_tool_has_a_description_and_an_object_schema() throws Exception {
        for (McpTools.Tool t : new McpTools(daemon, null).tools()) {
            assertTrue(t.description().length() > 80, t.name());
            assertEquals("object", json.readTree(t.inputSchema()).path("type").asText(), t.name());
        }
    }

    @Test
    void search_passes_the_arguments_and_the_root_and_answers_hits_with_their_code() throws Exception {
        daemon.searchAnswers(new SearchAnswer(List.of(hit(1, 20)), 4));
        McpTools.Result r = call("search_code", Map.of("query", "open a socket", "k", 7, "lang", "java", "path", "src/**"));
        assertFalse(r.error(), r.text());
        assertEquals(List.of(new SearchRequest("open a socket", 7, "java", "src/**", "/fake/root")), daemon.searches());
        JsonNode a = json.readTree(r.text());
        assertEquals("src/F1.java", a.path("results").get(0).path("path").asText());
        assertEquals("x".repeat(20), a.path("results").get(0).path("code").asText());
        assertEquals(4, a.path("pending").asLong());
        assertTrue(a.path("behind").asText().contains("4 files"), r.text());
    }

    @Test
    void while_a_first_index_runs_search_and_find_symbol_say_how_much_is_covered_and_why_nothing_was_found()
            throws Exception {
        daemon.searchAnswers(new SearchAnswer(List.of(), -1, new dev.codeindex.api.Coverage(-1, 0, 0, true)));
        for (String tool : List.of("search_code", "find_symbol")) {
            McpTools.Result r = call(tool, Map.of(tool.equals("find_symbol") ? "name" : "query", "parse_args"));
            assertFalse(r.error(), r.text());
            JsonNode a = json.readTree(r.text());
            assertEquals(0, a.path("coverage").path("keywordIndexed").asLong(), r.text());
            assertEquals(-1, a.path("coverage").path("files").asLong(), r.text());
            assertTrue(a.path("coverage").path("passInFlight").asBoolean(), r.text());
            assertTrue(a.path("note").asText().contains("a first index pass is running"), r.text());
        }
        daemon.searchAnswers(new SearchAnswer(List.of(hit(1, 20)), 500, new dev.codeindex.api.Coverage(846, 346, 100, true)));
        JsonNode partial = json.readTree(call("search_code", Map.of("query", "q")).text());
        assertEquals(100, partial.path("coverage").path("embedded").asLong(), partial.toString());
        assertTrue(partial.path("behind").asText().contains("346 of 846 files are indexed for symbol and keyword search,"
                + " 100 of them also by meaning"), partial.toString());
        daemon.searchAnswers(new SearchAnswer(List.of(hit(1, 20)), 0, new dev.codeindex.api.Coverage(9, 9, 9, false)));
        JsonNode whole = json.readTree(call("search_code", Map.of("query", "q")).text());
        assertTrue(whole.path("coverage").isObject(), whole.toString());
        assertFalse(whole.has("behind"), whole.toString());
    }

    @Test
    void k_defaults_to_ten_and_accepts_a_whole_number_sent_as_a_double() {
        call("search_code", Map.of("query", "q"));
        call("search_code", Map.of("query", "q", "k", 5.0));
        call("search_code", Map.of("query", "q", "k", " 7")); // agents often quote numbers (a new-user trial)
        assertEquals(10, daemon.searches().get(0).k());
        assertEquals(5, daemon.searches().get(1).k());
        assertEquals(7, daemon.searches().get(2).k());
    }

    @Test
    void bad_arguments_are_errors_that_say_what_to_fix_and_never_reach_the_daemon() {
        Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Map.of(), "`query` is required");
        cases.put(Map.of("query", "  "), "`query` is required");
        cases.put(Map.of("query", "q", "k", 0), "`k` must be from 1 to 50, got 0");
        cases.put(Map.of("query", "q", "k", 5000), "`k` must be from 1 to 50, got 5000");
        cases.put(Map.of("query", "q", "k", 2.5), "`k` must be a whole number");
        cases.put(Map.of("query", "q", "k", "ten"), "`k` must be a whole number, got the text \"ten\"");
        cases.put(Map.of("query", 42), "`query` must be a string");
        cases.put(Map.of("query", "q", "limit", 3), "unknown argument(s) [limit]");
        cases.put(Map.of("query", "q".repeat(McpTools.MAX_QUERY_CHARS + 1)), "at most 2000");
        cases.forEach((args, message) -> {
            McpTools.Result r = call("search_code", args);
            assertTrue(r.error(), args.toString());
            assertTrue(r.text().contains(message), r.text());
        });
        assertEquals(List.of(), daemon.searches());
    }

    @Test
    void what_the_daemon_refuses_is_an_error_with_its_message_and_a_bug_is_an_error_without_a_stack_trace() {
        daemon.searchFails(new IllegalArgumentException("bad glob '[': Missing ']'"));
        McpTools.Result bad = call("search_code", Map.of("query", "q", "path", "["));
        assertTrue(bad.error());
        assertEquals("bad glob '[': Missing ']'", bad.text());
        daemon.searchFails(new NullPointerException("boom"));
        McpTools.Result bug = call("search_code", Map.of("query", "q"));
        assertTrue(bug.error());
        assertTrue(bug.text().startsWith("codeindex failed to answer") && !bug.text().contains("\tat "), bug.text());
    }

    @Test
    void hits_past_the_size_cap_are_cut_with_a_note() throws Exception {
        List<SearchResult> hits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hits.add(hit(i, 1000));
        }
        daemon.searchAnswers(new SearchAnswer(hits, 0));
        McpTools.Result r = call(new McpTools(daemon, null, 4000), "search_code", Map.of("query", "q"));
        JsonNode a = json.readTree(r.text());
        assertTrue(a.path("results").size() >= 1 && a.path("results").size() < 10, r.text());
        assertTrue(a.path("note").asText().contains("of 10 hits"), r.text());
        assertTrue(r.text().length() < 4000 + 1000, "about the cap: " + r.text().length());
    }

    /** The code of a hit is a preview of a long chunk; nothing said so, and the tool said "the chunk's code" (a trial). */
    @Test
    void code_that_is_a_preview_says_so_and_where_the_rest_is() throws Exception {
        SearchResult preview = new SearchResult("cookie/index.js", 169, 295, "serialize", "javascript", 0.9,
                "function serialize(name, val, opt) {\n  var enc = opt.encode;…", "/r");
        daemon.searchAnswers(new SearchAnswer(List.of(preview), 0));
        JsonNode a = json.readTree(call("search_code", Map.of("query", "q")).text());
        assertTrue(a.path("note").asText().contains("first lines") && a.path("note").asText().contains("get_context"),
                a.toString());
        daemon.searchAnswers(new SearchAnswer(List.of(new SearchResult("a.js", 1, 2, "f", "javascript", 0.9,
                "function f() {}", "/r")), 0));
        assertTrue(json.readTree(call("search_code", Map.of("query", "q")).text()).path("note").isMissingNode(),
                "whole code needs no note");
    }

    @Test
    void one_hit_larger_than_the_cap_has_its_code_cut() throws Exception {
        daemon.searchAnswers(new SearchAnswer(List.of(hit(1, 50_000)), 0));
        McpTools.Result r = call(new McpTools(daemon, null, 4000), "search_code", Map.of("query", "q"));
        JsonNode a = json.readTree(r.text());
        assertEquals(1, a.path("results").size());
        assertTrue(a.path("results").get(0).path("code").asText().endsWith("… (cut)"));
        assertTrue(r.text().length() < 5000, "" + r.text().length());
        assertTrue(a.path("note").asText().contains("cut"), r.text());
    }

    @Test
    void status_shows_the_served_root_with_its_counts_and_last_error() throws Exception {
        daemon.roots(RootStatus.builder().root("/fake/root").state(RootState.DEGRADED, "store down")
                        .totals(Map.of("files", 12L, "chunks", 40L, "skip.UNREADABLE", 1L, "skip.BINARY", 2L)).pending(3)
                        .lastError("connection refused", 1_700_000_000_000L).build(),
                RootStatus.builder().root("/other").state(RootState.WATCHING, null).build());
        JsonNode s = json.readTree(call("index_status", Map.of()).text());
        assertEquals(1, s.path("roots").size(), s.toString());
        JsonNode r = s.path("roots").get(0);
        assertEquals("degraded", r.path("state").asText());
        assertEquals("store down", r.path("reason").asText());
        assertEquals(12, r.path("files").path("indexed").asLong());
        assertEquals(3, r.path("files").path("pending").asLong());
        assertEquals(1, r.path("files").path("failed").asLong());
        assertEquals(3, r.path("files").path("skipped").asLong());
        assertEquals(40, r.path("chunks").asLong());
        assertEquals("connection refused", r.path("lastError").path("message").asText());

        // once a pass succeeded after it, the error is history: an agent took it for the present (a team trial)
        daemon.roots(RootStatus.builder().root("/fake/root").state(RootState.WATCHING, null)
                .lastError("connection refused", 1_700_000_000_000L).lastErrorResolvedAt(1_700_000_060_000L).build());
        JsonNode resolved = json.readTree(call("index_status", Map.of()).text()).path("roots").get(0);
        assertTrue(resolved.path("lastError").isMissingNode(), resolved.toString());
    }

    @Test
    void reindex_passes_the_root_and_path_and_a_refusal_is_an_error() throws Exception {
        Map<String, Object> args = new HashMap<>();
        args.put("path", "src");
        McpTools.Result ok = call("reindex", args);
        assertFalse(ok.error(), ok.text());
        assertEquals(List.of(new FakeDaemon.ReindexCall("/fake/root", "src")), daemon.reindexes());
        assertTrue(json.readTree(ok.text()).path("scheduled").asBoolean());
        daemon.reindexFails(new IllegalArgumentException("path ../x leaves the root"));
        McpTools.Result refused = call("reindex", Map.of("path", "../x"));
        assertTrue(refused.error());
        assertEquals("path ../x leaves the root", refused.text());
    }

    @Test
    void find_symbol_passes_the_name_k_and_root_and_answers_bounded_hits() throws Exception {
        daemon.searchAnswers(new SearchAnswer(List.of(hit(1, 20)), 0));
        McpTools.Result r = call("find_symbol", Map.of("name", "F1.m", "k", 3));
        assertFalse(r.error(), r.text());
        assertEquals(List.of(new SymbolRequest("F1.m", 3, "/fake/root")), daemon.symbolLookups());
        assertEquals("F1.m", json.readTree(r.text()).path("results").get(0).path("symbol").asText());
        call("find_symbol", Map.of("name", "parse_args"));
        assertEquals(McpTools.DEFAULT_K, daemon.symbolLookups().get(1).k());
        daemon.searchAnswers(new SearchAnswer(List.of(), 0));
        assertTrue(json.readTree(call("find_symbol", Map.of("name", "nope")).text()).path("note").asText()
                .contains("no definition is named `nope` (functions, methods, classes and other types are; constants"));
    }

    static Reference use(int i, int textChars) {
        return new Reference("/fake/root", "src/F" + i + ".java", 10 + i, "x".repeat(textChars), "F" + i + ".m", "method",
                5, 20, false);
    }

    @Test
    void find_references_passes_its_arguments_and_answers_the_lines_bounded_with_a_note_for_what_is_left_out()
            throws Exception {
        daemon.referencesAnswers(new ReferencesAnswer("m", List.of(use(1, 10), use(2, 10)), 2, 2, true, 0,
                new Coverage(5, 5, 5, false), List.of()));
        McpTools.Result r = call("find_references", Map.of("name", "F.m", "k", 7, "lang", "java", "path", "src/**"));
        assertFalse(r.error(), r.text());
        assertEquals(List.of(new ReferencesRequest("F.m", 7, "java", "src/**", "/fake/root")), daemon.referenceLookups());
        JsonNode a = json.readTree(r.text());
        assertEquals(2, a.path("references").size());
        assertEquals("F1.m", a.path("references").get(0).path("symbol").asText());
        assertEquals("/fake/root", a.path("root").asText(), "one root: said once");
        assertTrue(a.path("references").get(0).path("root").isMissingNode(), r.text());
        assertEquals(11, a.path("references").get(0).path("line").asInt());
        assertTrue(a.path("complete").asBoolean());
        assertTrue(a.path("note").isMissingNode(), r.text());
        call("find_references", Map.of("name", "m"));
        assertEquals(ReferencesRequest.DEFAULT_K, daemon.referenceLookups().get(1).k());

        // more than fit: cut, and said
        List<Reference> many = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(use(i, 200));
        }
        daemon.referencesAnswers(new ReferencesAnswer("m", many, 30, 30, true, 0, null, List.of()));
        JsonNode cut = json.readTree(call(new McpTools(daemon, "/fake/root", 4_000), "find_references",
                Map.of("name", "m")).text());
        assertTrue(cut.path("references").size() < 50 && cut.path("references").size() > 0, cut.toString());
        assertFalse(cut.path("complete").asBoolean(), cut.toString());
        assertTrue(cut.path("note").asText().startsWith("cut to " + cut.path("references").size() + " of 50"), cut.toString());

        // k reached before every file was read
        daemon.referencesAnswers(new ReferencesAnswer("m", List.of(use(1, 10)), 1, 12, false, 0, null, List.of()));
        assertTrue(json.readTree(call("find_references", Map.of("name", "m", "k", 1)).text()).path("note").asText()
                .contains("in 1 of the 12 files that may hold `m`: raise `k`"));
        // lines whose text JSON escapes stay within the bound (review: the estimate left out the escapes)
        List<Reference> quoted = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            quoted.add(new Reference("/fake/root", "src/F" + i + ".java", i + 1, "\"\\".repeat(100), "F.m", "method", 1, 60, false));
        }
        daemon.referencesAnswers(new ReferencesAnswer("m", quoted, 50, 50, true, 0, null, List.of()));
        String bounded = call(new McpTools(daemon, "/fake/root", 8_000), "find_references", Map.of("name", "m")).text();
        assertTrue(bounded.length() <= 8_000, bounded.length() + " characters");
        assertTrue(json.readTree(bounded).path("note").asText().startsWith("cut to "), bounded);
        // nothing found, but the look stopped early: not "nothing uses it" (review)
        daemon.referencesAnswers(new ReferencesAnswer("m", List.of(), 0, 40, false, 0, null, List.of("a cap")));
        assertTrue(json.readTree(call("find_references", Map.of("name", "m")).text()).path("note").asText()
                .startsWith("the look stopped before any use of `m` was found"));
        // nothing
        daemon.referencesAnswers(new ReferencesAnswer("zap", List.of(), 0, 0, true, 3, new Coverage(9, 6, 6, true), List.of()));
        JsonNode none = json.readTree(call("find_references", Map.of("name", "zap")).text());
        assertTrue(none.path("note").asText().startsWith("no line uses `zap` as a whole identifier"), none.toString());
        assertTrue(none.path("behind").asText().contains("6 of 9 files"), none.toString());
    }

    @Test
    void find_references_refuses_bad_arguments_before_the_daemon() {
        Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Map.of(), "`name` is required");
        cases.put(Map.of("name", "x", "k", 0), "`k` must be from 1 to 500, got 0");
        cases.put(Map.of("name", "x", "k", 501), "`k` must be from 1 to 500, got 501");
        cases.put(Map.of("name", "x", "kind", "method"), "unknown argument(s) [kind]");
        cases.put(Map.of("name", "x".repeat(3000)), "at most");
        cases.forEach((args, message) -> {
            McpTools.Result r = call("find_references", args);
            assertTrue(r.error() && r.text().contains(message), r.text());
        });
        assertEquals(List.of(), daemon.referenceLookups());
    }

    @Test
    void find_symbol_refuses_bad_arguments_and_reports_what_the_daemon_refuses() {
        Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Map.of(), "`name` is required");
        cases.put(Map.of("name", " "), "`name` is required");
        cases.put(Map.of("name", "x", "k", 51), "`k` must be from 1 to 50, got 51");
        cases.put(Map.of("name", 3), "`name` must be a string");
        cases.put(Map.of("name", "x", "kind", 7), "`kind` must be a string");
        cases.put(Map.of("name", "x", "type", "method"), "unknown argument(s) [type]");
        cases.forEach((args, message) -> {
            McpTools.Result r = call("find_symbol", args);
            assertTrue(r.error() && r.text().contains(message), r.text());
        });
        assertEquals(List.of(), daemon.symbolLookups());
        daemon.searchFails(new IllegalArgumentException("'a b' is not a symbol name"));
        McpTools.Result bad = call("find_symbol", Map.of("name", "a b"));
        assertTrue(bad.error());
        assertEquals("'a b' is not a symbol name", bad.text());
    }

    @Test
    void find_symbol_passes_the_kind_and_says_to_drop_it_when_nothing_of_that_kind_is_found() throws Exception {
        McpTools.Result r = call("find_symbol", Map.of("name", "parse", "kind", "class"));
        assertFalse(r.error(), r.text());
        assertEquals(List.of(new dev.codeindex.api.SymbolRequest("parse", 10, "/fake/root", "class")), daemon.symbolLookups());
        assertTrue(json.readTree(r.text()).path("note").asText().contains("drop `kind`"), r.text());
    }

    @Test
    void get_context_asks_for_the_served_root_refuses_bad_arguments_and_cuts_long_code_with_a_note() throws Exception {
        McpTools.Result ok = call("get_context", Map.of("path", "src/A.java", "line", 12));
        assertFalse(ok.error(), ok.text());
        assertEquals(List.of(new ContextRequest("src/A.java", 12, "/fake/root")), daemon.contexts());
        assertEquals("Fake", json.readTree(ok.text()).path("symbol").asText(), ok.text());

        Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Map.of("line", 3), "`path` is required");
        cases.put(Map.of("path", "a.py"), "`line` is required");
        cases.put(Map.of("path", "a.py", "line", 0), "`line` must be 1 or more");
        cases.put(Map.of("path", "a.py", "line", 1.5), "`line` must be a whole number");
        // was clamped: "line 2147483647 is past the end" (a trial)
        cases.put(Map.of("path", "a.py", "line", new java.math.BigInteger("99999999999999999999")),
                "`line` is out of range, got 99999999999999999999");
        cases.put(Map.of("path", "a.py", "line", 1, "k", 3), "unknown argument(s) [k]");
        cases.forEach((args, message) -> {
            McpTools.Result r = call("get_context", args);
            assertTrue(r.error() && r.text().contains(message), r.text());
        });
        daemon.contextFails(new IllegalArgumentException("path '../x' lies outside the root /fake/root"));
        McpTools.Result outside = call("get_context", Map.of("path", "../x", "line", 1));
        assertTrue(outside.error() && outside.text().contains("outside the root"), outside.text());

        daemon.contextAnswers(new ContextAnswer("/fake/root", "Big.java", 5, 1, 900, "Big", "class", "java",
                "x".repeat(50_000), true, null));
        McpTools.Result big = call(new McpTools(daemon, "/fake/root", 4000), "get_context", Map.of("path", "Big.java", "line", 5));
        assertFalse(big.error());
        assertTrue(big.text().length() < 4000 + 500, "bounded: " + big.text().length());
        assertTrue(json.readTree(big.text()).path("cut").asText().contains("read the file from line 1 to 900"), big.text());
    }

    @Test
    void find_similar_takes_a_chunk_or_a_snippet_but_not_both_and_answers_like_search() throws Exception {
        daemon.searchAnswers(new SearchAnswer(List.of(hit(1, 10), hit(2, 10)), 0));
        JsonNode byChunk = json.readTree(call("find_similar", Map.of("path", "src/A.java", "line", 4, "k", 2)).text());
        assertEquals("src/A.java", byChunk.path("source").path("path").asText(), byChunk.toString());
        assertEquals(2, byChunk.path("results").size());
        JsonNode bySnippet = json.readTree(call("find_similar", Map.of("code", "int x = 1;")).text());
        assertTrue(bySnippet.path("source").isMissingNode(), bySnippet.toString());
        assertEquals(List.of(new SimilarRequest("src/A.java", 4, null, 2, "/fake/root"),
                new SimilarRequest(null, 0, "int x = 1;", McpTools.DEFAULT_K, "/fake/root")), daemon.similars());

        Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Map.of(), "give `path` and `line`");
        cases.put(Map.of("path", "a.py", "line", 1, "code", "x"), "not both");
        cases.put(Map.of("path", "a.py"), "`line` is required with `path`");
        cases.put(Map.of("code", "x".repeat(McpTools.MAX_CODE_CHARS + 1)), "at most " + McpTools.MAX_CODE_CHARS);
        cases.put(Map.of("code", "x", "k", 99), "`k` must be from 1 to 50");
        cases.forEach((args, message) -> {
            McpTools.Result r = call("find_similar", args);
            assertTrue(r.error() && r.text().contains(message), r.text());
        });
        daemon.searchFails(new IllegalStateException("the index is offline (analysis only, no embeddings)"));
        McpTools.Result offline = call("find_similar", Map.of("code", "x"));
        assertTrue(offline.error() && offline.text().contains("offline"), offline.text());
    }

    @Test
    void with_several_roots_root_picks_one_by_path_inside_or_name_and_an_unknown_root_lists_the_served_ones() throws Exception {
        daemon.roots(RootStatus.builder().root("/srv/app").state(RootState.WATCHING, null).ready(true).build(),
                RootStatus.builder().root("/srv/lib").state(RootState.WATCHING, null).ready(true).build());
        daemon.searchAnswers(new SearchAnswer(List.of(new SearchResult("a.py", 1, 2, "f", "python", 0.9, "def f(): pass",
                "/srv/app")), 0));
        McpTools tools = new McpTools(daemon, List.of("/srv/app", "/srv/lib"), r -> "source of " + r, null);

        JsonNode all = json.readTree(call(tools, "search_code", Map.of("query", "q")).text());
        assertEquals("/srv/app", all.path("results").get(0).path("root").asText(), all.toString());
        call(tools, "search_code", Map.of("query", "q", "root", "/srv/lib"));
        call(tools, "search_code", Map.of("query", "q", "root", "/srv/lib/src/deep"));
        call(tools, "find_symbol", Map.of("name", "f", "root", "app"));
        List<String> asked = new ArrayList<>();
        daemon.searches().forEach(r -> asked.add(r.root()));
        assertEquals(java.util.Arrays.asList(null, "/srv/lib", "/srv/lib"), asked);
        assertEquals("/srv/app", daemon.symbolLookups().get(0).root());

        McpTools.Result unknown = call(tools, "search_code", Map.of("query", "q", "root", "/elsewhere"));
        assertTrue(unknown.error());
        assertTrue(unknown.text().contains("/elsewhere") && unknown.text().contains("[/srv/app, /srv/lib]"), unknown.text());
        assertEquals(3, daemon.searches().size(), "an unknown root never reaches the daemon");
        for (String tool : List.of("find_symbol", "get_context", "find_similar", "index_status", "reindex")) {
            Map<String, Object> args = new HashMap<>(Map.of("root", "nope"));
            McpTools.Result r = call(tools, tool, switch (tool) {
                case "find_symbol" -> Map.of("name", "f", "root", "nope");
                case "get_context" -> Map.of("path", "a.py", "line", 1, "root", "nope");
                case "find_similar" -> Map.of("code", "x", "root", "nope");
                default -> args;
            });
            assertTrue(r.error() && r.text().contains("not served here"), tool + ": " + r.text());
        }

        call(tools, "get_context", Map.of("path", "a.py", "line", 1, "root", "lib"));
        assertEquals("/srv/lib", daemon.contexts().get(0).root());
        call(tools, "find_similar", Map.of("code", "x"));
        assertEquals(null, daemon.similars().get(0).root());
        call(tools, "reindex", Map.of("root", "/srv/app"));
        assertEquals("/srv/app", daemon.reindexes().get(0).root());

        JsonNode every = json.readTree(call(tools, "index_status", Map.of()).text());
        assertEquals(2, every.path("roots").size(), every.toString());
        assertEquals("source of /srv/lib", every.path("roots").get(1).path("source").asText(), every.toString());
        JsonNode one = json.readTree(call(tools, "index_status", Map.of("root", "/srv/lib")).text());
        assertEquals(1, one.path("roots").size(), one.toString());
        assertEquals("/srv/lib", one.path("roots").get(0).path("root").asText(), one.toString());
    }

    @Test
    void every_tool_takes_a_root_argument() throws Exception {
        for (McpTools.Tool t : new McpTools(daemon, null).tools()) {
            assertTrue(json.readTree(t.inputSchema()).path("properties").has("root"), t.name());
        }
    }

    @Test
    void index_starts_each_root_through_the_indexer_or_on_a_daemon_schedules_a_rescan() throws Exception {
        List<String> asked = new ArrayList<>();
        McpTools withIndexer = new McpTools(daemon, List.of("/srv/app", "/srv/lib"), r -> null, r -> {
            asked.add(r);
            return new McpTools.IndexStart(r, "started", "indexing " + r);
        });
        JsonNode all = json.readTree(call(withIndexer, "index", Map.of()).text());
        assertEquals(List.of("/srv/app", "/srv/lib"), asked);
        assertEquals("started", all.path("roots").get(1).path("state").asText(), all.toString());
        call(withIndexer, "index", Map.of("root", "lib"));
        assertEquals("/srv/lib", asked.get(2));
        assertEquals(List.of(), daemon.reindexes());

        JsonNode onDaemon = json.readTree(call("index", Map.of()).text());
        assertEquals("daemon", onDaemon.path("roots").get(0).path("state").asText(), onDaemon.toString());
        assertEquals(List.of(new FakeDaemon.ReindexCall("/fake/root", null)), daemon.reindexes());
    }
}
