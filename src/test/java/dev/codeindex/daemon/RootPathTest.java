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
}
