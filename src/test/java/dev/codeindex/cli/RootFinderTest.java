package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which root a directory means: a running daemon's, an indexed ancestor, or itself. */
class RootFinderTest {
    @TempDir
    Path tree;
    @TempDir
    Path data;

    private void indexed(Path root) throws Exception {
        Path dir = RootDirs.of(data, root);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.db"), "");
    }

    private static RunningDaemons.Running daemon(Path... roots) {
        return new RunningDaemons.Running(1, "http://127.0.0.1:1", java.util.Arrays.stream(roots).map(Path::toString).toList());
    }

    @Test
    void the_deepest_root_of_a_running_daemon_that_contains_the_directory_wins() throws Exception {
        Path repo = tree.resolve("repo");
        Path lib = repo.resolve("lib");
        Path dir = lib.resolve("src/util");
        indexed(dir); // a daemon's root comes before an index on disk
        RootFinder.Found f = RootFinder.find(dir, data,
                List.of(daemon(repo), daemon(lib, tree.resolve("other")), daemon(tree.resolve("repo2"))));
        assertEquals(lib, f.root());
        assertTrue(f.fromInside());
        assertEquals("src/util", f.relative());
        assertEquals("searching the index of " + lib + " (the root that contains " + dir + ")", f.note("searching").orElseThrow());
    }

    @Test
    void a_sibling_with_a_common_prefix_is_not_a_parent() {
        Path repo = tree.resolve("repo");
        Path dir = tree.resolve("repo2/src");
        assertEquals(dir, RootFinder.find(dir, data, List.of(daemon(repo))).root());
    }

    @Test
    void without_a_daemon_the_nearest_indexed_ancestor_and_the_directory_itself_first() throws Exception {
        Path repo = tree.resolve("repo");
        Path sub = repo.resolve("sub");
        Path dir = sub.resolve("a/b");
        indexed(repo);
        assertEquals(repo, RootFinder.find(dir, data, List.of()).root());
        indexed(sub);
        assertEquals(sub, RootFinder.find(dir, data, List.of()).root());
        assertEquals("a/b", RootFinder.find(dir, data, List.of()).relative());
        indexed(dir);
        RootFinder.Found self = RootFinder.find(dir, data, List.of());
        assertEquals(dir, self.root());
        assertFalse(self.fromInside());
        assertTrue(self.note("searching").isEmpty());
    }

    @Test
    void a_directory_in_no_root_is_its_own_root() {
        Path dir = tree.resolve("x/y");
        RootFinder.Found f = RootFinder.find(dir.resolve("../y/."), data, List.of(daemon(tree.resolve("z"))));
        assertEquals(dir, f.root());
        assertFalse(f.fromInside());
    }

    /** The shell's {@code cd link} gives a process the real path as its working directory. */
    @Test
    void a_daemon_root_given_through_a_link_contains_its_real_directory() throws Exception {
        Path real = Files.createDirectories(tree.resolve("tiny/src/util"));
        Path link = Files.createSymbolicLink(tree.resolve("tinylink"), tree.resolve("tiny"));
        RootFinder.Found top = RootFinder.find(tree.resolve("tiny"), data, List.of(daemon(link)));
        assertEquals(link, top.root());
        assertEquals("", top.relative());
        RootFinder.Found f = RootFinder.find(real, data, List.of(daemon(tree.resolve("other"), link)));
        assertEquals(link, f.root());
        assertTrue(f.fromInside());
        assertEquals("src/util", f.relative());
        assertEquals("searching the index of " + link + " (the root that contains " + real + ", as "
                + link.resolve("src/util") + ")", f.note("searching").orElseThrow());
    }

    @Test
    void a_root_indexed_by_its_real_path_contains_a_directory_reached_through_a_link() throws Exception {
        Path real = Files.createDirectories(tree.resolve("tiny/src"));
        Path link = Files.createSymbolicLink(tree.resolve("tinylink"), tree.resolve("tiny"));
        indexed(tree.resolve("tiny"));
        RootFinder.Found f = RootFinder.find(link.resolve("src"), data, List.of());
        assertEquals(tree.resolve("tiny"), f.root());
        assertEquals("src", f.relative());
        assertEquals(real, f.dir());
    }
}
