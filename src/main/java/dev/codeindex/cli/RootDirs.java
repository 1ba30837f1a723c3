package dev.codeindex.cli;

import dev.codeindex.util.Hashes;
import java.nio.file.Path;

/** Where one root's manifest lives inside the data directory: roots/NAME-HASH/. */
final class RootDirs {
    private RootDirs() {}

    static Path of(Path dataDir, Path root) {
        String name = root.getFileName() == null ? "root" : root.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return dataDir.resolve("roots").resolve(name + "-" + Hashes.of(root.toString()).substring(0, 12));
    }
}
