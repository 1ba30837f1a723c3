package dev.codeindex.api;

import java.util.List;

/**
 * Hits, best first, and how far behind the index is.
 *
 * @param pending  files known to have changed but not indexed yet (0 when current; -1 when unknown
 *                 because an index run holds the root)
 * @param coverage how much of the tree was searched (keyword-indexed and embedded files); null where
 *                 the answerer does not know (an older daemon's answer)
 * @param notes    what the answer leaves out or cannot vouch for, for people and agents: a root that could
 *                 not answer, a root whose directory is gone; empty when nothing
 */
public record SearchAnswer(List<SearchResult> results, long pending, Coverage coverage, List<String> notes) {
    public SearchAnswer {
        results = List.copyOf(results);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The note for a root that could not answer: an agent would read "nothing defines X" as true of every root. */
    public static String notSearched(Object root, RuntimeException e) {
        return root + " could not be searched (" + e.getMessage() + "): its files are not in these results";
    }

    /** This answer with {@code more} notes after its own. */
    public SearchAnswer withNotes(java.util.Collection<String> more) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new SearchAnswer(results, pending, coverage, all);
    }

    /** An answer with nothing to note. */
    public SearchAnswer(List<SearchResult> results, long pending, Coverage coverage) {
        this(results, pending, coverage, List.of());
    }

    /** An answer that says nothing of coverage. */
    public SearchAnswer(List<SearchResult> results, long pending) {
        this(results, pending, null);
    }
}
