package dev.codeindex.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootPathTest {
    final Path root = Path.of("/srv/repo");

    @Test
    void a_relative_path_is_normalized_and_slash_separated() {
        assertEquals("src/Main.java", RootPath.relative(root, "src/Main.java"));
        assertEquals("src/Main.java", RootPath.relative(root, "./src/x/../Main.java"));
        assertEquals("src", RootPath.relative(root, "src/"));
        assertEquals("", RootPath.relative(root, "."));
    }

    @Test
    void absolute_escaping_and_empty_paths_are_refused() {
        for (String bad : List.of("/etc/passwd", "..", "../repo2/x", "src/../../x", " ", "a\0b")) {
            assertThrows(IllegalArgumentException.class, () -> RootPath.relative(root, bad), bad);
        }
    }

    /** {@code /reindex?path=} answered "scheduled" for a link out of the root, which {@code /context} refuses (a trial). */
    @Test
    void a_path_that_leaves_the_root_through_a_symbolic_link_is_refused(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path repo = java.nio.file.Files.createDirectories(tmp.resolve("repo/src"));
        Path outside = java.nio.file.Files.writeString(tmp.resolve("secret.py"), "x = 1\n");
        java.nio.file.Files.createSymbolicLink(repo.resolve("out.py"), outside);
        java.nio.file.Files.createSymbolicLink(repo.resolve("etc"), tmp);
        java.nio.file.Files.writeString(repo.resolve("in.py"), "y = 2\n");
        java.nio.file.Files.createSymbolicLink(repo.resolve("alias.py"), repo.resolve("in.py"));
        Path root = tmp.resolve("repo");
        for (String bad : List.of("src/out.py", "src/etc", "src/etc/secret.py")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RootPath.relative(root, bad));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("through a symbolic link"), e.getMessage());
        }
        assertEquals("src/alias.py", RootPath.relative(root, "src/alias.py"), "a link inside the root");
        assertEquals("src/gone.py", RootPath.relative(root, "src/gone.py"), "a deleted file is named to be dropped");
    }
}
