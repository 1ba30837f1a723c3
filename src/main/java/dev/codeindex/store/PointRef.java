package dev.codeindex.store;

/** A point as start-up reconciliation sees it: its id and the path whose chunk it holds. */
public record PointRef(String id, String path) {}
