package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codeindex status} while a child {@code index} process holds the data directory: the child is
 * stopped (SIGSTOP) mid-run, so it holds the lock at a known point, and status shows its progress and
 * checkpoint from the progress file it writes, without opening the manifest.
 */
class StatusDuringIndexTest {
    static final int FILES = 400;

    @TempDir
    Path tmp;
    Process child;

    @AfterEach
    void kill() throws Exception {
        if (child != null && child.isAlive()) {
            signal("CONT");
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void status_shows_the_progress_and_checkpoint_of_a_run_in_progress_then_the_index_once_it_ends() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")),
                "holding a child mid-run needs kill -STOP");
        Path root = Files.createDirectories(tmp.resolve("tree"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(root.resolve(String.format("C%03d.java", i)), "class C" + i + " {\n  int f() { return " + i
                    + "; }\n}\n");
        }
        Path data = tmp.resolve("data");
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command("index", root.toString(),
                "--data-dir", data.toString(), "--offline", "--batch-size", "2", "--threads", "1", "--no-progress"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CODEINDEX_LOG_LEVEL", "debug");
        child = pb.start();
        BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8));
        assertTrue(waitForLine(err, "batch 5 committed"), "the child never committed its fifth batch");
        signal("STOP");

        JsonNode st = CliRunner.json("status", "--json", "--data-dir", data.toString());
        JsonNode r = st.path("roots").get(0);
        assertTrue(r.path("busy").asBoolean(), r.toString());
        assertEquals(root.toString(), r.path("root").asText());
        JsonNode run = r.path("run");
        assertEquals(child.pid(), run.path("pid").asLong(), r.toString());
        assertEquals("index", run.path("progress").path("phase").asText(), run.toString());
        assertEquals(FILES, run.path("progress").path("total").asLong(), run.toString());
        JsonNode cp = run.path("checkpoint");
        assertFalse(cp.path("runId").asText().isEmpty());
        assertEquals("index", cp.path("phase").asText());
        assertFalse(cp.path("cleanShutdown").asBoolean(), "a run in progress");
        assertTrue(cp.path("filesDone").asLong() >= 2 && cp.path("filesDone").asLong() <= 10, cp.toString());
        assertEquals(FILES, cp.path("filesTotal").asLong());
        assertTrue(!cp.path("updatedAt").asText().startsWith("1970"), cp.toString());

        CliRunner.Result text = CliRunner.run("status", "--data-dir", data.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("being indexed by process " + child.pid() + ": index "), text.out());
        assertTrue(text.out().contains("/" + FILES + " files") && text.out().contains("checkpoint: run "
                + cp.path("runId").asText()), text.out());

        signal("CONT");
        Thread drain = new Thread(() -> drain(err));
        drain.start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue());
        Path rootDir = RootDirs.of(data, root.toAbsolutePath().normalize());
        assertFalse(Files.exists(rootDir.resolve(ProgressFile.NAME)), "the run removes its progress file");
        JsonNode after = CliRunner.json("status", "--json", "--data-dir", data.toString()).path("roots").get(0);
        assertFalse(after.path("busy").asBoolean());
        assertEquals(FILES, after.path("files").asLong());
        assertEquals("done", after.path("checkpoint").path("phase").asText());
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start();
        assertTrue(k.waitFor(10, TimeUnit.SECONDS) && k.exitValue() == 0, "kill -" + name);
    }

    private static boolean waitForLine(BufferedReader err, String marker) throws IOException {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            if (line.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private static void drain(BufferedReader err) {
        try {
            while (err.readLine() != null) {
                // the child's log, read so that it never blocks on a full pipe
            }
        } catch (IOException ignored) {
            // the child ended
        }
    }
}
