package dev.codeindex.chunk;

/**
 * One decoded source file handed to a chunker.
 *
 * @param relPath  path relative to the root, always with '/' separators
 * @param language language id from {@code walk.Languages} ("java", "python", …, or "text")
 * @param text     the decoded content
 */
public record SourceFile(String relPath, String language, String text) {}
