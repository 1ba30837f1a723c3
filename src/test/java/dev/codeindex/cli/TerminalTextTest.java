package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape sequences in an indexed file reached the terminal: `context` set the window title and cleared
 * the screen, and a file name with a line break split a search hit in two (a new-user trial).
 */
class TerminalTextTest {
    static final String HOSTILE = "x = 1  # \u001b]2;PWNED\u0007\u001b[2J\u001b[31mred\u009b0m\r\n";

    @TempDir
    Path tmp;

    @Test
    void context_prints_control_characters_visibly_and_keeps_the_lines() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(root.resolve("evil.py"), "def f():\n    " + HOSTILE + "    return 2\n");
        CliRunner.Result r = CliRunner.run("context", root.resolve("evil.py") + ":2", "--data-dir",
                tmp.resolve("data").toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b || c == '\r'), r.out());
        assertTrue(r.out().contains("\u241b]2;PWNED\u2407\u241b[2J") && r.out().contains("\\x9b0m"), r.out());
        assertTrue(r.out().contains("    return 2"), "lines and indentation stay: " + r.out());
    }

    @Test
    void a_search_hit_stays_on_its_lines_whatever_its_path_and_code_hold() {
        SearchResult hit = new SearchResult("hostile/name\nwith newline.py", 1, 2, "f", "python", 0.5,
                "def f(): " + HOSTILE, null);
        String text = SearchCommand.text(new SearchAnswer(List.of(hit), 0, null));
        assertEquals(2, text.lines().count(), text);
        assertTrue(text.startsWith(" 1. hostile/name\u240awith newline.py:1-2"), text);
        assertFalse(text.chars().anyMatch(c -> c == 0x1b || c == '\r'), text);

        // context's header line too (found in review)
        String context = ContextCommand.text(new dev.codeindex.api.ContextAnswer("/r", "name\nwith newline.py", 1, 1, 1,
                "f", "function", "python", "def f(): pass\n", true, null));
        assertTrue(context.startsWith("name\u240awith newline.py:1-1  f  (function, python)\n"), context);
    }
}
