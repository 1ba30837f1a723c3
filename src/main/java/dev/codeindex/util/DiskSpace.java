package dev.codeindex.util;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space where the index is written, and telling a write that failed for want of it. */
public final class DiskSpace {
    /** Below this much free space, status warns that the disk of the data directory is nearly full. */
    public static final long LOW_BYTES = 512L << 20;

    private DiskSpace() {}

    /**
     * Whether {@code t} or one of its causes says a write failed because the file system is full
     * (ENOSPC) or a quota is used up (EDQUOT). Java reports both only in the message.
     */
    public static boolean exhausted(Throwable t) {
        return Causes.find(t, c -> c instanceof DiskFullException || c.getMessage() != null
                && (c.getMessage().contains("No space left on device") || c.getMessage().contains("Disk quota exceeded")
                || c.getMessage().contains("There is not enough space on the disk"))) != null;
    }

    /**
     * Whether {@code t} or one of its causes is the JVM's report of a fault on a memory-mapped file (the
     * manifest and the vector cache are mapped): a page that could not be backed because the disk filled
     * between two free-space checks, or a file cut short by another process.
     */
    public static boolean mappedFault(Throwable t) {
        return Causes.find(t, c -> c instanceof InternalError && c.getMessage() != null
                && c.getMessage().contains("unsafe memory access")) != null;
    }

    /**
     * {@link #exhausted(Throwable)}, or a fault on a mapped file while the disk of {@code dir} has less than
     * {@link #LOW_BYTES} free: a write into a mapped file does not fail with ENOSPC, the page fault does.
     */
    public static boolean exhausted(Throwable t, Path dir) {
        if (exhausted(t)) {
            return true;
        }
        long free = mappedFault(t) ? usable(dir) : -1;
        return free >= 0 && free < LOW_BYTES;
    }

    /** Usable bytes of the file system that holds {@code p} (or its nearest existing ancestor); -1 when unknown. */
    public static long usable(Path p) {
        FileStore store = store(p);
        try {
            return store == null ? -1 : store.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The file system that holds {@code p}, as the OS names it (mount point and device), for messages. */
    public static String describe(Path p) {
        FileStore store = store(p);
        return store == null ? p.toString() : store.toString();
    }

    private static FileStore store(Path p) {
        for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
            if (Files.exists(q)) {
                try {
                    return Files.getFileStore(q);
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Bytes in the files under {@code dir} (0 when it does not exist). */
    public static long used(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** {@code bytes} as a short figure for people: "812 KB", "37 MB", "2.4 GB". */
    public static String human(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        if (bytes < 1 << 20) {
            return (bytes >> 10) + " KB";
        }
        if (bytes < 1L << 30) {
            return (bytes >> 20) + " MB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
}
