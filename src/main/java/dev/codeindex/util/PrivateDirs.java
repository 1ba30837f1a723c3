package dev.codeindex.util;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories of the data directory that only their owner may enter. An index holds the code it indexes (the
 * keyword index stores every chunk's text), so it is as private as the tree it came from, whatever the umask:
 * a tree of mode 700 indexed into directories of mode 755 could be searched by every user of the machine.
 * On a file system without POSIX permissions (Windows) directories are made as they come.
 */
public final class PrivateDirs {
    private static final Logger log = LoggerFactory.getLogger(PrivateDirs.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDirs() {}

    /** Creates {@code dir} and the parents it lacks, each new one of mode 700; an existing one is left as it is. */
    public static Path create(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return dir;
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.exists(parent)) {
            create(parent);
        }
        try {
            if (posix(abs.getParent() == null ? abs : abs.getParent())) {
                Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectory(abs);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(abs)) {
                throw new UnusableDirectoryException("cannot make the directory " + abs + ": "
                        + (Files.isSymbolicLink(abs) ? "it is a symbolic link to nothing (" + target(abs) + ")"
                        : "a file is in its place"), e);
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw e; // said with the path's owner and what to do, as every permission refused
        } catch (java.nio.file.FileSystemException e) {
            Path above = abs.getParent();
            String why = above != null && Files.exists(above) && !Files.isDirectory(above)
                    ? above + " is a file, not a directory"
                    : e instanceof java.nio.file.NoSuchFileException ? "the file system of " + above
                    + " takes no new directories"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new UnusableDirectoryException("cannot make the directory " + abs + ": " + why, e);
        }
        return dir;
    }

    private static String target(Path link) {
        try {
            return String.valueOf(Files.readSymbolicLink(link));
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /**
     * Takes group's and others' access away from {@code dir} when this user owns it: directories older builds made
     * took the umask's mode (755). A directory of another owner (one a user shares on purpose) is left as it is.
     */
    public static void restrict(Path dir) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            if (view == null || !Files.isDirectory(dir)) {
                return;
            }
            var attrs = view.readAttributes();
            if (attrs.permissions().equals(OWNER_ONLY)
                    || !attrs.owner().getName().equals(System.getProperty("user.name"))) {
                return;
            }
            view.setPermissions(OWNER_ONLY);
            log.info("{} is now readable by its owner only (mode 700): it holds the code it indexes", dir);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot restrict {}: {}", dir, e.getMessage());
        }
    }

    private static boolean posix(Path existing) {
        return Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }
}
