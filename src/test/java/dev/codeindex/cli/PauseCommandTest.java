package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.testing.FakeDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codeindex pause} and {@code resume} find the running daemon as {@code status} does (its
 * {@code daemons/PID.json} in the data directory) and ask its HTTP server; with none, they say so.
 */
class PauseCommandTest {
    @TempDir
    Path data;
    final FakeDaemon daemon = new FakeDaemon();
    JavalinServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The file a running watch daemon leaves, naming this (alive) process and the server's URL. */
    void announce() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, null);
        Path dir = Files.createDirectories(data.resolve(WatchCommand.DAEMONS_DIR));
        Files.writeString(dir.resolve(ProcessHandle.current().pid() + ".json"), "{\"pid\": " + ProcessHandle.current().pid()
                + ", \"url\": \"http://127.0.0.1:" + server.port() + "\", \"roots\": [\"/fake/root\"]}");
    }

    @Test
    void pause_and_resume_ask_the_running_daemon() throws Exception {
        announce();
        CliRunner.Result paused = CliRunner.run("pause", "--data-dir", data.toString());
        assertEquals(0, paused.exit(), paused.err());
        assertTrue(daemon.paused());
        assertTrue(paused.out().contains("paused indexing") && paused.out().contains("/fake/root"), paused.out());

        CliRunner.Result resumed = CliRunner.run("resume", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertFalse(daemon.paused());
        assertTrue(resumed.out().contains("resumed indexing"), resumed.out());
    }

    @Test
    void without_a_running_daemon_they_say_what_to_do() {
        for (String command : new String[] {"pause", "resume"}) {
            CliRunner.Result r = CliRunner.run(command, "--data-dir", data.toString());
            assertEquals(Main.FAILED, r.exit(), command);
            assertTrue(r.err().contains("no watch daemon is running") && r.err().contains("codeindex watch"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }
}
