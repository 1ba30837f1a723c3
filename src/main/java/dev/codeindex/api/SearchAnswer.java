package dev.codeindex.api;

import java.util.List;

/**
 * Hits, best first, and how far behind the index is.
 *
 * @param pending files known to have changed but not indexed yet (0 when current; -1 when unknown
 *                because an index run holds the root)
 */
public record SearchAnswer(List<SearchResult> results, long pending) {
    public SearchAnswer {
        results = List.copyOf(results);
    }
}
