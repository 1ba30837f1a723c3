package dev.codeindex.cli;

import dev.codeindex.manifest.DataCorruptException;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the commands that write an index do with a damaged data directory: the damaged file is moved
 * aside (kept for a person to look at) and started afresh, and the run rebuilds what it held. A
 * damaged manifest costs a rescan (the vector cache is a separate file, so nothing is embedded
 * again); a damaged vector cache costs embedding again what the store does not already hold; a
 * damaged embedded store is handled where it is opened (the store moves itself aside).
 */
final class DataRepair {
    private static final Logger log = LoggerFactory.getLogger(DataRepair.class);
    static final String MANIFEST = "manifest.db";

    private DataRepair() {}

    /**
     * Opens the manifest of {@code rootDir} to write it, repairing as above; the caller holds the
     * directory's lock. A vector cache whose damage shows only when a record is read (overwritten
     * pages) is moved aside and replaced at that read, and the run goes on. Writes stop (DiskFullException) once less than {@code reserveBytes} is free.
     */
    static MapDbManifest openManifest(Path rootDir, long reserveBytes) {
        Path file = rootDir.resolve(MANIFEST);
        for (int attempt = 0; ; attempt++) {
            try {
                MapDbManifest m = MapDbManifest.open(file, reserveBytes);
                m.replaceVectorCacheWhenDamaged((damage, aside) -> log.warn("{} is damaged ({}): moved to {}; {}",
                        damage.file(), damage.what(), aside, consequence(damage.file())));
                return m;
            } catch (DataCorruptException e) {
                if (attempt == 2) { // the manifest and the cache are both new now: not damage this can undo
                    throw e;
                }
                Path aside = moveAside(e.file());
                log.warn("{} is damaged ({}): moved to {}; {}", e.file(), e.what(), aside, consequence(e.file()));
            }
        }
    }

    /** What starting {@code file} afresh costs, for the log and for doctor. */
    static String consequence(Path file) {
        return file.getFileName().toString().equals(MANIFEST)
                ? "every file is scanned again, with vectors from the cache: nothing is embedded again"
                : "chunks whose vectors were cached there are embedded again when their files change or the store"
                        + " is rebuilt";
    }

    /**
     * Free space a writing run keeps on the data directory's disk: two batches' worth of bytes (what
     * the next batch can write to the manifest and the store), at least 64 MB.
     */
    static long reserve(dev.codeindex.config.Config config) {
        return Math.max(64L << 20, 2 * config.batchBytes());
    }

    static Path moveAside(Path file) {
        try {
            return MapDbManifest.moveAside(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the damaged " + file + " aside: " + e.getMessage(), e);
        }
    }
}
