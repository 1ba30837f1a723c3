package dev.codeindex.api;

/** One hit, as {@code search --json} and {@code /search} show it. Lines are 1-based and inclusive. */
public record SearchResult(String path, int startLine, int endLine, String symbol, String language, double score,
                           String snippet) {}
