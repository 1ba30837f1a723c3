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
        String path = dev.codeindex.util.Causes.first(e, c -> c instanceof AccessDeniedException a ? a.getFile()
                : c instanceof FileNotFoundException f && f.getMessage() != null ? deniedPath(f.getMessage()) : null);
        return path == null ? null : "permission denied: " + path + owner(path) + ": give this user ("
                + System.getProperty("user.name") + ") access to it, run as its owner, or choose another path"
                + " (--data-dir for the index)";
    }

    /**
     * The path of a {@code FileNotFoundException}'s message, "PATH (REASON)", when the reason is a
     * permission refused: told by the file itself, since the reason is in the locale's language.
     */
    private static String deniedPath(String message) {
        int at = message.lastIndexOf(" (");
        if (at <= 0 || !message.endsWith(")")) {
            return null;
        }
        String path = message.substring(0, at);
        try {
            Path p = Path.of(path);
            boolean exists = Files.exists(p);
            boolean denied = exists ? !Files.isReadable(p) || !Files.isWritable(p)
                    : p.getParent() != null && Files.isDirectory(p.getParent()) && !Files.isWritable(p.getParent());
            return denied || message.endsWith(" (Permission denied)") ? path : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String owner(String path) {
        try {
            return " (owned by " + Files.getOwner(Path.of(path)).getName() + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
