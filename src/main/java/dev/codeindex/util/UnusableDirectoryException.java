package dev.codeindex.util;

import java.io.IOException;

/**
 * A directory codeindex must make (the data directory, a root's folder in it) cannot be made where it is asked
 * for: a file or a dangling symbolic link in its place, a parent that is a file, a file system that holds no
 * directories of users ({@code /proc}, {@code /sys}) or is read-only. A setting for a person to change.
 */
public final class UnusableDirectoryException extends IOException {
    public UnusableDirectoryException(String message, IOException cause) {
        super(message, cause);
    }
}
