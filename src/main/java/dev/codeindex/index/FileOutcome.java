package dev.codeindex.index;

import dev.codeindex.chunk.Chunk;
import dev.codeindex.manifest.ManifestEntry;
import java.util.List;

/**
 * What processing one pending file decided; handed to the {@link ChunkSink}, then applied to the
 * manifest by the indexing thread.
 *
 * @param relPath      the file, relative to the root
 * @param entry        the new entry, or null when the file vanished
 * @param chunks       freshly made chunks (to embed and store), empty when nothing was chunked
 * @param kind         how the entry came about
 * @param reusedFrom   for MOVED/COPIED: the path whose chunks were reused
 * @param encodingFallback the bytes were not valid UTF-8 and were decoded as ISO-8859-1
 */
public record FileOutcome(String relPath, Kind kind, ManifestEntry entry, List<Chunk> chunks, String reusedFrom,
                   boolean encodingFallback) {
    public enum Kind {
        /** Chunked from its content. */
        CHUNKED,
        /** Same content as before: only size and mtime were updated. */
        SAME_CONTENT,
        /** Content found under a path that is gone: its chunks move here, nothing is re-chunked. */
        MOVED,
        /** Content identical to another indexed file: its chunks are reused. */
        COPIED,
        /** Skipped by policy (too large, binary, unreadable): remembered so the next scan only stats it. */
        SKIPPED,
        /** Disappeared since the scan. */
        VANISHED
    }
}
