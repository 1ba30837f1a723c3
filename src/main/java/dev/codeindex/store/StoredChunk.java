package dev.codeindex.store;

/**
 * One point of the vector store: a chunk with its vector and what search shows of it.
 *
 * @param id          deterministic point id (a name-based UUID), so a replayed batch overwrites
 * @param chunkHash   content hash of the chunk's text
 * @param vector      the chunk's embedding; null for a point stored for symbol and keyword search only, in a
 *                    store that accepts such points ({@link VectorStore#acceptsPointsWithoutVectors()})
 * @param regionStart first line of the definition (or other region) the chunk is a window of
 *                    ({@link dev.codeindex.chunk.Chunk#regionStart()}); {@code startLine} when it is all of it
 * @param regionEnd   last line of that region
 */
public record StoredChunk(String id, String path, int startLine, int endLine, String symbol, String kind,
                          String language, String text, String chunkHash, float[] vector, int regionStart,
                          int regionEnd) {

    /** A point that is a whole region. */
    public StoredChunk(String id, String path, int startLine, int endLine, String symbol, String kind,
                       String language, String text, String chunkHash, float[] vector) {
        this(id, path, startLine, endLine, symbol, kind, language, text, chunkHash, vector, startLine, endLine);
    }

    /** Whether the point is a window of a longer region: only then do the stores keep its region. */
    public boolean isWindow() {
        return regionStart != startLine || regionEnd != endLine;
    }
}
