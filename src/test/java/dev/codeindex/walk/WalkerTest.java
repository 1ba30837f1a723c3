package dev.codeindex.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk itself: order, file kinds, symlinks, errors. */
class WalkerTest {
    @TempDir Path dir;

    @Test
    void files_arrive_in_strictly_increasing_string_order_of_relative_paths() {
        // '-' (0x2D) and '.' (0x2E) sort before '/' (0x2F), '0' after it: "a-b" < "a.txt" < "a/b" < "a0"
        // "a" is a directory here and "x/a" a file; "ｆ" (U+FF46) sorts after the surrogates of "😀"
        List<String> names = List.of("a.txt", "a-b", "a0", "A", "B/x", "a/b/c", "a/b.c", "a/b-c", "a/b0", "a/b/c.d",
                "a.d/e", "ab/c", "x/a", "x/a.b/c", "é.txt", "e/é", "日本/語.go", "😀.txt", "ｆ.txt", "z z/y", "_/u", "~a",
                "0/1", "a/b/c-d/e");
        TestTree t = new TestTree(dir).files(names.toArray(new String[0]));

        RecordingVisitor v = t.walk();

        List<String> sorted = new ArrayList<>(v.files);
        sorted.sort(String::compareTo);
        assertEquals(sorted, v.files);
        for (int i = 1; i < v.files.size(); i++) {
            assertTrue(v.files.get(i - 1).compareTo(v.files.get(i)) < 0, v.files.toString());
        }
        assertEquals(names.size(), v.files.size(), v.files.toString());
    }

    @Test
    void directory_and_file_with_a_common_prefix_interleave_by_full_path() {
        RecordingVisitor v = new TestTree(dir).files("foo/bar", "foo.c", "foo-x/y", "foo0", "foo/a/b").walk();

        assertEquals(List.of("foo-x/y", "foo.c", "foo/a/b", "foo/bar", "foo0"), v.files);
    }

    @Test
    void file_stat_carries_size_mtime_and_an_absolute_path() throws IOException {
        new TestTree(dir).add("src/Main.java", "class Main {}");
        Files.setLastModifiedTime(dir.resolve("src/Main.java"), FileTime.fromMillis(1_700_000_000_000L));

        FileStat s = new TestTree(dir).walk().stats.get(0);

        assertEquals("src/Main.java", s.relPath());
        assertEquals(13, s.size());
        assertEquals(1_700_000_000_000L, s.mtimeMillis());
        assertTrue(s.path().isAbsolute());
        assertEquals("class Main {}", Files.readString(s.path()));
    }

    @Test
    void fifo_is_reported_as_special_and_never_opened() throws Exception {
        new TestTree(dir).files("a.txt", "z.txt");
        assumeTrue(run("mkfifo", dir.resolve("pipe").toString()), "mkfifo not available");

        RecordingVisitor v = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new TestTree(dir).walk());

        assertEquals(List.of("a.txt", "z.txt"), v.files);
        assertEquals(List.of("pipe"), v.special);
    }

    @Test
    void unix_socket_is_reported_as_special() throws IOException {
        new TestTree(dir).files("a.txt");
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(dir.resolve("sock")));

            RecordingVisitor v = new TestTree(dir).walk();

            assertEquals(List.of("a.txt"), v.files);
            assertEquals(List.of("sock"), v.special);
        }
    }

    @Test
    void symlinks_are_not_followed_by_default() throws IOException {
        TestTree t = new TestTree(dir).add("real/f.c", "x");
        Files.createSymbolicLink(dir.resolve("dirlink"), dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("filelink.c"), dir.resolve("real/f.c"));

        RecordingVisitor v = t.walk();

        assertEquals(List.of("real/f.c"), v.files);
        assertEquals(List.of("dirlink", "filelink.c"), v.special);
    }

    @Test
    void followed_symlink_loop_terminates_and_visits_each_real_file_once() throws IOException {
        TestTree t = new TestTree(dir).files("a/f.c", "a/b/g.c");
        Files.createSymbolicLink(dir.resolve("a/b/up"), dir.resolve("a"));
        Files.createSymbolicLink(dir.resolve("a/self"), Path.of("."));
        Files.createSymbolicLink(dir.resolve("root"), dir);

        RecordingVisitor v = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> t.walk(WalkOptions.defaults().withFollowSymlinks(true)));

        assertEquals(List.of("a/b/g.c", "a/f.c"), v.files);
        assertEquals(List.of("a/b/up", "a/self", "root"), v.special);
    }

    @Test
    void followed_symlinks_inside_the_root_are_walked_under_the_link_name() throws IOException {
        TestTree t = new TestTree(dir).add("lib/x.c", "x");
        Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("lib"));
        Files.createSymbolicLink(dir.resolve("y.c"), Path.of("lib/x.c"));

        RecordingVisitor v = t.walk(WalkOptions.defaults().withFollowSymlinks(true));

        assertEquals(List.of("alias/x.c", "lib/x.c", "y.c"), v.files);
    }

    @Test
    void followed_symlinks_never_leave_the_root_and_dangling_ones_are_special(@TempDir Path outside)
            throws IOException {
        Files.writeString(outside.resolve("secret.c"), "x");
        TestTree t = new TestTree(dir).add("in.c", "x");
        Files.createSymbolicLink(dir.resolve("out"), outside);
        Files.createSymbolicLink(dir.resolve("out.c"), outside.resolve("secret.c"));
        Files.createSymbolicLink(dir.resolve("gone.c"), dir.resolve("missing.c"));

        RecordingVisitor v = t.walk(WalkOptions.defaults().withFollowSymlinks(true));

        assertEquals(List.of("in.c"), v.files);
        assertEquals(List.of("gone.c", "out", "out.c"), v.special);
    }

    @Test
    void unlistable_directory_is_an_error_and_the_walk_goes_on() throws IOException {
        TestTree t = new TestTree(dir).files("a.c", "locked/b.c", "z.c");
        Path locked = dir.resolve("locked");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeTrue(!Files.isReadable(locked), "running with privileges that ignore permissions");

            RecordingVisitor v = t.walk();

            assertEquals(List.of("a.c", "z.c"), v.files);
            assertEquals(List.of("locked"), v.errors);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void directory_vanishing_mid_walk_is_an_error_and_the_walk_goes_on() throws IOException {
        TestTree t = new TestTree(dir).files("a.c", "gone/b.c", "z.c");
        RecordingVisitor v = new RecordingVisitor() {
            @Override
            public void onFile(FileStat stat) {
                super.onFile(stat);
                if (stat.relPath().equals("a.c")) { // listed already, deleted before it is entered
                    deleteTree(dir.resolve("gone"));
                }
            }
        };

        new Walker(dir, WalkOptions.defaults()).walk(v);

        assertEquals(List.of("a.c", "z.c"), v.files);
        assertEquals(List.of("gone"), v.errors);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "list ahead: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void interrupting_the_walking_thread_stops_the_walk(boolean listAhead) {
        TestTree t = new TestTree(dir).files("a/x.c", "b/y.c", "c/z.c");
        RecordingVisitor v = new RecordingVisitor() {
            @Override
            public void onFile(FileStat stat) {
                super.onFile(stat);
                Thread.currentThread().interrupt();
            }
        };
        try {
            assertThrows(java.io.InterruptedIOException.class,
                    () -> new Walker(dir, WalkOptions.defaults()).walk(v, listAhead));
            assertEquals(List.of("a/x.c"), v.files);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void listing_ahead_reports_a_wide_and_deep_tree_as_the_plain_walk_does() {
        TestTree t = new TestTree(dir).add(".ignore", "*.log\nd1/\n!d1.x/\n");
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 300; i++) {
            StringBuilder p = new StringBuilder();
            int depth = 1 + r.nextInt(5);
            for (int d = 0; d < depth; d++) {
                p.append("d").append(r.nextInt(4 + 20 / (d + 1))).append(d % 2 == 0 ? "/" : ".x/");
            }
            t.files(p + "f" + r.nextInt(3) + (r.nextBoolean() ? ".c" : ".log"), p + "node_modules/m.js");
        }
        RecordingVisitor v = t.walk(); // compares both walks
        assertTrue(v.files.size() > 100, "files: " + v.files.size());
    }

    @Test
    void missing_root_fails_the_walk() {
        Walker w = new Walker(dir.resolve("nope"), WalkOptions.defaults());

        assertThrows(NoSuchFileException.class, () -> w.walk(new RecordingVisitor()));
    }

    @Test
    void root_that_is_a_file_fails_the_walk() {
        new TestTree(dir).add("f.txt", "x");
        Walker w = new Walker(dir.resolve("f.txt"), WalkOptions.defaults());

        assertThrows(NotDirectoryException.class, () -> w.walk(new RecordingVisitor()));
    }

    @Test
    void hidden_files_are_walked_unless_excluded() {
        RecordingVisitor v = new TestTree(dir).files(".github/workflows/ci.yml", ".clang-format").walk();

        assertEquals(List.of(".clang-format", ".github/workflows/ci.yml"), v.files);
    }

    private static void deleteTree(Path p) {
        try (var paths = Files.walk(p)) {
            for (Path q : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean run(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
