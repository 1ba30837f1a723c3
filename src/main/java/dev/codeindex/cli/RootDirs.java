package dev.codeindex.cli;

import dev.codeindex.util.Hashes;
import java.nio.file.Path;

/** Where one root's manifest lives inside the data directory: roots/NAME-HASH/. */
final class RootDirs {
    private RootDirs() {}

    /**
     * Whether a root's folder holds anything but its lock file: {@code forget} leaves the lock file
     * (deleting it would let two processes lock two files of one name), and such a folder is no index.
     */
    static boolean holdsIndex(Path dir) {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
            return s.anyMatch(p -> !p.getFileName().toString().equals("lock"));
        } catch (java.io.IOException e) {
            return java.nio.file.Files.isDirectory(dir); // unreadable: shown, so that a person looks at it
        }
    }

    /** The folders of {@code dataDir} that hold an index ({@link #holdsIndex}), sorted; none when it has none. */
    static java.util.List<Path> all(Path dataDir) throws java.io.IOException {
        Path roots = dataDir.resolve("roots");
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.isDirectory(roots) ? java.nio.file.Files.list(roots)
                : java.util.stream.Stream.empty()) {
            return s.filter(java.nio.file.Files::isDirectory).filter(RootDirs::holdsIndex).sorted().toList();
        }
    }

    static Path of(Path dataDir, Path root) {
        String name = root.getFileName() == null ? "root" : root.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return dataDir.resolve("roots").resolve(name + "-" + Hashes.of(root.toString()).substring(0, 12));
    }
}
