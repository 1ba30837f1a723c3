package dev.codeindex.manifest;

/** What the manifest remembers of one chunk of a file: enough to find, reuse or delete its point. */
public record ChunkRef(String hash, int startLine, int endLine) {}
