package dev.codeindex.util;

import java.nio.file.Path;

/**
 * A run stopped because the disk of the data directory is full (exit code 6). What it committed
 * stays; once there is room, the next run resumes.
 */
public class DiskFullException extends RuntimeException {
    public DiskFullException(Path dataDir, Throwable cause) {
        super(message(dataDir), cause);
    }

    /** Stopped before writing: {@code free} bytes are left, fewer than the {@code reserve} a writer keeps. */
    public DiskFullException(Path dir, long free, long reserve) {
        super("the disk holding " + dir + " is nearly full (" + DiskSpace.describe(dir) + ": " + DiskSpace.human(free)
                + " free, below the " + DiskSpace.human(reserve) + " a run keeps in reserve so that no write fails half-way)",
                null);
    }

    private static String message(Path dataDir) {
        long used = DiskSpace.used(dataDir);
        long need = Math.max(100L << 20, used);
        return "the disk holding " + dataDir + " is full (" + DiskSpace.describe(dataDir) + ": "
                + DiskSpace.human(DiskSpace.usable(dataDir)) + " free); the run stopped at its last committed batch and"
                + " nothing it committed is lost. Free at least " + DiskSpace.human(need) + " there (the index takes "
                + DiskSpace.human(used) + " now) or use another --data-dir, then run again: it resumes";
    }
}
