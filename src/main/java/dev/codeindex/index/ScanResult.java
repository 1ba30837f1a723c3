package dev.codeindex.index;

import dev.codeindex.walk.IgnoreReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the scan found, before any file is read.
 *
 * @param seen      regular files seen and not ignored
 * @param unchanged seen files whose size and mtime match the manifest
 * @param ignored   files and directories excluded by rules (an excluded directory counts once)
 * @param special   FIFOs, sockets, devices and unfollowed symlinks
 * @param errors    entries that could not be listed or stat'ed
 * @param truncated the walk stopped at --max-files
 * @param pendingBytes the sizes of the pending files, each up to the size cap: the work to read
 * @param ignoredDirs the ignored directories (each counted in {@code ignored} too) by the rule that excluded them
 * @param stopped   the walk ended early because a stop was asked (a scan that compares content): its findings so
 *                  far are in the work list, nothing is marked gone, and its run must end unfinished
 * @param rechunk   files found with their stat unchanged but chunked by another chunker (an upgrade, settings)
 */
record ScanResult(long seen, long unchanged, long pending, long gone, long ignored, long special, long errors,
                  boolean truncated, long pendingBytes, Map<IgnoreReason, Long> ignoredDirs, boolean stopped,
                  long rechunk) {
    ScanResult {
        ignoredDirs = ignoredDirs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(ignoredDirs));
    }
}
