package dev.codeindex.walk;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Build-output and cache directories that a name alone cannot identify. Part of the built-in
 * excludes ({@link WalkOptions#builtinExcludes()}).
 *
 * <p>Why not plain patterns: {@code target/}, {@code build/}, {@code dist/} and {@code coverage/}
 * at any depth would drop real sources ({@code drivers/target/} and {@code tools/build/} in Linux,
 * {@code src/internal/coverage/} in Go), and anchoring them to the root would miss the outputs of
 * every module of a multi-module build. So such a directory is skipped only when a sibling file
 * shows which tool produced it ({@code target/} next to {@code pom.xml} or {@code Cargo.toml}).
 * Independently of its name, a directory holding a {@code CACHEDIR.TAG} (the cache-directory
 * tagging convention, written by Cargo, pytest and others) or a {@code pyvenv.cfg} (any Python
 * virtual environment, whatever it is called) is skipped.
 *
 * <p>Stateless and thread-safe.
 */
final class OutputDirs {
    /** Directory name → sibling files that mark it as that tool's output. */
    private static final Map<String, List<String>> MARKED_BY_SIBLING = Map.of(
            "target", List.of("pom.xml", "Cargo.toml", "build.sbt", "project.clj"),
            "build", List.of("build.gradle", "build.gradle.kts", "settings.gradle",
                    "settings.gradle.kts", "setup.py", "pyproject.toml", "pubspec.yaml"),
            "dist", List.of("setup.py", "pyproject.toml", "package.json"),
            "coverage", List.of("package.json"),
            "_build", List.of("mix.exs", "rebar.config", "dune-project"));

    /** Files whose presence inside a directory marks the whole directory as disposable. */
    private static final List<String> MARKED_BY_CHILD = List.of("CACHEDIR.TAG", "pyvenv.cfg");

    private OutputDirs() {}

    /** Whether directory {@code name} is build output, given the names of its siblings. */
    static boolean isOutputDir(String name, Predicate<String> siblingExists) {
        List<String> markers = MARKED_BY_SIBLING.get(name);
        if (markers == null) {
            return false;
        }
        for (String marker : markers) {
            if (siblingExists.test(marker)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a directory whose entries are {@code childExists} is a cache or virtualenv. */
    static boolean isCacheDir(Predicate<String> childExists) {
        for (String marker : MARKED_BY_CHILD) {
            if (childExists.test(marker)) {
                return true;
            }
        }
        return false;
    }
}
