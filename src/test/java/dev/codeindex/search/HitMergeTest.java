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
}
