package dev.codeindex.walk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * <p>Built output that is the only copy of the code is not skipped: an npm package as published
 * often ships its code in {@code dist/} alone (got, for one). A {@code dist/} beside
 * {@code package.json} is indexed when package.json's {@code main}, {@code module},
 * {@code browser}, {@code types}, {@code typings}, {@code bin} or {@code exports} name a file in it
 * and no {@code src/}, {@code source/} or {@code lib/} beside it holds the package's sources.
 * That costs reading one small package.json, only where a {@code dist/} sits beside it.
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

    /** Directories beside package.json where a package keeps its own sources. */
    static final List<String> SOURCE_DIRS = List.of("src", "source", "lib");
    /** package.json fields that name the package's entry points. */
    static final List<String> ENTRY_FIELDS = List.of("main", "module", "browser", "types", "typings", "bin", "exports");
    /** A package.json larger than this is not read (they are a few KB). */
    static final long MAX_PACKAGE_JSON = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Whether directory {@code name} (at {@code path}) is build output to skip, given the names of
     * its siblings.
     */
    static boolean isOutputDir(Path path, String name, Predicate<String> siblingExists) {
        List<String> markers = MARKED_BY_SIBLING.get(name);
        if (markers == null) {
            return false;
        }
        for (String marker : markers) {
            if (siblingExists.test(marker)) {
                return !(name.equals("dist") && marker.equals("package.json") && isOnlyCopy(path, siblingExists));
            }
        }
        return false;
    }

    /**
     * Whether the {@code dist/} at {@code dist} is the only copy of its npm package's code: no source
     * directory beside it, and package.json names an entry point inside it.
     */
    static boolean isOnlyCopy(Path dist, Predicate<String> siblingExists) {
        for (String src : SOURCE_DIRS) {
            if (siblingExists.test(src)) {
                return false;
            }
        }
        Path pkg = dist.resolveSibling("package.json");
        JsonNode json;
        try {
            if (!Files.isRegularFile(pkg, LinkOption.NOFOLLOW_LINKS) || Files.size(pkg) > MAX_PACKAGE_JSON) {
                return false;
            }
            try (InputStream in = Files.newInputStream(pkg)) {
                json = JSON.readTree(in);
            }
        } catch (IOException | RuntimeException e) {
            return false; // unreadable or not JSON: the built-in rule stands
        }
        if (json == null || !json.isObject()) {
            return false;
        }
        String dir = dist.getFileName().toString();
        for (String field : ENTRY_FIELDS) {
            List<String> targets = new ArrayList<>();
            strings(json.get(field), targets);
            for (String t : targets) {
                String p = t.strip();
                while (p.startsWith("./")) {
                    p = p.substring(2);
                }
                if (p.startsWith(dir + "/") || p.equals(dir)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every string value under {@code node} (the targets of a conditional exports map are nested objects). */
    private static void strings(JsonNode node, List<String> out) {
        if (node == null || out.size() > 1000) {
            return;
        }
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                strings(child, out);
            }
        }
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
