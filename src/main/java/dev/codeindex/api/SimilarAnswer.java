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
 * @param pending   as in {@link SearchAnswer}
 */
public record SimilarAnswer(String path, int startLine, int endLine, String symbol, List<SearchResult> results,
                            long pending) {
    public SimilarAnswer {
        results = List.copyOf(results);
    }
}
