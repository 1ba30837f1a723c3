package dev.codeindex.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The root a command run inside {@code dir} means: the deepest root of a running {@code watch}
 * daemon that contains it; else the nearest ancestor (itself first) indexed in the data directory;
 * else {@code dir} itself (whose "nothing is indexed" message then says what to do). Used by
 * {@code search}, {@code mcp}, {@code context} and {@code similar}.
 *
 * <p>A root contains a directory by its path as written, else by their real paths: a root given
 * through a symbolic link ({@code watch ~/tinylink}) keeps its index under that path, while the shell's
 * {@code cd ~/tinylink} gives a process the real path ({@code ~/tiny}) as its working directory. The
 * root found is always the one as it was given, since its folder in the data directory is named after it.
 */
final class RootFinder {
    /**
     * @param root  the root to use
     * @param dir   the directory it was found from, as a path under the root when it was reached through
     *              the root's real path (absolute, normalized)
     * @param given the directory it was found from, as given (absolute, normalized)
     */
    record Found(Path root, Path dir, Path given) {
        Found(Path root, Path dir) {
            this(root, dir, dir);
        }

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
            return root.equals(given) ? Optional.empty() : Optional.of(verb + " the index of " + root
                    + " (the root that contains " + given + (dir.equals(given) ? "" : ", as " + dir) + ")");
        }
    }

    private RootFinder() {}

    /** The root for {@code dir}, given the daemons running on the data directory. */
    static Found find(Path dir, Path dataDir, List<RunningDaemons.Running> daemons) {
        Path abs = dir.toAbsolutePath().normalize();
        Path real = real(abs);
        Found best = null;
        for (boolean written : new boolean[] {true, false}) { // a root that contains the path as written comes first
            for (RunningDaemons.Running d : daemons) {
                for (String r : d.roots()) {
                    Found f = within(Path.of(r), abs, real, written);
                    if (f != null && (best == null || depth(f.root(), written) > depth(best.root(), written))) {
                        best = f;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        for (Path c = abs; c != null; c = c.getParent()) {
            if (Files.exists(RootDirs.of(dataDir, c).resolve("manifest.db"))) {
                return new Found(c, abs);
            }
        }
        // the directory reached through a link (`--root ~/tinylink/src`) of a root indexed by its real path
        for (Path c = real; !real.equals(abs) && c != null; c = c.getParent()) {
            if (Files.exists(RootDirs.of(dataDir, c).resolve("manifest.db"))) {
                return new Found(c, real, abs);
            }
        }
        // a root indexed through a link (`index ~/tinylink`): only its manifest says which directory it is
        Found indexed = null;
        try {
            for (Path folder : RootDirs.all(dataDir)) {
                Optional<Path> root = RootDirs.recordedRoot(folder);
                Found f = root.isPresent() ? within(root.get(), abs, real, false) : null;
                if (f != null && (indexed == null || depth(f.root(), false) > depth(indexed.root(), false))) {
                    indexed = f;
                }
            }
        } catch (IOException e) {
            // an unreadable data directory: the index itself will say so
        }
        return indexed != null ? indexed : new Found(abs, abs);
    }

    /** The root for {@code dir}, asking which daemons run on the data directory. */
    static Found find(Path dir, Path dataDir) {
        return find(dir, dataDir, RunningDaemons.of(dataDir));
    }

    /**
     * The root, other than {@code absRoot} itself, that a running daemon keeps or that is indexed in the
     * data directory and is the same directory as {@code absRoot} (one of them a symbolic link to the
     * other); empty when {@code absRoot} has an index of its own, or there is none.
     */
    static Optional<Path> sameDirectory(Path absRoot, Path dataDir) {
        if (RootDirs.holdsIndex(RootDirs.of(dataDir, absRoot))) {
            return Optional.empty();
        }
        Path real = real(absRoot);
        Optional<Path> watched = RunningDaemons.of(dataDir).stream().flatMap(d -> d.roots().stream()).map(Path::of)
                .filter(r -> !r.equals(absRoot) && real(r).equals(real)).findFirst();
        if (watched.isPresent()) {
            return watched;
        }
        try {
            for (Path folder : RootDirs.all(dataDir)) {
                Optional<Path> root = RootDirs.recordedRoot(folder)
                        .filter(r -> !r.equals(absRoot) && real(r).equals(real));
                if (root.isPresent()) {
                    return root;
                }
            }
        } catch (IOException e) {
            // an unreadable data directory: the index run will say so
        }
        return Optional.empty();
    }

    /**
     * Where {@code abs} lies under {@code root}: by the path as written ({@code written}), else by
     * their real paths, the directory then named under the root; null when the root does not contain it.
     */
    private static Found within(Path root, Path abs, Path real, boolean written) {
        if (written) {
            return abs.startsWith(root) ? new Found(root, abs) : null;
        }
        Path realRoot = real(root);
        return real.startsWith(realRoot) ? new Found(root, root.resolve(realRoot.relativize(real)), abs) : null;
    }

    /**
     * {@code file} named under {@code root} when it lies outside it as written but its directory is
     * inside the root's real path (a file of {@code ~/tiny} for the root {@code ~/tinylink}, or the
     * other way round); else {@code file}. The file's own name is kept: a file that is a link leading
     * out of the root stays refused.
     */
    static Path underRoot(Path root, Path file) {
        Path parent = file.getParent();
        if (file.startsWith(root) || parent == null) {
            return file;
        }
        Path realRoot = real(root);
        Path realParent = real(parent);
        return realParent.startsWith(realRoot)
                ? root.resolve(realRoot.relativize(realParent)).resolve(file.getFileName()) : file;
    }

    /** How deep the root lies: in the tree as written, or in the real one its files are in. */
    private static int depth(Path root, boolean written) {
        return (written ? root : real(root)).getNameCount();
    }

    /** The real path of {@code p} (symbolic links resolved), or {@code p} when it does not exist or cannot be read. */
    static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p;
        }
    }
}
