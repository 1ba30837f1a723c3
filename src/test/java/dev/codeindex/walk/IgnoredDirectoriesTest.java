package dev.codeindex.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every skipped directory comes with the rule that skipped it, and built output that is the only
 * copy of an npm package's code (its sources live in dist/ alone) is indexed; .gitignore still wins.
 */
class IgnoredDirectoriesTest {
    @TempDir Path dir;

    @Test
    void each_skipped_directory_is_reported_with_the_rule_that_skipped_it() {
        TestTree t = new TestTree(dir).gitRepo()
                .add(".gitignore", "generated/\n")
                .add("docs/.ignore", "drafts/\n")
                .files("src/App.java", "generated/G.java", "docs/drafts/a.md", "docs/index.md",
                        "web/node_modules/left-pad/index.js", "web/package.json", "web/coverage/lcov.info",
                        "svc/pom.xml", "svc/target/classes/A.class", "tool/cache/CACHEDIR.TAG", "tool/cache/x.bin",
                        "env/pyvenv.cfg", "env/lib/site.py", "third_party/lib.c", "home/.ssh/id_rsa",
                        ".idea/workspace.xml");

        RecordingVisitor v = t.walk(WalkOptions.defaults().withExcludes(List.of("third_party/")));

        Map<String, IgnoreReason> dirs = new LinkedHashMap<>();
        v.reasons.forEach((path, reason) -> {
            if (path.endsWith("/")) {
                dirs.put(path, reason);
            }
        });
        assertEquals(Map.of(
                ".git/", IgnoreReason.BUILTIN,
                ".idea/", IgnoreReason.BUILTIN,
                "generated/", IgnoreReason.GITIGNORE,
                "docs/drafts/", IgnoreReason.IGNORE_FILE,
                "web/node_modules/", IgnoreReason.DEPENDENCIES,
                "web/coverage/", IgnoreReason.BUILD_OUTPUT,
                "svc/target/", IgnoreReason.BUILD_OUTPUT,
                "tool/cache/", IgnoreReason.CACHE,
                "env/", IgnoreReason.CACHE,
                "third_party/", IgnoreReason.CONFIGURED), withoutSecretDirs(dirs), v.reasons.toString());
        assertEquals(IgnoreReason.SECRET, v.reasons.get("home/.ssh/"), v.reasons.toString());
        assertEquals(List.of(".gitignore", "docs/.ignore", "docs/index.md", "src/App.java", "svc/pom.xml",
                "web/package.json"), v.files);
    }

    private static Map<String, IgnoreReason> withoutSecretDirs(Map<String, IgnoreReason> dirs) {
        Map<String, IgnoreReason> out = new LinkedHashMap<>(dirs);
        out.values().removeIf(r -> r == IgnoreReason.SECRET);
        return out;
    }

    @Test
    void a_package_whose_code_lives_only_in_dist_has_its_dist_indexed() {
        // as npm publishes got: package.json, a readme and dist/ with the whole code
        new TestTree(dir).add("package.json", """
                        {"name": "got", "type": "module",
                         "exports": {"types": "./dist/source/index.d.ts", "default": "./dist/source/index.js"}}""")
                .files("readme.md", "dist/source/index.js", "dist/source/core/index.js");
        RecordingVisitor v = new TestTree(dir).walk();

        assertEquals(List.of("dist/source/core/index.js", "dist/source/index.js", "package.json", "readme.md"), v.files);
        assertEquals(Map.of(), v.reasons);
    }

    @Test
    void main_or_bin_pointing_into_dist_counts_and_a_package_json_naming_nothing_there_does_not() {
        new TestTree(dir)
                .add("a/package.json", "{\"name\": \"a\", \"main\": \"dist/index.js\"}").files("a/dist/index.js")
                .add("b/package.json", "{\"name\": \"b\", \"bin\": {\"b\": \"./dist/cli.js\"}}").files("b/dist/cli.js")
                .add("c/package.json", "{\"name\": \"c\", \"main\": \"index.js\"}").files("c/index.js", "c/dist/c.umd.js")
                .add("d/package.json", "not json at all").files("d/dist/index.js");
        RecordingVisitor v = new TestTree(dir).walk();

        assertEquals(List.of("a/dist/index.js", "a/package.json", "b/dist/cli.js", "b/package.json", "c/index.js",
                "c/package.json", "d/package.json"), v.files);
        assertEquals(Map.of("c/dist/", IgnoreReason.BUILD_OUTPUT, "d/dist/", IgnoreReason.BUILD_OUTPUT), v.reasons);
    }

    @Test
    void a_package_with_its_sources_beside_dist_keeps_dist_skipped_as_build_output() {
        new TestTree(dir).add("package.json", "{\"name\": \"ky\", \"main\": \"./dist/index.js\"}")
                .files("src/index.ts", "dist/index.js", "dist/index.d.ts");
        RecordingVisitor v = new TestTree(dir).walk();

        assertEquals(List.of("package.json", "src/index.ts"), v.files);
        assertEquals(Map.of("dist/", IgnoreReason.BUILD_OUTPUT), v.reasons);
    }

    @Test
    void a_gitignored_dist_stays_ignored_even_when_it_is_the_only_copy() {
        new TestTree(dir).gitRepo().add(".gitignore", "dist/\n")
                .add("package.json", "{\"name\": \"p\", \"main\": \"dist/index.js\"}").files("dist/index.js");
        RecordingVisitor v = new TestTree(dir).walk();

        assertEquals(List.of(".gitignore", "package.json"), v.files);
        assertEquals(IgnoreReason.GITIGNORE, v.reasons.get("dist/"), v.reasons.toString());
    }

    @Test
    void a_configured_exclude_still_skips_an_only_copy_dist_and_without_builtins_every_dist_is_indexed() {
        new TestTree(dir).add("package.json", "{\"main\": \"dist/index.js\"}").files("dist/index.js");
        RecordingVisitor excluded = new TestTree(dir).walk(WalkOptions.defaults().withExcludes(List.of("dist/")));
        assertEquals(List.of("package.json"), excluded.files);
        assertEquals(Map.of("dist/", IgnoreReason.CONFIGURED), excluded.reasons);

        new TestTree(dir).files("src/index.ts");
        assertEquals(Map.of("dist/", IgnoreReason.BUILD_OUTPUT), new TestTree(dir).walk().reasons);
        assertTrue(new TestTree(dir).walk(WalkOptions.defaults().withBuiltinExcludes(false)).files
                .contains("dist/index.js"));
    }
}
