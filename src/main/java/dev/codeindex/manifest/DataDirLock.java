package dev.codeindex.manifest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on a data directory, held for the life of the process that indexes it.
 * The OS releases it when the process dies, so a kill -9 never leaves a stale lock behind.
 */
public final class DataDirLock implements AutoCloseable {
    /**
     * The lock files this process holds. The OS lock belongs to the process, not to a channel: opening the
     * lock file a second time here and closing that channel (after its tryLock failed) releases the lock the
     * first channel holds, while this process still thinks it holds it. So a second acquire in this process
     * is refused here before any channel is opened (a review found a status peek that let another process in).
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final FileLock lock;
    /** This lock's entry in {@link #HELD}. */
    private final Path key;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private DataDirLock(FileChannel channel, FileLock lock, Path key) {
        this.channel = channel;
        this.lock = lock;
        this.key = key;
    }

    /** @throws DataDirInUseException when another process (or this one) holds it */
    public static DataDirLock acquire(Path dir) throws IOException {
        // the folder of one root's index, in the data directory's roots/: both private, as the code they hold is
        dev.codeindex.util.PrivateDirs.create(dir);
        if (dir.getParent() != null) {
            dev.codeindex.util.PrivateDirs.restrict(dir.getParent());
        }
        dev.codeindex.util.PrivateDirs.restrict(dir);
        Path file = dir.resolve("lock").toAbsolutePath().normalize();
        Path key = file.getParent().toRealPath().resolve("lock");
        if (!HELD.add(key)) {
            throw new DataDirInUseException(dir); // this process holds it: never open a second channel
        }
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new DataDirInUseException(dir);
            }
            return new DataDirLock(ch, l, key);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(key);
            }
        }
    }
}
