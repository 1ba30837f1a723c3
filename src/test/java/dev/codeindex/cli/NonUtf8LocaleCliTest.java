package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started without a UTF-8 locale (cron, {@code env -i}, many containers) decodes file names as
 * ASCII: a UTF-8 name then cannot name its file again. Such a file is reported and left out; the rest
 * of the tree is indexed (a new-user trial saw the whole run fail on one such name, and watch retry it
 * forever).
 */
class NonUtf8LocaleCliTest {
    @TempDir
    Path tmp;

    @Test
    void a_name_the_locale_cannot_encode_is_reported_and_the_rest_is_indexed() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("m\u00fcll.py"), "def trash():\n    pass\n");
        Files.writeString(tree.resolve("ok.py"), "def fine():\n    pass\n");
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(java.util.List.of("-Xmx256m"), "index", tree.toString(),
                "--offline", "--json", "--no-progress", "--data-dir", tmp.resolve("data").toString()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        env.put("LC_ALL", "POSIX");
        File err = tmp.resolve("stderr.txt").toFile();
        Process p = pb.redirectError(err).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out + stderr);
        JsonNode summary = new ObjectMapper().readTree(out);
        assertEquals(1, summary.path("files").path("indexed").asLong(), out);
        assertEquals(1, summary.path("files").path("skipped").path("unreadable").asLong(), out);
        assertFalse(stderr.contains("Exception"), stderr);
        assertTrue(stderr.contains("not valid in the file-name encoding") && stderr.contains("LANG=C.UTF-8"),
                "the name is reported with the fix: " + stderr);
    }
}
