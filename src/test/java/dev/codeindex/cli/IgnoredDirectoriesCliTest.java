package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index summary counts skipped directories by reason (text and --json), -v names each, and an
 * npm package whose code is only in dist/ gets that code indexed.
 */
class IgnoredDirectoriesCliTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    private void write(String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void tree() throws Exception {
        Files.createDirectories(root.resolve(".git/info"));
        write(".gitignore", "ignored-pkg/dist/\n");
        // got as npm publishes it: the code is in dist/ alone
        write("got/package.json", "{\"name\": \"got\", \"exports\": {\"default\": \"./dist/source/index.js\"}}");
        write("got/dist/source/index.js", "export default function got(url, options) {\n  return request(url, options);\n}\n");
        // sources beside their build
        write("ky/package.json", "{\"name\": \"ky\", \"main\": \"./dist/index.js\"}");
        write("ky/src/index.ts", "export function ky(input: string): Promise<Response> {\n  return fetch(input);\n}\n");
        write("ky/dist/index.js", "export function ky(input) {\n  return fetch(input);\n}\n");
        // the only copy, but .gitignore says no
        write("ignored-pkg/package.json", "{\"name\": \"p\", \"main\": \"dist/index.js\"}");
        write("ignored-pkg/dist/index.js", "module.exports = 1;\n");
        write("ky/node_modules/dep/index.js", "module.exports = 2;\n");
    }

    @Test
    void skipped_directories_are_counted_by_reason_and_the_only_copy_of_a_package_is_indexed() throws Exception {
        tree();
        JsonNode s = CliRunner.json("index", root.toString(), "--offline", "--json", "--no-progress", "--data-dir",
                data.toString());
        JsonNode dirs = s.path("files").path("skipped").path("ignoredDirectories");
        assertEquals(1, dirs.path("gitignore").asLong(), s.toString());
        assertEquals(1, dirs.path("buildOutput").asLong(), s.toString());
        assertEquals(1, dirs.path("dependencies").asLong(), s.toString());
        assertEquals(0, dirs.path("configured").asLong(), s.toString());
        assertTrue(dirs.path("builtin").asLong() >= 1, ".git: " + s);
        long dirTotal = 0;
        for (JsonNode n : dirs) {
            dirTotal += n.asLong();
        }
        assertTrue(s.path("files").path("skipped").path("ignored").asLong() >= dirTotal, s.toString());
        // got/dist/source/index.js and ky/src/index.ts are the code; ky/dist/index.js is not
        assertEquals(1, s.path("languages").path("javascript").asLong(), s.toString());
        assertEquals(1, s.path("languages").path("typescript").asLong(), s.toString());

        CliRunner.Result text = CliRunner.run("index", root.toString(), "--offline", "--no-progress", "-v", "--data-dir",
                data.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("Ignored directories: 1 .gitignore, 1 dependency tree, 1 build output, "),
                text.out());
        for (String named : new String[] {"ignored-pkg/dist/: directory skipped (.gitignore)",
                "ky/dist/: directory skipped (build output)", "ky/node_modules/: directory skipped (dependency tree)"}) {
            assertTrue(text.err().contains(named), named + " in:\n" + text.err());
        }
        assertFalse(text.err().contains("got/dist"), "the only copy is not skipped: " + text.err());
    }
}
