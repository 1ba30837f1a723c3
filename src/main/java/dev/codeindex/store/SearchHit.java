package dev.codeindex.store;

/**
 * One search result, as {@code search --json} prints it.
 *
 * @param regionStart  first line of the definition (or other region) the hit is a window of; the hit's
 *                     own {@code startLine} when it is all of it or the store does not know. Not printed:
 *                     search folds the windows of one definition into one hit with it.
 * @param regionEnd    last line of that region
 * @param snippetStart the line {@code snippet} starts at: {@code startLine} but for a hit whose lines were
 *                     widened to its whole definition, whose snippet stays that of the window that matched
 */
public record SearchHit(String path, int startLine, int endLine, String symbol, String language, double score,
                        String snippet, int regionStart, int regionEnd, int snippetStart) {

    /** A hit whose snippet starts at its first line. */
    public SearchHit(String path, int startLine, int endLine, String symbol, String language, double score,
                     String snippet, int regionStart, int regionEnd) {
        this(path, startLine, endLine, symbol, language, score, snippet, regionStart, regionEnd, startLine);
    }

    /** A hit that is a whole region. */
    public SearchHit(String path, int startLine, int endLine, String symbol, String language, double score,
                     String snippet) {
        this(path, startLine, endLine, symbol, language, score, snippet, startLine, endLine);
    }

    /** This hit with another score. */
    public SearchHit withScore(double s) {
        return new SearchHit(path, startLine, endLine, symbol, language, s, snippet, regionStart, regionEnd,
                snippetStart);
    }

    /** This hit over lines [start, end], all else kept (its snippet still starts where it did). */
    public SearchHit withLines(int start, int end) {
        return new SearchHit(path, start, end, symbol, language, score, snippet, regionStart, regionEnd, snippetStart);
    }
}
