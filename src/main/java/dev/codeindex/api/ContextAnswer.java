package dev.codeindex.api;

/**
 * The definition (method, function, class header, or the lines around it when no definition holds
 * the line) that encloses a line of a file, with its current code. Lines are 1-based and inclusive.
 *
 * @param root    the root the path is relative to (absolute)
 * @param path    relative to the root, '/'-separated
 * @param line    the line asked about
 * @param kind    "method", "function", "class", …, or "lines" when no definition encloses the line
 * @param symbol  the definition's name ({@code Geometry.distance}), "" for plain lines
 * @param code    lines startLine..endLine of the file as it is now
 * @param indexed true when the range comes from the chunks the index holds for the file; false when
 *                the file was chunked now (it changed since it was indexed, or is not indexed)
 * @param note    why the file was chunked now, or null
 */
public record ContextAnswer(String root, String path, int line, int startLine, int endLine, String symbol, String kind,
                            String language, String code, boolean indexed, String note) {}
