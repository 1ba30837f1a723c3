package dev.codeindex.chunk;

import java.util.List;

/**
 * Chunks and symbol counts of one file.
 *
 * @param parseFallback true when the file's parser failed and line windows were used instead
 */
public record ChunkResult(List<Chunk> chunks, SymbolStats symbols, boolean parseFallback) {}
