package dev.codeindex.config;

/**
 * The {@code chunk.*} size keys as validated by {@link ConfigLoader}: {@code overlapLines} is
 * smaller than {@code maxLines}, each within its key's bounds. The command line turns them into
 * the chunker's own limits.
 *
 * @param maxLines     {@code chunk.maxLines}: a chunk never spans more lines
 * @param maxChars     {@code chunk.maxChars}: a chunk never holds more characters
 * @param overlapLines {@code chunk.overlapLines}: lines repeated between windows of one long unit
 */
public record ChunkConfig(int maxLines, int maxChars, int overlapLines) {}
