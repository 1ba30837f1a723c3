package dev.codeindex.chunk;

import java.util.List;

/** What a structural parser found in one file: non-overlapping regions (any order) and symbol counts. */
public record Structure(List<Region> regions, SymbolStats symbols) {}
