package dev.codeindex.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The root a command run inside {@code dir} means: the deepest root of a running {@code watch}
 * daemon that contains it; else the nearest ancestor (itself first) indexed in the data directory;
 * else {@code dir} itself (whose "nothing is indexed" message then says what to do). Used by
 * {@code search} and {@code mcp}.
 */
final class RootFinder {
    /**
     * @param root the root to use
     * @param dir  the directory it was found from (absolute, normalized)
     */
    record Found(Path root, Path dir) {
        /** Whether the root is an ancestor of the directory given rather than the directory itself. */
        boolean fromInside() {
            return !root.equals(dir);
        }

        /** The directory relative to the root, with '/' separators ("" when they are the same). */
        String relative() {
            return root.relativize(dir).toString().replace('\\', '/');
        }

        /** What to say on stderr when the root is not the directory given ({@code verb}: "searching"). */
        Optional<String> note(String verb) {
            return fromInside() ? Optional.of(verb + " the index of " + root + " (the root that contains " + dir + ")")
                    : Optional.empty();
        }
    }

    private RootFinder() {}

    /** The root for {@code dir}, given the daemons running on the data directory. */
    static Found find(Path dir, Path dataDir, List<RunningDaemons.Running> daemons) {
        Path abs = dir.toAbsolutePath().normalize();
        Path best = null;
        for (RunningDaemons.Running d : daemons) {
            for (String r : d.roots()) {
                Path root = Path.of(r);
                if (abs.startsWith(root) && (best == null || root.getNameCount() > best.getNameCount())) {
                    best = root;
                }
            }
        }
        if (best != null) {
            return new Found(best, abs);
        }
        for (Path c = abs; c != null; c = c.getParent()) {
            if (Files.exists(RootDirs.of(dataDir, c).resolve("manifest.db"))) {
                return new Found(c, abs);
            }
        }
        return new Found(abs, abs);
    }

    /** The root for {@code dir}, asking which daemons run on the data directory. */
    static Found find(Path dir, Path dataDir) {
        return find(dir, dataDir, RunningDaemons.of(dataDir));
    }
}
