package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.DataDirLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second try of a lock this process holds: the OS lock belongs to the process, and closing the second
 * channel (its tryLock refused) released it, so another process could take a root this one was writing
 * (a review: a status peek of an MCP session while its index run held the root, and a waiting daemon took it).
 */
class LockInProcessTest {
    @TempDir
    Path tmp;

    @Test
    void a_second_try_in_this_process_is_refused_and_another_process_stays_locked_out() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(root.resolve("a.py"), "x = 1\n");
        Path data = tmp.resolve("data");
        Path folder = RootDirs.of(data, root);
        try (DataDirLock held = DataDirLock.acquire(folder)) {
            assertThrows(DataDirInUseException.class, () -> DataDirLock.acquire(folder));
            assertThrows(DataDirInUseException.class, () -> DataDirLock.acquire(folder.resolve("..").resolve(
                    folder.getFileName())), "the same directory by another spelling");
            Process other = new ProcessBuilder(ChildJvm.command("index", root.toString(), "--offline", "--data-dir",
                    data.toString(), "--no-progress")).redirectErrorStream(true).start();
            String out = new String(other.getInputStream().readAllBytes());
            other.waitFor(60, TimeUnit.SECONDS);
            assertEquals(3, other.exitValue(), "the lock is still this process's: " + out);
        }
        try (DataDirLock again = DataDirLock.acquire(folder)) {
            again.close(); // closed twice: harmless
        }
        DataDirLock.acquire(folder).close(); // released: free again
    }
}
