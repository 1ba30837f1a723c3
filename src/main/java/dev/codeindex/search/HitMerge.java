package dev.codeindex.search;

import dev.codeindex.store.SearchHit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the definitions an identifier names ahead of the nearest vectors. Not a rank fusion:
 * PITFALLS.md measured naive fusion making sentence queries worse, so keyword hits only lead when
 * the query is an identifier, and vector order is kept as it is.
 */
final class HitMerge {
    private HitMerge() {}

    static List<SearchHit> symbolsFirst(List<SearchHit> symbolHits, List<SearchHit> vectorHits, int k) {
        Map<String, SearchHit> out = new LinkedHashMap<>();
        for (SearchHit h : symbolHits) {
            out.putIfAbsent(key(h), h);
        }
        for (SearchHit h : vectorHits) {
            out.putIfAbsent(key(h), h);
        }
        List<SearchHit> list = new ArrayList<>(out.values());
        return list.subList(0, Math.min(k, list.size()));
    }

    private static String key(SearchHit h) {
        return h.path() + ":" + h.startLine() + "-" + h.endLine();
    }
}
