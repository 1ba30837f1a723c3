package dev.codeindex.manifest.mapdb;

import dev.codeindex.chunk.SymbolStats;
import dev.codeindex.manifest.ChunkRef;
import dev.codeindex.manifest.EntryHeader;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.util.Hashes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary form of a {@link ManifestEntry}; versioned so an upgrade can read old entries.
 * Version 2 adds the redaction count after the chunks; a version-1 entry reads as 0 redactions.
 * Version 3 adds the "vectors pending" flag after it; an older entry reads as fully embedded (the
 * one-pass index it was written by stored every chunk with its vector). The head is the same in all.
 */
final class EntryCodec {
    private static final int VERSION = 3;
    private static final int OLDEST = 1;
    private static final FileState[] STATES = FileState.values(); // values() copies the array on every call

    private EntryCodec() {}

    static byte[] encode(ManifestEntry e) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + e.chunks().size() * 44);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(e.size());
            out.writeLong(e.mtimeMillis());
            out.writeByte(e.state().ordinal());
            out.writeInt(e.chunkerFingerprint());
            out.write(hashBytes(e.hash()));
            out.writeUTF(e.hash());
            out.writeUTF(e.language());
            out.writeLong(e.symbols().functions());
            out.writeLong(e.symbols().classes());
            out.writeLong(e.symbols().imports());
            out.writeBoolean(e.parseFallback());
            out.writeInt(e.chunks().size());
            for (ChunkRef c : e.chunks()) {
                out.writeUTF(c.hash());
                out.writeInt(c.startLine());
                out.writeInt(c.endLine());
            }
            out.writeInt(e.redactions());
            out.writeBoolean(e.vectorsPending());
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static ManifestEntry decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version < OLDEST || version > VERSION) {
                throw new IllegalStateException("manifest entry version " + version + (version > VERSION
                        ? " is newer than this codeindex" : " is not one this codeindex reads (" + OLDEST + " to " + VERSION
                        + ")"));
            }
            long size = in.readLong();
            long mtime = in.readLong();
            FileState state = STATES[in.readUnsignedByte()];
            int fingerprint = in.readInt();
            in.skipBytes(HASH_BYTES);
            String hash = in.readUTF();
            String language = in.readUTF();
            SymbolStats symbols = new SymbolStats(in.readLong(), in.readLong(), in.readLong());
            boolean fallback = in.readBoolean();
            int n = in.readInt();
            List<ChunkRef> chunks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                chunks.add(new ChunkRef(in.readUTF(), in.readInt(), in.readInt()));
            }
            int redactions = version >= 2 ? in.readInt() : 0;
            boolean vectorsPending = version >= 3 && in.readBoolean();
            return new ManifestEntry(size, mtime, hash, language, state, symbols, fallback, fingerprint, chunks,
                    redactions, vectorsPending);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static final int HASH_BYTES = 16;
    /** Bytes of an encoded entry that {@link #decodeHeader} reads: version, size, mtime, state, fingerprint, hash. */
    static final int HEAD_LENGTH = 22 + HASH_BYTES;

    /** Whether an encoded entry, or its head, is of an indexed file (not a skipped one). */
    static boolean isIndexed(byte[] encodedOrHead) {
        return encodedOrHead != null && STATES[encodedOrHead[17] & 0xff] == FileState.INDEXED;
    }

    static byte[] head(byte[] encoded) {
        return java.util.Arrays.copyOf(encoded, HEAD_LENGTH);
    }

    /** Reads only the fixed-size head of an encoded entry: what the scan compares, without decoding chunks. */
    static EntryHeader decodeHeader(String relPath, byte[] b) {
        if ((b[0] & 0xff) < OLDEST || (b[0] & 0xff) > VERSION) {
            throw new IllegalStateException("manifest entry version " + (b[0] & 0xff) + ((b[0] & 0xff) > VERSION
                    ? " is newer than this codeindex" : " is not one this codeindex reads (" + OLDEST + " to " + VERSION + ")"));
        }
        int fingerprint = (b[18] & 0xff) << 24 | (b[19] & 0xff) << 16 | (b[20] & 0xff) << 8 | (b[21] & 0xff);
        long size = getLong(b, 1);
        long mtime = getLong(b, 9);
        FileState state = STATES[b[17] & 0xff];
        return noHash(b, 22) ? new EntryHeader(relPath, size, mtime, state, fingerprint, "")
                : EntryHeader.withHashBytes(relPath, size, mtime, state, fingerprint,
                        java.util.Arrays.copyOfRange(b, 22, 22 + HASH_BYTES));
    }

    /** A 32-hex-digit content hash as 16 bytes; the empty hash of skipped files as zeros. */
    private static byte[] hashBytes(String hex) {
        return hex.length() == 2 * HASH_BYTES ? Hashes.fromHex(hex) : new byte[HASH_BYTES];
    }

    /** Whether the hash bytes at {@code off} are the zeros {@link #hashBytes} writes for "no hash". */
    private static boolean noHash(byte[] b, int off) {
        for (int i = 0; i < HASH_BYTES; i++) {
            if (b[off + i] != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] encodeStat(long size, long mtime) {
        byte[] b = new byte[16];
        putLong(b, 0, size);
        putLong(b, 8, mtime);
        return b;
    }

    static long statSize(byte[] b) {
        return getLong(b, 0);
    }

    static long statMtime(byte[] b) {
        return getLong(b, 8);
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
