package dev.codeindex.manifest;

import dev.codeindex.util.Hashes;
import java.util.Objects;

/**
 * The part of a {@link ManifestEntry} a scan compares with the file system, cheap to read. The
 * content hash is turned into hex only when asked for: a no-change scan reads one header per file
 * and never needs it.
 */
public final class EntryHeader {
    private final String relPath;
    private final long size;
    private final long mtimeMillis;
    private final FileState state;
    private final int chunkerFingerprint;
    private String hash;
    private final byte[] hashBytes;

    public EntryHeader(String relPath, long size, long mtimeMillis, FileState state, int chunkerFingerprint,
                       String hash) {
        this(relPath, size, mtimeMillis, state, chunkerFingerprint, Objects.requireNonNull(hash, "hash"), null);
    }

    /** A header whose hash is {@code hashBytes}, turned into hex when {@link #hash()} is asked. */
    public static EntryHeader withHashBytes(String relPath, long size, long mtimeMillis, FileState state,
                                            int chunkerFingerprint, byte[] hashBytes) {
        return new EntryHeader(relPath, size, mtimeMillis, state, chunkerFingerprint, null, hashBytes);
    }

    private EntryHeader(String relPath, long size, long mtimeMillis, FileState state, int chunkerFingerprint,
                        String hash, byte[] hashBytes) {
        this.relPath = relPath;
        this.size = size;
        this.mtimeMillis = mtimeMillis;
        this.state = state;
        this.chunkerFingerprint = chunkerFingerprint;
        this.hash = hash;
        this.hashBytes = hashBytes;
    }

    public String relPath() {
        return relPath;
    }

    public long size() {
        return size;
    }

    public long mtimeMillis() {
        return mtimeMillis;
    }

    public FileState state() {
        return state;
    }

    public int chunkerFingerprint() {
        return chunkerFingerprint;
    }

    /** The content hash (32 hex digits), or "" for a file that was never read. */
    public String hash() {
        String h = hash;
        if (h == null) {
            h = Hashes.hex(hashBytes, 0, hashBytes.length);
            hash = h;
        }
        return h;
    }

    public boolean sameStat(long otherSize, long otherMtime) {
        return size == otherSize && mtimeMillis == otherMtime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntryHeader h && relPath.equals(h.relPath) && size == h.size
                && mtimeMillis == h.mtimeMillis && state == h.state && chunkerFingerprint == h.chunkerFingerprint
                && hash().equals(h.hash());
    }

    @Override
    public int hashCode() {
        return Objects.hash(relPath, size, mtimeMillis, state, chunkerFingerprint, hash());
    }

    @Override
    public String toString() {
        return "EntryHeader[relPath=" + relPath + ", size=" + size + ", mtimeMillis=" + mtimeMillis + ", state="
                + state + ", chunkerFingerprint=" + chunkerFingerprint + ", hash=" + hash() + "]";
    }
}
