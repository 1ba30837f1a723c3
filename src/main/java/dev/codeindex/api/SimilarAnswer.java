package dev.codeindex.api;

import java.util.List;

/**
 * The chunks nearest to a chunk or a snippet, best first, without the source chunk itself or
 * anything else overlapping its lines.
 *
 * @param path      the source chunk's file, relative to the root; null when a snippet was given
 * @param startLine the source's first line (0 for a snippet)
 * @param endLine   the source's last line (0 for a snippet)
 * @param symbol    the source's symbol ("" for plain lines or a snippet)
 * @param hits      the hits with what a search answer says of them: pending, coverage (only embedded
 *                  files can be found similar, so an index still embedding answers with fewer) and notes
 */
public record SimilarAnswer(String path, int startLine, int endLine, String symbol, SearchAnswer hits) {
    /** Hits like a snippet (no source chunk). */
    public static SimilarAnswer ofSnippet(SearchAnswer hits) {
        return new SimilarAnswer(null, 0, 0, "", hits);
    }

    /** Hits like the chunk {@code source}; like a snippet when it is null. */
    public static SimilarAnswer of(ContextAnswer source, SearchAnswer hits) {
        return source == null ? ofSnippet(hits)
                : new SimilarAnswer(source.path(), source.startLine(), source.endLine(), source.symbol(), hits);
    }

    public List<SearchResult> results() {
        return hits.results();
    }

    /** As in {@link SearchAnswer#pending()}. */
    public long pending() {
        return hits.pending();
    }
}
