package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files chunked again though unchanged (an upgrade's new chunker, changed chunk settings) are said to be,
 * with why: an upgraded index re-chunked 650 files and said only "650 indexed" (an upgrade trial).
 */
class RechunkNoticeCliTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    @Test
    void unchanged_files_chunked_again_are_said_to_be_and_why() throws Exception {
        for (int i = 0; i < 3; i++) {
            Files.writeString(root.resolve("m" + i + ".py"), "def f" + i + "(x):\n    return x + " + i + "\n");
        }
        CliRunner.Result first = CliRunner.run("index", root.toString(), "--offline", "--no-progress", "-v",
                "--data-dir", data.toString());
        assertEquals(0, first.exit(), first.err());
        assertFalse(first.err().contains("chunked again"), first.err());

        Path config = data.resolve("config.yaml");
        Files.writeString(config, "chunk:\n  maxLines: 40\n");
        CliRunner.Result again = CliRunner.run("index", root.toString(), "--offline", "--no-progress", "-v",
                "--data-dir", data.toString(), "--config", config.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("3 unchanged files are read and chunked again: they were chunked by another"
                + " chunker version or other chunk settings"), again.err());
    }
}
