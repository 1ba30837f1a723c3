package dev.codeindex.chunk;

import java.util.List;

/**
 * Chunks and symbol counts of one file.
 *
 * @param parseFallback true when the file's parser failed and line windows were used instead
 * @param redactions    secrets replaced in the file's text before chunking ({@link TextRedactor})
 */
public record ChunkResult(List<Chunk> chunks, SymbolStats symbols, boolean parseFallback, int redactions) {
    public ChunkResult(List<Chunk> chunks, SymbolStats symbols, boolean parseFallback) {
        this(chunks, symbols, parseFallback, 0);
    }

    ChunkResult withRedactions(int n) {
        return n == redactions ? this : new ChunkResult(chunks, symbols, parseFallback, n);
    }
}
