package dev.codeindex.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.SimilarAnswer;
import dev.codeindex.api.CheckpointInfo;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.RecentPass;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a client reads back from {@code /status} and {@code /search} is what the daemon wrote. */
class ApiJsonReadTest {
    @Test
    void a_status_read_back_writes_the_same_json_and_has_the_same_counts() {
        RootStatus busy = RootStatus.builder().root("/a").state(RootState.DEGRADED, "store down").ready(true)
                .watcherAlive(true).totals(Map.of("files", 10L, "chunks", 33L, "skip.UNREADABLE", 2L, "skip.BINARY", 5L,
                        "lang.java", 10L)).pending(4).queueDepth(2).progress("index", 3, 9).sinceStart(5, 1, 70, 300)
                .filesPerSec(12.34).lastError("connection refused", 1_700_000_000_000L).lastErrorResolvedAt(1_700_000_090_000L).lastPassAt(1_700_000_100_000L)
                .totals(Map.of("files", 10L, "chunks", 33L, "skip.UNREADABLE", 2L, "skip.BINARY", 5L, "lang.java", 10L,
                        Coverage.UNEMBEDDED, 6L))
                .checkpoint(new CheckpointInfo("r", "index", 3, 9, 1, "x", false, 5)).describedAs("embedded store in /d", "minilm")
                .recent(List.of(new RecentPass(1_700_000_050_000L, 2, List.of("a.py", "b.py"), null, 2, 0, 0, 4, 120),
                        new RecentPass(1_700_000_060_000L, 0, List.of(), "timer", 0, 1, 0, 0, 900)))
                .build();
        RootStatus quiet = RootStatus.builder().root("/b").state(RootState.WATCHING, null).build();
        DaemonStatus status = new DaemonStatus(RootState.DEGRADED, "1.2.3", 65_000, 1_700_000_000_000L, 64, 512,
                List.of(busy, quiet));

        DaemonStatus back = ApiJson.readStatus(ApiJson.status(status));

        assertEquals(ApiJson.status(status), ApiJson.status(back));
        assertEquals(busy.files(), back.roots().get(0).files());
        assertEquals(busy.chunks(), back.roots().get(0).chunks());
        assertEquals(new Coverage(14, 10, 4, true), back.roots().get(0).coverage(), "files in all, keyword, embedded");
        assertEquals("store down", back.roots().get(0).reason());
        assertEquals(1_700_000_000_000L, back.roots().get(0).lastErrorAt());
        assertEquals(1_700_000_090_000L, back.roots().get(0).lastErrorResolvedAt());
        assertEquals(quiet.files(), back.roots().get(1).files());
        assertEquals(null, back.roots().get(1).reason());
        assertEquals(status.startedAt(), back.startedAt());
    }

    @Test
    void a_search_answer_read_back_is_the_same() {
        SearchAnswer a = new SearchAnswer(List.of(new SearchResult("p.py", 3, 9, "f", "python", 0.8125, "def f():\n  pass"),
                new SearchResult("Q.java", 1, 2, "", "java", 0.5, ""),
                new SearchResult("L.java", 10, 400, "L.run", "java", 0.4, "x = y;", "/r", 220)), 7);
        assertEquals(a, ApiJson.readSearch(ApiJson.search(a)));
        assertEquals(220, ApiJson.search(a).path("results").get(2).path("snippetStartLine").asInt(),
                "a long definition's hit says where its snippet starts");
        assertFalse(ApiJson.search(a).path("results").get(0).has("snippetStartLine"), "only where it is not startLine");
        SearchAnswer covered = new SearchAnswer(a.results(), -1, new Coverage(-1, 120, 40, true));
        assertEquals(covered, ApiJson.readSearch(ApiJson.search(covered)));
        assertEquals(120, ApiJson.search(covered).path("coverage").path("keywordIndexed").asLong());
    }

    @Test
    void a_context_answer_read_back_is_the_same() {
        ContextAnswer a = new ContextAnswer("/r", "src/A.java", 5, 3, 9, "A.run", "method", "java", "void run() {\n}", false,
                "the file changed since it was indexed: chunked from the file now");
        assertEquals(a, ApiJson.readContext(ApiJson.context(a)));
        ContextAnswer noNote = new ContextAnswer("/r", "a.py", 1, 1, 1, "", "lines", "python", "x = 1", true, null);
        assertEquals(noNote, ApiJson.readContext(ApiJson.context(noNote)));
    }

    @Test
    void a_similar_answer_read_back_is_the_same() {
        List<SearchResult> hits = List.of(new SearchResult("b.py", 1, 4, "g", "python", 0.75, "def g():"));
        SimilarAnswer fromChunk = new SimilarAnswer("a.py", 3, 9, "f",
                new SearchAnswer(hits, 2, new Coverage(40, 38, 12, true), List.of("a note")));
        assertEquals(fromChunk, ApiJson.readSimilar(ApiJson.similar(fromChunk)));
        SimilarAnswer fromSnippet = SimilarAnswer.ofSnippet(new SearchAnswer(hits, -1));
        assertEquals(fromSnippet, ApiJson.readSimilar(ApiJson.similar(fromSnippet)));
    }
}
