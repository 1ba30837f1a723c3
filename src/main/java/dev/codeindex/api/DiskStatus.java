package dev.codeindex.api;

/**
 * Free space where the daemon writes its index.
 *
 * @param path         the data directory
 * @param fileSystem   the file system that holds it, as the OS names it
 * @param freeBytes    usable now; -1 when unknown
 * @param reserveBytes below this, a run stops before writing (a write that meets a full disk could
 *                     break the manifest)
 */
public record DiskStatus(String path, String fileSystem, long freeBytes, long reserveBytes) {
    /** Twice the reserve or less: indexing stops at the reserve, so say it before that. */
    public boolean low() {
        return freeBytes >= 0 && freeBytes < 2 * reserveBytes;
    }
}
