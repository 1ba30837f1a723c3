package dev.codeindex.chunk;

/**
 * Size limits of one chunk, chosen so that a chunk fits the embedder's window.
 *
 * @param maxLines    a chunk never spans more lines than this
 * @param maxChars    a chunk never holds more characters than this (a longer single line is cut)
 * @param overlapLines lines repeated between consecutive windows of one long unit
 */
public record ChunkLimits(int maxLines, int maxChars, int overlapLines) {
    public static final ChunkLimits DEFAULT = new ChunkLimits(60, 1500, 5);

    public ChunkLimits {
        if (maxLines < 1 || maxChars < 80 || overlapLines < 0 || overlapLines >= maxLines) {
            throw new IllegalArgumentException("invalid chunk limits " + maxLines + "/" + maxChars + "/" + overlapLines);
        }
    }
}
