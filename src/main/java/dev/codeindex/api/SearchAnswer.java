package dev.codeindex.api;

import java.util.List;

/**
 * Hits, best first, and how far behind the index is.
 *
 * @param pending  files known to have changed but not indexed yet (0 when current; -1 when unknown
 *                 because an index run holds the root)
 * @param coverage how much of the tree was searched (keyword-indexed and embedded files); null where
 *                 the answerer does not know (an older daemon's answer)
 */
public record SearchAnswer(List<SearchResult> results, long pending, Coverage coverage) {
    public SearchAnswer {
        results = List.copyOf(results);
    }

    /** An answer that says nothing of coverage. */
    public SearchAnswer(List<SearchResult> results, long pending) {
        this(results, pending, null);
    }
}
