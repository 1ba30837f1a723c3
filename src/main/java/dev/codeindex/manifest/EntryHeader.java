package dev.codeindex.manifest;

/** The part of a {@link ManifestEntry} a scan compares with the file system, cheap to read. */
public record EntryHeader(String relPath, long size, long mtimeMillis, FileState state, int chunkerFingerprint,
                          String hash) {
    public boolean sameStat(long otherSize, long otherMtime) {
        return size == otherSize && mtimeMillis == otherMtime;
    }
}
