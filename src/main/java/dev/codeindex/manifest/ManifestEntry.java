package dev.codeindex.manifest;

import dev.codeindex.chunk.SymbolStats;
import java.util.List;

/**
 * The durable record of one file.
 *
 * @param chunkerFingerprint the chunker version and chunk-shaping settings this entry was made with;
 *                           a different current fingerprint means the file is chunked again
 * @param parseFallback      the file's parser failed and line windows were used
 * @param redactions         secrets replaced in the file's text before it was chunked
 */
public record ManifestEntry(long size, long mtimeMillis, String hash, String language, FileState state,
                            SymbolStats symbols, boolean parseFallback, int chunkerFingerprint,
                            List<ChunkRef> chunks, int redactions) {
    public ManifestEntry {
        chunks = List.copyOf(chunks);
    }

    /** An entry of a file in which nothing was redacted. */
    public ManifestEntry(long size, long mtimeMillis, String hash, String language, FileState state,
                         SymbolStats symbols, boolean parseFallback, int chunkerFingerprint, List<ChunkRef> chunks) {
        this(size, mtimeMillis, hash, language, state, symbols, parseFallback, chunkerFingerprint, chunks, 0);
    }

    public boolean sameStat(long otherSize, long otherMtime) {
        return size == otherSize && mtimeMillis == otherMtime;
    }

    public ManifestEntry withStat(long newSize, long newMtime) {
        return new ManifestEntry(newSize, newMtime, hash, language, state, symbols, parseFallback,
                chunkerFingerprint, chunks, redactions);
    }
}
