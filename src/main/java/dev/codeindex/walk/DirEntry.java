package dev.codeindex.walk;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;

/**
 * One entry of a directory listing, classified by a single {@code lstat} ({@code fstatat} on the
 * open directory where the platform offers a secure directory stream, as Linux does), plus a
 * {@code stat} and a real-path check for a symlink that may be followed.
 *
 * <p>The sort key is the name, or name + "/" for a directory (a followed link to one included).
 * Depth-first order over children sorted by that key equals the {@code String.compareTo} order of
 * the full relative paths: a directory's descendants all start with its key, and a key ending in
 * '/' is never a prefix of a sibling's name, so every comparison is decided inside the keys.
 */
final class DirEntry {
    enum Kind { FILE, DIR, SPECIAL, ERROR }

    static final Comparator<DirEntry> BY_KEY = Comparator.comparing(e -> e.key);

    final String name;
    final String key;
    final Path path;
    final Kind kind;
    /** Attributes of the file itself, or of a followed link's target; null for ERROR. */
    final BasicFileAttributes attrs;
    /** Why the entry could not be stat'ed; only for ERROR. */
    final IOException error;

    private DirEntry(String name, Path path, Kind kind, BasicFileAttributes attrs, IOException error) {
        this.name = name;
        this.key = kind == Kind.DIR ? name + "/" : name;
        this.path = path;
        this.kind = kind;
        this.attrs = attrs;
        this.error = error;
    }

    /**
     * Lists and classifies {@code dir}, sorted by key.
     *
     * @param realRoot when non-null, symlinks whose real target lies inside it are followed
     */
    static DirEntry[] list(Path dir, Path realRoot) throws IOException {
        ArrayList<DirEntry> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            // where available, stat relative to the open directory: one path component to resolve
            SecureDirectoryStream<Path> at = stream instanceof SecureDirectoryStream<Path> s ? s : null;
            for (Path p : stream) {
                out.add(classify(p, at, realRoot));
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        DirEntry[] entries = out.toArray(new DirEntry[0]);
        Arrays.sort(entries, BY_KEY);
        return entries;
    }

    /** Whether one of {@code entries} is named {@code name}. */
    static boolean contains(DirEntry[] entries, String name) {
        for (DirEntry e : entries) {
            if (e.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    boolean isDir() {
        return kind == Kind.DIR;
    }

    private static DirEntry classify(Path p, SecureDirectoryStream<Path> at, Path realRoot) {
        Path fileName = p.getFileName();
        String name = fileName.toString();
        BasicFileAttributes a;
        try {
            a = at != null
                    ? at.getFileAttributeView(fileName, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .readAttributes()
                    : Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return new DirEntry(name, p, Kind.ERROR, null, e);
        }
        if (a.isSymbolicLink()) {
            return realRoot == null ? new DirEntry(name, p, Kind.SPECIAL, a, null) : followed(name, p, a, realRoot);
        }
        return new DirEntry(name, p, kindOf(a), a, null);
    }

    /** A link is followed only to a directory or regular file inside the root. */
    private static DirEntry followed(String name, Path p, BasicFileAttributes link, Path realRoot) {
        try {
            if (!p.toRealPath().startsWith(realRoot)) {
                return new DirEntry(name, p, Kind.SPECIAL, link, null);
            }
            BasicFileAttributes target = Files.readAttributes(p, BasicFileAttributes.class);
            return new DirEntry(name, p, kindOf(target), target, null);
        } catch (IOException e) {
            // dangling, or a cycle of links (ELOOP): nothing to read, so not an error
            return new DirEntry(name, p, Kind.SPECIAL, link, null);
        }
    }

    private static Kind kindOf(BasicFileAttributes a) {
        if (a.isRegularFile()) {
            return Kind.FILE;
        }
        return a.isDirectory() ? Kind.DIR : Kind.SPECIAL;
    }
}
