package dev.codeindex.manifest;

import java.nio.file.Path;

/** Another process holds the data directory of this root (exit code 3). */
public class DataDirInUseException extends RuntimeException {
    private final Path dir;

    public DataDirInUseException(Path dir) {
        this(dir, "data directory " + dir + " is in use by another codeindex process; stop it or pass another --data-dir");
    }

    /** The same, with a message that says more (e.g. which daemon holds it). */
    public DataDirInUseException(Path dir, String message) {
        super(message);
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }
}
