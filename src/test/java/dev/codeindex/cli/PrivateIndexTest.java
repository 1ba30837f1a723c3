package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index holds the code it indexes, so other users of the machine cannot read it, whatever the umask: a
 * trial searched a tree of mode 700 as another user through its index, whose directories took mode 755.
 */
class PrivateIndexTest {
    @TempDir
    Path tmp;

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void a_new_data_directory_and_every_root_folder_are_private() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("private"));
        Files.writeString(root.resolve("algo.py"), "def private_algorithm():\n    return 42\n");
        Path data = tmp.resolve("state/codeindex");
        CliRunner.Result r = CliRunner.run("index", root.toString(), "--offline", "--data-dir", data.toString(),
                "--no-progress");
        assertEquals(Main.OK, r.exit(), r.err());
        Path folder = RootDirs.of(data, root);
        for (Path p : List.of(tmp.resolve("state"), data, data.resolve("roots"), folder)) {
            assertEquals("rwx------", mode(p), p.toString());
        }
    }

    @Test
    void the_roots_folder_an_older_build_made_open_is_made_private() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(root.resolve("A.java"), "class A {}\n");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path roots = Files.createDirectories(data.resolve("roots"));
        Files.setPosixFilePermissions(roots, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path folder = Files.createDirectories(RootDirs.of(data, root));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRunner.Result r = CliRunner.run("index", root.toString(), "--offline", "--data-dir", data.toString(),
                "--no-progress");
        assertEquals(Main.OK, r.exit(), r.err());
        assertEquals("rwx------", mode(roots));
        assertEquals("rwx------", mode(folder));
        assertEquals("rwxr-xr-x", mode(data), "a data directory the user chose keeps its mode");
    }

    /** Each of these exited 1 with a Java exception's name (a trial); a path to change is exit 2 with why. */
    @Test
    void a_data_directory_where_none_can_be_made_is_exit_2_saying_why() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(root.resolve("a.py"), "x = 1\n");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        record Case(Path dataDir, String says) {}
        for (Case c : List.of(new Case(dangling, "it is a symbolic link to nothing (" + tmp.resolve("nowhere") + ")"),
                new Case(file.resolve("sub"), file + " is a file, not a directory"))) {
            CliRunner.Result r = CliRunner.run("index", root.toString(), "--offline", "--data-dir",
                    c.dataDir().toString(), "--no-progress");
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("cannot make the directory ") && r.err().contains(c.says())
                    && r.err().contains("--data-dir"), r.err());
        }
    }
}
