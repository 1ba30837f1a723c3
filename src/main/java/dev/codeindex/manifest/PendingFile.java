package dev.codeindex.manifest;

/** A file the scan found new or changed (by stat), waiting to be read, hashed and chunked. */
public record PendingFile(String relPath, long size, long mtimeMillis) {}
