package dev.codeindex.walk;

import java.nio.file.Path;

/**
 * A regular file found by the walk.
 *
 * @param relPath     path relative to the root with '/' separators (the manifest key)
 * @param path        absolute path to read it from
 * @param size        bytes
 * @param mtimeMillis last-modified time in milliseconds
 */
public record FileStat(String relPath, Path path, long size, long mtimeMillis) {}
