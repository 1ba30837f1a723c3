package dev.codeindex.index;

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
 */
record ScanResult(long seen, long unchanged, long pending, long gone, long ignored, long special, long errors,
                  boolean truncated, long pendingBytes) {}
