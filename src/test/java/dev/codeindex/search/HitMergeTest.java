package dev.codeindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.store.SearchHit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HitMergeTest {
    static SearchHit hit(String path, double score) {
        return new SearchHit(path, 1, 2, "", "python", score, "");
    }

    /** Vector hits a, b, c, … scored from 0.90 down to 0.80 over the pool. */
    static List<SearchHit> vectors(String... paths) {
        List<SearchHit> out = new ArrayList<>();
        for (int i = 0; i < HitMerge.POOL; i++) {
            out.add(hit(i < paths.length ? paths[i] : "filler" + i, 0.90 - 0.10 * i / (HitMerge.POOL - 1)));
        }
        return out;
    }

    private static List<String> paths(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::path).toList();
    }

    @Test
    void without_keyword_hits_the_vector_order_stays() {
        assertEquals(List.of("a", "b", "c"), paths(HitMerge.fuse(vectors("a", "b", "c"), List.of(), 0.2, 3)));
    }

    @Test
    void a_keyword_match_lifts_a_hit_that_is_nearly_as_near() {
        List<SearchHit> fused = HitMerge.fuse(vectors("a", "b", "c"), List.of(hit("b", 12.0), hit("c", 1.0)), 0.2, 3);
        assertEquals(List.of("b", "a", "c"), paths(fused));
        assertTrue(fused.get(0).score() > fused.get(1).score());
    }

    @Test
    void keywords_cannot_lift_a_hit_over_one_clearly_nearer() {
        List<SearchHit> v = vectors("a", "b");
        // "far" is only a keyword hit: it starts from the pool's floor and gains at most the weight
        List<SearchHit> fused = HitMerge.fuse(v, List.of(hit("far", 20.0)), 0.2, HitMerge.POOL + 1);
        int far = paths(fused).indexOf("far");
        assertTrue(far > 30, "a keyword-only hit ranks below every vector hit scaled above the weight: " + far);
        assertEquals(List.of("a", "b"), paths(fused).subList(0, 2));
    }

    @Test
    void lead_puts_the_first_list_ahead_without_duplicates() {
        assertEquals(List.of("s", "a", "b"),
                paths(HitMerge.lead(List.of(hit("s", 1), hit("a", 1)), List.of(hit("a", 0.9), hit("b", 0.8)), 3)));
    }

    private static SearchHit at(String path, int start, int end, double score) {
        return new SearchHit(path, start, end, "S" + start, "java", score, "snippet " + start);
    }

    private static List<String> ranges(List<SearchHit> hits) {
        return hits.stream().map(h -> h.path() + ":" + h.startLine() + "-" + h.endLine() + "@" + h.score()).toList();
    }

    @Test
    void overlapping_windows_of_a_file_fold_into_the_best_one_which_shows_their_union() {
        List<SearchHit> ranked = List.of(at("a.js", 60, 119, 0.9), at("b.js", 1, 40, 0.8), at("a.js", 115, 150, 0.7),
                at("a.js", 1, 64, 0.6), at("b.js", 41, 60, 0.5));
        List<SearchHit> collapsed = HitMerge.collapse(ranked);
        assertEquals(List.of("a.js:1-150@0.9", "b.js:1-40@0.8", "b.js:41-60@0.5"), ranges(collapsed),
                "lines shared fold, lines that only touch do not");
        assertEquals("S60", collapsed.get(0).symbol(), "the best hit keeps its symbol and snippet");
        assertEquals("snippet 60", collapsed.get(0).snippet());
        // and says where that snippet starts: an agent read it as lines 1… and could not cite it (a trial)
        assertEquals(60, collapsed.get(0).snippetStart());
        assertEquals(1, collapsed.get(1).snippetStart(), "a hit that kept its lines starts its snippet at them");
    }

    @Test
    void a_range_that_widens_folds_in_hits_it_now_meets() {
        // 200-260 and 100-150 are apart until 140-210 joins the best one
        List<SearchHit> ranked = List.of(at("a.md", 200, 260, 0.9), at("a.md", 100, 150, 0.8), at("c.md", 1, 9, 0.75),
                at("a.md", 140, 210, 0.7));
        assertEquals(List.of("a.md:100-260@0.9", "c.md:1-9@0.75"), ranges(HitMerge.collapse(ranked)));
    }

    private static SearchHit window(String symbol, int start, int end, int regionStart, int regionEnd, double score) {
        return new SearchHit("a.java", start, end, symbol, "java", score, "snippet " + start, regionStart, regionEnd);
    }

    @Test
    void windows_of_one_definition_fold_though_they_do_not_overlap_and_overloads_stay_apart() {
        // run(int) is 10-200 in windows 10-60 .. 150-200; run(String) is 201-400; both are A.run
        List<SearchHit> ranked = List.of(window("A.run", 150, 200, 10, 200, 0.9), window("A.stop", 420, 430, 420, 430, 0.85),
                window("A.run", 10, 60, 10, 200, 0.8), window("A.run", 201, 250, 201, 400, 0.7),
                window("A.run", 350, 400, 201, 400, 0.6));
        List<SearchHit> collapsed = HitMerge.collapse(ranked);
        assertEquals(List.of("a.java:10-200@0.9", "a.java:420-430@0.85", "a.java:201-400@0.7"), ranges(collapsed),
                "each overload once, over the windows found of it");
        assertEquals("snippet 150", collapsed.get(0).snippet(), "the best window keeps its snippet");
        assertEquals(List.of(10, 200), List.of(collapsed.get(0).regionStart(), collapsed.get(0).regionEnd()));

        // hits that know no region (each is its own) and unnamed windows of one run of lines stay apart
        List<SearchHit> apart = List.of(window("A.run", 150, 200, 150, 200, 0.9), window("A.run", 10, 60, 10, 60, 0.8),
                window("", 500, 560, 500, 700, 0.7), window("", 640, 700, 500, 700, 0.6));
        assertEquals(4, HitMerge.collapse(apart).size());
    }

    @Test
    void hits_of_one_or_two_lines_score_less_and_the_list_is_sorted_again() {
        List<SearchHit> ranked = List.of(at("a.py", 10, 11, 0.9), at("b.py", 1, 3, 0.8), at("c.py", 5, 5, 0.7),
                at("d.py", 1, 40, 0.3));
        List<SearchHit> out = HitMerge.discountShort(ranked);
        assertEquals(List.of("b.py", "a.py", "c.py", "d.py"), paths(out),
                "a short hit keeps its place only above hits it leads by more than the discount");
        assertEquals(List.of(0.8, 0.6, 0.4, 0.3), out.stream().map(h -> Math.round(h.score() * 100) / 100.0).toList());

        // a line or two that say plenty are left alone: prose, a long line, a text cut short in its snippet
        String longLine = "x".repeat(151);
        List<SearchHit> full = List.of(new SearchHit("README.md", 5, 5, "", "markdown", 0.9, "Run it."),
                new SearchHit("min.js", 1, 1, "", "javascript", 0.8, longLine),
                new SearchHit("a.py", 1, 2, "f", "python", 0.7, "def f():\n…"), at("d.py", 1, 40, 0.6));
        assertEquals(List.of(0.9, 0.8, 0.7, 0.6), HitMerge.discountShort(full).stream().map(SearchHit::score).toList());
    }

    @Test
    void a_chunk_without_a_vector_yet_is_found_by_keywords_but_never_above_an_embedded_match_as_good() {
        // "x" is stored for keyword search only (its vector is pending): the best BM25 match, absent from the vectors
        List<SearchHit> keywords = List.of(hit("x", 12.0), hit("b", 12.0), hit("filler49", 12.0), hit("c", 6.0));
        List<SearchHit> fused = HitMerge.fuse(vectors("a", "b", "c"), keywords, Searcher.KEYWORD_WEIGHT, 60);
        double x = score(fused, "x");
        assertTrue(x <= Searcher.KEYWORD_WEIGHT + 1e-9, "a keyword-only hit weighs at most the keyword share: " + x);
        assertTrue(score(fused, "b") > x, "an embedded hit with the same keyword score ranks above: " + fused);
        assertTrue(score(fused, "filler49") >= x, "even the last vector hit with the same keyword score: " + fused);
        assertTrue(paths(fused).indexOf("a") < paths(fused).indexOf("x"), "the nearest vector hit stays above: " + fused);

        // nothing embedded yet: keyword order, every score within the keyword share
        List<SearchHit> only = HitMerge.fuse(List.of(), keywords, Searcher.KEYWORD_WEIGHT, 10);
        assertEquals(List.of("x", "b", "filler49", "c"), paths(only));
        only.forEach(h -> assertTrue(h.score() <= Searcher.KEYWORD_WEIGHT + 1e-9, only.toString()));
    }

    private static double score(List<SearchHit> hits, String path) {
        return hits.stream().filter(h -> h.path().equals(path)).findFirst().orElseThrow().score();
    }

    /** A package's index.d.ts and index.d.cts (the same declarations) answered each hit twice (a trial). */
    @Test
    void the_same_code_in_twin_files_of_one_name_is_one_hit() {
        SearchHit dts = new SearchHit("types/index.d.ts", 10, 20, "AxiosStatic", "typescript", 0.9, "interface AxiosStatic {");
        SearchHit dcts = new SearchHit("types/index.d.cts", 10, 20, "AxiosStatic", "typescript", 0.9, "interface AxiosStatic {");
        SearchHit elsewhere = new SearchHit("other/index.d.cts", 10, 20, "AxiosStatic", "typescript", 0.8, "interface AxiosStatic {");
        SearchHit edited = new SearchHit("types/index.d.mts", 10, 20, "AxiosStatic", "typescript", 0.7, "interface AxiosStatic { x;");

        List<SearchHit> out = HitMerge.withoutTwins(List.of(dts, dcts, elsewhere, edited));

        assertEquals(List.of("types/index.d.ts", "other/index.d.cts", "types/index.d.mts"),
                out.stream().map(SearchHit::path).toList(), "another directory, or other text, stays");
        assertEquals(2, HitMerge.withoutTwins(List.of(new SearchHit("a.js", 1, 2, "", "javascript", 0.5, "x"),
                new SearchHit("a.test.js", 1, 2, "", "javascript", 0.4, "y"))).size());
    }
}
