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
        announce(null);
    }

    void announce(String token) throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, token);
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

    /**
     * A daemon that wants a token, asked without it: every command says so and how to give it (exit 2).
     * search and status answered an empty index from disk with exit 0, pause named a key that does not
     * exist (found by a new-user trial).
     */
    @Test
    void a_daemon_that_needs_its_token_is_said_to_and_how_to_give_it() throws Exception {
        announce("s3cret-tok");
        String url = "http://127.0.0.1:" + server.port();
        for (String[] args : new String[][] {{"status"}, {"search", "rotate", "--root", "/fake/root"}}) {
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--data-dir", data.toString())).toArray(String[]::new);
            CliRunner.Result r = CliRunner.run(all);
            assertEquals(Main.USAGE, r.exit(), args[0] + ": " + r.out() + r.err());
            assertTrue(r.err().contains("the watch daemon at " + url + " refused: it needs its token")
                    && r.err().contains("server.token in the config, or the environment variable CODEINDEX_SERVER_TOKEN"),
                    args[0] + ": " + r.err());
            assertFalse(r.out().contains("No results"), r.out());
        }
        CliRunner.Result pause = CliRunner.run("pause", "--data-dir", data.toString());
        assertEquals(Main.USAGE, pause.exit(), "the same exit as status and search: " + pause.err());
        assertTrue(pause.err().contains("it needs its token") && pause.err().contains("server.token"), pause.err());
        assertFalse(pause.err().contains("watch.token"), pause.err());
        assertFalse(daemon.paused());
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
