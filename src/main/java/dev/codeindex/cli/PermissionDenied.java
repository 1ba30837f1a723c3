package dev.codeindex.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A command that failed on a file or directory it may not read or write (a data directory of another
 * user, a root of another user, a read-only parent), said as that with the path, its owner and what to
 * do, instead of a Java exception's name: MapDB, for one, reports it as a bare {@code VolumeIOError}.
 */
final class PermissionDenied {
    private PermissionDenied() {}

    /** The message for people when {@code e} or one of its causes is a permission refused on a path; else null. */
    static String message(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String path = null;
            if (c instanceof AccessDeniedException a) {
                path = a.getFile();
            } else if (c instanceof FileNotFoundException f && f.getMessage() != null
                    && f.getMessage().endsWith(" (Permission denied)")) {
                path = f.getMessage().substring(0, f.getMessage().length() - " (Permission denied)".length());
            }
            if (path != null) {
                return "permission denied: " + path + owner(path) + ": give this user ("
                        + System.getProperty("user.name") + ") access to it, run as its owner, or choose another path"
                        + " (--data-dir for the index)";
            }
        }
        return null;
    }

    private static String owner(String path) {
        try {
            return " (owned by " + Files.getOwner(Path.of(path)).getName() + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
