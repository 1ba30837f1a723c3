package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.index.PassProgress;
import dev.codeindex.manifest.Checkpoint;
import dev.codeindex.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress file an index run leaves beside its manifest for {@code status}. */
class ProgressFileTest {
    @TempDir
    Path dir;
    final FakeClock clock = new FakeClock();
    final PassProgress pass = new PassProgress(clock::millis);
    final AtomicReference<Checkpoint> checkpoint = new AtomicReference<>(Checkpoint.NONE);

    ProgressFile file() {
        return new ProgressFile(dir, "/src/project", pass, checkpoint::get, () -> Map.of("files", 7L, "chunks", 21L),
                clock);
    }

    @Test
    void it_holds_the_run_s_progress_and_checkpoint_is_throttled_and_goes_with_the_run() throws Exception {
        long t = clock.millis();
        try (ProgressFile f = file()) {
            checkpoint.set(new Checkpoint("run-1", Checkpoint.Phase.SCAN, 0, 0, 0, "", false, t, t));
            f.committed();
            JsonNode first = ProgressFile.read(dir).orElseThrow();
            assertEquals(ProcessHandle.current().pid(), first.path("pid").asLong());
            assertEquals("/src/project", first.path("root").asText());
            assertEquals("run-1", first.path("checkpoint").path("runId").asText());
            assertFalse(first.path("checkpoint").path("cleanShutdown").asBoolean());

            pass.phase("index", 100);
            pass.work(10_000);
            clock.advance(Duration.ofMillis(100));
            pass.stored(10, 1000, 30);
            checkpoint.set(new Checkpoint("run-1", Checkpoint.Phase.INDEX, 10, 100, 1, "f10", false, t,
                    clock.millis()));
            f.committed();
            JsonNode index = ProgressFile.read(dir).orElseThrow();
            assertEquals("index", index.path("progress").path("phase").asText(), "a new phase is written at once");
            assertEquals(300, index.path("progress").path("chunksTotal").asLong());
            assertEquals(900, index.path("progress").path("etaMs").asLong());
            assertEquals(10, index.path("checkpoint").path("filesDone").asLong());
            assertEquals(7, index.path("files").asLong());

            clock.advance(Duration.ofMillis(100));
            pass.stored(20, 2000, 60);
            f.committed();
            assertEquals(30, ProgressFile.read(dir).orElseThrow().path("progress").path("chunksDone").asLong(),
                    "within the interval: not written again");
            clock.advance(Duration.ofMillis(ProgressFile.MIN_INTERVAL_MILLIS));
            f.committed();
            assertEquals(60, ProgressFile.read(dir).orElseThrow().path("progress").path("chunksDone").asLong());
            assertFalse(Files.exists(dir.resolve(ProgressFile.NAME + ".tmp")), "written through a renamed temp file");
        }
        assertFalse(Files.exists(dir.resolve(ProgressFile.NAME)), "removed when the run ends");
    }

    @Test
    void a_file_left_by_a_process_that_is_gone_is_ignored() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        assertTrue(gone.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        Files.writeString(dir.resolve(ProgressFile.NAME), "{\"pid\":" + gone.pid() + ",\"progress\":{}}");
        assertTrue(ProgressFile.read(dir).isEmpty());
        Files.writeString(dir.resolve(ProgressFile.NAME), "{\"pid\":");
        assertTrue(ProgressFile.read(dir).isEmpty(), "half a file (from another writer) is no run");
    }
}
