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
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws DataDirInUseException when another process (or this one) holds it */
    public static DataDirLock acquire(Path dir) throws IOException {
        // the folder of one root's index, in the data directory's roots/: both private, as the code they hold is
        dev.codeindex.util.PrivateDirs.create(dir);
        if (dir.getParent() != null) {
            dev.codeindex.util.PrivateDirs.restrict(dir.getParent());
        }
        dev.codeindex.util.PrivateDirs.restrict(dir);
        FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
        return new DataDirLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
