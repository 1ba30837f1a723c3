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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory the walk cannot list is logged with its path and counted in the summary
 * ({@code files.skipped.unlisted}, and a clause of the text summary); once it can be read again,
 * the next run indexes what is inside. The run happens in a child JVM, as a user runs it; under
 * root, which reads any directory, the child runs without the capabilities that bypass file
 * permissions ({@code setpriv}), so the test means the same thing in CI as on a laptop.
 */
class UnlistedDirectoryCliTest {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {}

    private static boolean root() throws Exception {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    }

    private Result codeindex(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (root()) {
            cmd.addAll(List.of(SETPRIV.toString(), "--bounding-set", "-dac_override,-dac_read_search"));
        }
        cmd.addAll(ChildJvm.command(List.of("-Xmx256m"), args));
        File err = tmp.resolve("stderr.txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectError(err).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd));
        return new Result(p.exitValue(), out, Files.readString(err.toPath()));
    }

    @Test
    void an_unreadable_directory_is_counted_and_named_and_indexed_once_readable() throws Exception {
        Assumptions.assumeTrue(!root() || Files.isExecutable(SETPRIV),
                "running as root without setpriv: nothing here can be made unreadable");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("a.c"), "int a(void) { return 1; }\n");
        Files.writeString(tree.resolve("z.c"), "int z(void) { return 2; }\n");
        Path locked = Files.createDirectories(tree.resolve("locked"));
        Files.writeString(locked.resolve("b.c"), "int hidden_b(void) { return 3; }\n");
        Path data = tmp.resolve("data");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Result first;
        try {
            first = codeindex("index", tree.toString(), "--offline", "--json", "--no-progress", "--data-dir",
                    data.toString());
            Result text = codeindex("index", tree.toString(), "--offline", "--no-progress", "--data-dir",
                    tmp.resolve("data2").toString());
            assertTrue(text.out().contains("1 could not be listed"), text.out() + text.err());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
        assertEquals(0, first.exit(), first.out() + first.err());
        JsonNode s = new ObjectMapper().readTree(first.out());
        assertEquals(1, s.path("files").path("skipped").path("unlisted").asLong(), s.toString());
        assertEquals(2, s.path("files").path("indexed").asLong(), s.toString());
        assertTrue(first.err().contains("locked") && first.err().contains("cannot be read"), first.err());

        Result again = codeindex("index", tree.toString(), "--offline", "--json", "--no-progress", "--data-dir",
                data.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        JsonNode t = new ObjectMapper().readTree(again.out());
        assertEquals(0, t.path("files").path("skipped").path("unlisted").asLong(), t.toString());
        assertEquals(1, t.path("files").path("indexed").asLong(), "only locked/b.c is new: " + t);
        assertEquals(3, t.path("languages").path("c").asLong(), t.toString());
    }

    /**
     * A data directory or a root this user may not open was a Java exception's name, exit 1
     * ({@code org.mapdb.DBException$VolumeIOError}, {@code AccessDeniedException}; a new-user trial): it
     * is now said as a permission refused on that path, with what to do, exit 2.
     */
    @Test
    void a_path_this_user_may_not_open_is_named_with_what_to_do_exit_2() throws Exception {
        Assumptions.assumeTrue(!root() || Files.isExecutable(SETPRIV),
                "running as root without setpriv: nothing here can be made unreadable");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("a.c"), "int a(void) { return 1; }\n");
        Path data = tmp.resolve("data");
        assertEquals(0, codeindex("index", tree.toString(), "--offline", "--no-progress", "--data-dir", data.toString())
                .exit());
        Path manifest;
        try (var s = Files.list(data.resolve("roots"))) {
            manifest = s.findFirst().orElseThrow().resolve("manifest.db");
        }
        Path readOnly = Files.createDirectories(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            for (String command : new String[] {"status", "doctor"}) {
                Result r = codeindex(command, "--data-dir", data.toString());
                assertEquals(2, r.exit(), command + ": " + r.err());
                assertTrue(r.err().contains("permission denied: " + manifest), command + ": " + r.err());
                assertFalse(r.err().contains("Exception") || r.err().contains("VolumeIOError"), r.err());
            }
            // context on a file it may not read said "cannot be read: /the/path" (a new-user trial): now why
            Path secret = Files.writeString(tree.resolve("secret.c"), "int s(void) { return 0; }\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
            Result context = codeindex("context", secret + ":1", "--data-dir", tmp.resolve("data-c").toString());
            assertTrue(context.err().contains("secret.c cannot be read (permission denied)"), context.err());
            Files.delete(secret);
            Result fresh = codeindex("index", tree.toString(), "--offline", "--no-progress", "--data-dir",
                    readOnly.resolve("data").toString());
            assertEquals(2, fresh.exit(), fresh.err());
            assertTrue(fresh.err().contains("permission denied: " + readOnly.resolve("data"))
                    && fresh.err().contains("--data-dir"), fresh.err());
        } finally {
            Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
