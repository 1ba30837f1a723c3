package dev.codeindex.chunk;

/**
 * A structural unit found by a parser: a function, a method, a type header.
 * Lines are 1-based and inclusive. Regions handed to {@link ChunkAssembler} must not overlap.
 *
 * @param symbol qualified-enough name for search ("Outer.Inner.method"), never null
 * @param kind   "function", "method", "constructor", "class", "interface", "enum", "record", …
 */
public record Region(int startLine, int endLine, String symbol, String kind) {
    public Region {
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("bad line range " + startLine + ".." + endLine);
        }
    }
}
