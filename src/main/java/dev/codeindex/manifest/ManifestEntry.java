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
 * @param vectorsPending     the file's chunks are stored for keyword and symbol search only, their
 *                           vectors still to come (the structural pass of a two-phase index); such a
 *                           file is keyword-indexed but not embedded
 */
public record ManifestEntry(long size, long mtimeMillis, String hash, String language, FileState state,
                            SymbolStats symbols, boolean parseFallback, int chunkerFingerprint,
                            List<ChunkRef> chunks, int redactions, boolean vectorsPending) {
    public ManifestEntry {
        chunks = List.copyOf(chunks);
    }

    /** An entry whose chunks have their vectors (or that needs none: offline, skipped). */
    public ManifestEntry(long size, long mtimeMillis, String hash, String language, FileState state,
                         SymbolStats symbols, boolean parseFallback, int chunkerFingerprint, List<ChunkRef> chunks,
                         int redactions) {
        this(size, mtimeMillis, hash, language, state, symbols, parseFallback, chunkerFingerprint, chunks, redactions,
                false);
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
                chunkerFingerprint, chunks, redactions, vectorsPending);
    }

    public ManifestEntry withVectorsPending(boolean pending) {
        return pending == vectorsPending ? this : new ManifestEntry(size, mtimeMillis, hash, language, state, symbols,
                parseFallback, chunkerFingerprint, chunks, redactions, pending);
    }

    /** Indexed, with chunks whose vectors have not been stored yet: not embedded. */
    public boolean awaitsVectors() {
        return vectorsPending && state == FileState.INDEXED;
    }
}
