package dev.codeindex.cli;

import java.util.List;
import dev.codeindex.index.ProgressListener;
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

    /**
     * Another process's update of a tree of 10 indexed files, 3 of them changed and 1 new: its coverage counted
     * the changed files twice (10 in the index + 4 to read). The file carries the manifest's count of new files.
     */
    @Test
    void an_update_run_s_coverage_counts_the_changed_files_once() throws Exception {
        long t = clock.millis();
        try (ProgressFile f = new ProgressFile(dir, "/src/project", pass, checkpoint::get,
                () -> Map.of("files", 10L, "chunks", 30L, dev.codeindex.api.Coverage.PENDING_NEW, 1L), clock)) {
            pass.phase("index", 4);
            checkpoint.set(new Checkpoint("run-2", Checkpoint.Phase.INDEX, 0, 4, 1, "", false, t, t));
            f.phase("index", 4);
            dev.codeindex.api.Coverage c = LocalIndex.coverage(ProgressFile.read(dir).orElseThrow());
            assertEquals(11, c.files());
            assertEquals(10, c.keyword());
        }
    }

    /**
     * A tree that fits in one batch commits once, minutes later with a model: the file shows the index
     * phase as soon as it starts, and the files read and embedded within the batch, written from the
     * workers' threads without reading the manifest there (found by a new-user trial: "scanning, 0
     * files looked at" for a whole run).
     */
    @Test
    void a_phase_is_written_when_it_starts_and_progress_within_a_batch_now_and_then() throws Exception {
        long t = clock.millis();
        Thread runThread = Thread.currentThread();
        List<String> offThread = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ProgressFile f = new ProgressFile(dir, "/src/project", pass, () -> {
            if (Thread.currentThread() != runThread) {
                offThread.add(Thread.currentThread().getName());
            }
            return checkpoint.get();
        }, () -> Map.of("files", 7L), clock)) {
            ProgressListener both = ProgressListener.both(pass, f);
            checkpoint.set(new Checkpoint("run-1", Checkpoint.Phase.SCAN, 0, 0, 0, "", false, t, t));
            both.committed();
            both.phase("scan", -1);
            checkpoint.set(new Checkpoint("run-1", Checkpoint.Phase.INDEX, 0, 97, 0, "", false, t, t));
            both.committed();
            both.phase("index", 97);
            JsonNode index = ProgressFile.read(dir).orElseThrow();
            assertEquals("index", index.path("progress").path("phase").asText(), "written when the phase starts");
            assertEquals(97, index.path("progress").path("total").asLong());

            Thread worker = new Thread(() -> {
                clock.advance(Duration.ofMillis(ProgressFile.MIN_INTERVAL_MILLIS));
                both.progress(40, "f40");
            }, "chunk-worker");
            worker.start();
            worker.join();
            JsonNode read = ProgressFile.read(dir).orElseThrow();
            assertEquals(40, read.path("progress").path("done").asLong(), "files read within the batch");
            assertEquals("run-1", read.path("checkpoint").path("runId").asText(), "with the checkpoint last read");

            both.progress(41, "f41");
            assertEquals(40, ProgressFile.read(dir).orElseThrow().path("progress").path("done").asLong(),
                    "within the interval: not written again");
            clock.advance(Duration.ofMillis(ProgressFile.MIN_INTERVAL_MILLIS));
            both.stored(60, 6000, 180);
            assertEquals(180, ProgressFile.read(dir).orElseThrow().path("progress").path("chunksDone").asLong());
        }
        assertEquals(List.of(), offThread, "the manifest is read on the run's thread only");
    }

    /** A manifest that cannot be read for the file never fails the run (found in review). */
    @Test
    void a_manifest_that_cannot_be_read_costs_the_file_not_the_run() {
        try (ProgressFile f = new ProgressFile(dir, "/src/project", pass, () -> {
            throw new IllegalStateException("closed");
        }, () -> Map.of(), clock)) {
            ProgressListener both = ProgressListener.both(pass, f);
            both.committed();
            both.phase("index", 5);
            clock.advance(Duration.ofMillis(ProgressFile.MIN_INTERVAL_MILLIS));
            both.progress(1, "a");
            both.finished();
        }
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
