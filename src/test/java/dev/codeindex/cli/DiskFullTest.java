package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.codeindex.util.DiskSpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory on a small tmpfs that fills up during a run (in a child JVM, as a user runs
 * it): the run stops before the disk is full (a write through MapDB's memory mapping that meets a
 * full disk breaks the file) with a message that names the disk and exit code 6, and once space
 * is freed the next run resumes and ends with the index an uninterrupted run makes. Needs root
 * to mount; elsewhere the tests are skipped, saying why.
 */
class DiskFullTest {
    @TempDir
    Path tmp;
    Path disk;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = Files.createDirectories(tmp.resolve("disk"));
        Result m = exec("mount", "-t", "tmpfs", "-o", "size=72m", "tmpfs", disk.toString());
        Assumptions.assumeTrue(m.exit() == 0, "cannot mount a tmpfs here (needs root): " + m.out());
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            exec("umount", "-l", disk.toString());
        }
    }

    record Result(int exit, String out) {}

    static Result exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd));
        return new Result(p.exitValue(), out);
    }

    static Result codeindex(String... args) throws IOException, InterruptedException {
        List<String> cmd = ChildJvm.command(List.of("-Xmx256m"), args);
        return exec(cmd.toArray(String[]::new));
    }

    @Test
    void a_disk_that_fills_during_an_offline_run_stops_it_cleanly_and_the_next_run_converges() throws Exception {
        Path root = tmp.resolve("tree");
        for (int i = 0; i < 3000; i++) {
            Path f = root.resolve("pkg" + (i % 20)).resolve("C" + i + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "package pkg;\n/** Class number " + i + ". */\nclass C" + i + " {\n  int f" + i
                    + "() { return " + i + "; }\n  int g" + i + "() { return f" + i + "() * 2; }\n}\n");
        }
        Path data = disk.resolve("data");
        // leave 2 MB above the 64 MB a run keeps in reserve: the manifest of this tree needs more
        Path filler = disk.resolve("filler");
        Files.write(filler, new byte[(int) (DiskSpace.usable(disk) - (66L << 20))]);

        Result full = codeindex("index", root.toString(), "--offline", "--data-dir", data.toString(), "--batch-size", "100",
                "--no-progress", "--json");
        assertEquals(6, full.exit(), full.out());
        assertTrue(full.out().contains("is full") && full.out().contains(disk.toString()), full.out());
        assertTrue(full.out().contains("Free at least"), full.out());
        assertTrue(full.out().contains("resumes"), full.out());
        assertFalse(full.out().contains("\tat "), "no stack trace: " + full.out());

        Files.delete(filler); // space is freed
        Result again = codeindex("index", root.toString(), "--offline", "--data-dir", data.toString(), "--no-progress",
                "--json");
        assertEquals(0, again.exit(), again.out());

        Path clean = tmp.resolve("clean");
        CliRunner.json("index", root.toString(), "--offline", "--data-dir", clean.toString(), "--json", "--no-progress");
        assertEquals(CrashResumeTest.dump(clean).get("entries"), CrashResumeTest.dump(data).get("entries"));
        assertEquals(CrashResumeTest.dump(clean).get("totals"), CrashResumeTest.dump(data).get("totals"));
    }
}
