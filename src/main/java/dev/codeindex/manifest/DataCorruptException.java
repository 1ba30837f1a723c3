package dev.codeindex.manifest;

import java.nio.file.Path;

/**
 * A file of the data directory cannot be read as what it should be (empty, truncated, a checksum
 * that does not match). Commands that write the index move the file aside and rebuild what it held;
 * commands that only read report it (exit code 5) with that fix.
 */
public class DataCorruptException extends RuntimeException {
    private final Path file;
    private final String what;

    public DataCorruptException(Path file, String what, Throwable cause) {
        super(file + " is damaged (" + what + ")", cause);
        this.file = file;
        this.what = what;
    }

    /** The damaged file or directory. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, in a few words. */
    public String what() {
        return what;
    }
}
