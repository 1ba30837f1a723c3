package dev.codeindex.daemon;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Checks a path a client names inside a root: relative, and not escaping the root with {@code ..}. */
final class RootPath {
    private RootPath() {}

    /**
     * The path relative to {@code root}, normalized and '/'-separated ("" for the root itself).
     *
     * @throws IllegalArgumentException for an absolute path, one escaping the root, or one the OS cannot name
     */
    static String relative(Path root, String given) {
        if (given.isBlank()) {
            throw new IllegalArgumentException("path must not be empty (leave it out to rescan the whole root)");
        }
        Path p;
        try {
            p = Path.of(given);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("path is not a valid path: " + e.getReason());
        }
        if (p.isAbsolute() || given.startsWith("/") || given.startsWith("\\") || p.getRoot() != null) {
            throw new IllegalArgumentException("path must be relative to the root, got '" + given + "'");
        }
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(p).normalize();
        if (!resolved.startsWith(base)) {
            throw new IllegalArgumentException("path '" + given + "' lies outside the root " + base);
        }
        if (java.nio.file.Files.exists(resolved)) { // a deleted path is named to be dropped: nothing to follow
            try {
                if (!resolved.toRealPath().startsWith(base.toRealPath())) {
                    throw new IllegalArgumentException("path '" + given + "' leads outside the root " + base
                            + " through a symbolic link: nothing there is indexed");
                }
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("path '" + given + "' cannot be read (" + e.getMessage() + ")");
            }
        }
        return base.relativize(resolved).toString().replace(File.separatorChar, '/');
    }
}
