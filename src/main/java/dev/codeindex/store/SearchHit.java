package dev.codeindex.store;

/** One search result, as {@code search --json} prints it. */
public record SearchHit(String path, int startLine, int endLine, String symbol, String language, double score,
                        String snippet) {}
