package dev.codeindex.cli;

import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.util.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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

    /**
     * The root a folder indexes, as its manifest records it (the path {@code index} or {@code watch} was
     * given, which the folder's name is derived from); while a run holds the folder, the root its progress
     * file names. Empty when neither says (no manifest yet, a damaged one, a daemon's folder: ask the daemon).
     */
    static Optional<Path> recordedRoot(Path folder) {
        Path manifest = folder.resolve("manifest.db");
        try {
            if (!Files.isRegularFile(manifest) || Files.size(manifest) == 0) {
                return fromProgress(folder); // opening an empty file would make a manifest of it
            }
            try (DataDirLock lock = DataDirLock.acquire(folder); MapDbManifest m = MapDbManifest.open(manifest)) {
                return m.meta("root").filter(r -> !r.isEmpty()).map(Path::of);
            }
        } catch (DataDirInUseException e) {
            return fromProgress(folder);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged or unreadable: doctor's business, not a root to match
        }
    }

    /** The root an index run's progress file names, while the run is alive. */
    private static Optional<Path> fromProgress(Path folder) {
        return ProgressFile.read(folder).filter(run -> run.hasNonNull("root"))
                .map(run -> Path.of(run.path("root").asText()));
    }

    static Path of(Path dataDir, Path root) {
        String name = root.getFileName() == null ? "root" : root.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return dataDir.resolve("roots").resolve(name + "-" + Hashes.of(root.toString()).substring(0, 12));
    }
}
