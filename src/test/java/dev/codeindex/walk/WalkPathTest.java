package dev.codeindex.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Walker#walkPath} must agree with the full walk on every path it is asked about. */
class WalkPathTest {
    @TempDir
    Path dir;

    private RecordingVisitor walkPath(String rel) throws IOException {
        RecordingVisitor v = new RecordingVisitor();
        new Walker(dir, WalkOptions.defaults()).walkPath(rel, v);
        return v;
    }

    @Test
    void every_path_of_a_tree_with_ignore_rules_reports_what_the_full_walk_reports_under_it() throws IOException {
        new TestTree(dir).gitRepo()
                .add(".gitignore", "*.log\n/build-out/\n!keep.log\n")
                .add("src/.gitignore", "generated/\n")
                .add(".env", "SECRET=1")
                .files("a.txt", "a-b/c.txt", "a/b/c.py", "a/b/d.log", "a/b/keep.log", "a0", "src/Main.java",
                        "src/generated/G.java", "src/deep/x/y/Z.java", "node_modules/m/index.js", "build-out/o.bin",
                        "docs/build-out/kept.md");
        List<String> all = new TestTree(dir).walk().files;
        TreeSet<String> probes = new TreeSet<>(List.of("a", "a/b", "a/b/d.log", "a/b/keep.log", "src/generated",
                "src/generated/G.java", "node_modules/m/index.js", "build-out", "docs/build-out/kept.md", "missing",
                "a.txt/x", ".env", "src/deep"));
        for (String f : all) {
            for (int i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) {
                probes.add(f.substring(0, i));
            }
            probes.add(f);
        }
        for (String p : probes) {
            List<String> expected = new ArrayList<>();
            for (String f : all) {
                if (f.equals(p) || f.startsWith(p + "/")) {
                    expected.add(f);
                }
            }
            assertEquals(expected, walkPath(p).files, "walkPath(" + p + ")");
        }
        assertTrue(walkPath("src/generated/G.java").ignored.contains("src/generated/"));
        assertEquals(List.of(".env"), walkPath(".env").ignored);
        assertTrue(walkPath("node_modules/m/index.js").ignored.contains("node_modules/"));
    }

    @Test
    void many_paths_in_one_walk_report_the_union_once_in_walk_order() throws IOException {
        new TestTree(dir).gitRepo()
                .add(".gitignore", "*.log\n")
                .files("a", "a-b/c.txt", "a0", "b/x/1.txt", "b/x/2.log", "b/y/3.txt", "b/z.txt", "c/d/e/f.txt",
                        "c/d/g.txt", "c/h.txt");
        List<String> all = new TestTree(dir).walk().files;
        java.util.Random random = new java.util.Random(42);
        List<String> candidates = new ArrayList<>(all);
        candidates.addAll(List.of("b", "b/x", "c", "c/d", "c/d/e", "missing", "b/x/2.log", "a-b"));
        for (int round = 0; round < 200; round++) {
            TreeSet<String> pick = new TreeSet<>();
            for (String c : candidates) {
                if (random.nextInt(4) == 0) {
                    pick.add(c);
                }
            }
            List<String> expected = new ArrayList<>();
            for (String f : all) {
                if (pick.stream().anyMatch(p -> f.equals(p) || f.startsWith(p + "/"))) {
                    expected.add(f);
                }
            }
            RecordingVisitor v = new RecordingVisitor();
            new Walker(dir, WalkOptions.defaults()).walkPaths(pick, v);
            assertEquals(expected, v.files, "walkPaths(" + pick + ")");
        }
    }

    @Test
    void a_path_that_is_not_relative_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> walkPath("/etc"));
        assertThrows(IllegalArgumentException.class, () -> walkPath(""));
        assertThrows(IllegalArgumentException.class, () -> walkPath("a/"));
    }
}
