package dev.codeindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.json.ApiJson;
import dev.codeindex.daemon.ApiViews;
import dev.codeindex.index.PassProgress;
import dev.codeindex.index.ProgressListener;
import dev.codeindex.manifest.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code progress.json} beside a root's manifest, written by an {@code index} run so that
 * {@code codeindex status} can show how far it is while the run holds the data directory (the
 * manifest is MapDB, which one process opens at a time). It holds the run's pid, its progress (phase,
 * files, chunks, rate, time left: {@link PassProgress}), the checkpoint and totals of its last commit.
 *
 * <p>Written when a phase starts, after a commit and as files are read and embedded, at most every
 * {@link #MIN_INTERVAL_MILLIS} (and always for the first commit, the first of each phase, and at the
 * end), to a temporary file then renamed over the old one, so a reader never sees half a file;
 * removed when the run ends. A file left by a killed run is ignored: readers check that its process
 * is alive. A tree that fits in one batch commits once, minutes later with a model: its progress
 * still moves.
 *
 * <p>Threading: the checkpoint and totals are read from the manifest on the run's thread only (at a
 * phase and after a commit); progress from the workers is written with the last ones read. Writes
 * are serialized. Failing to write it only logs: a run never fails for its progress file.
 */
final class ProgressFile implements ProgressListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgressFile.class);
    static final String NAME = "progress.json";
    static final long MIN_INTERVAL_MILLIS = 500;

    private final Path file;
    private final PassProgress pass;
    private final Supplier<Checkpoint> checkpoint;
    private final Supplier<Map<String, Long>> totals;
    private final String root;
    private final Clock clock;
    private final long startedAt;
    private volatile long writtenAt = Long.MIN_VALUE;
    private volatile String writtenPhase = "";
    /** The manifest's, as last read on the run's thread; null until then. */
    private volatile Checkpoint lastCheckpoint;
    private volatile Map<String, Long> lastTotals = Map.of();
    /** The checkpoint in the file; null until written. */
    private volatile Checkpoint writtenCheckpoint;

    /**
     * @param pass       the run's progress, updated before this listener is called
     * @param checkpoint the manifest's checkpoint, read on the run's thread after a commit
     */
    ProgressFile(Path rootDir, String root, PassProgress pass, Supplier<Checkpoint> checkpoint,
                 Supplier<Map<String, Long>> totals, Clock clock) {
        this.file = rootDir.resolve(NAME);
        this.root = root;
        this.pass = pass;
        this.checkpoint = checkpoint;
        this.totals = totals;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    @Override
    public void committed() {
        Checkpoint before = writtenCheckpoint;
        readManifest();
        long now = clock.millis();
        Checkpoint cp = lastCheckpoint;
        boolean firstOfPhase = before == null || cp == null || before.phase() != cp.phase()
                || (before.filesDone() == 0 && cp.filesDone() > 0);
        if (writtenAt == Long.MIN_VALUE || now - writtenAt >= MIN_INTERVAL_MILLIS || firstOfPhase
                || !pass.snapshot().phase().equals(writtenPhase)) {
            write(now);
        }
    }

    /** A phase starts (on the run's thread, right after a commit): written at once. */
    @Override
    public void phase(String name, long total) {
        readManifest();
        write(clock.millis());
    }

    /** Files read, or embedded and stored, within a batch (any thread): written now and then. */
    @Override
    public void progress(long done, String detail) {
        writeIfDue();
    }

    @Override
    public void stored(long files, long bytes, long chunks) {
        writeIfDue();
    }

    @Override
    public void finished() {
        write(clock.millis());
    }

    private void readManifest() {
        try {
            lastCheckpoint = checkpoint.get();
            lastTotals = totals.get();
        } catch (RuntimeException e) { // a run never fails for its progress file
            log.debug("progress file: reading the manifest: {}", e.toString());
        }
    }

    private void writeIfDue() {
        long now = clock.millis();
        if (lastCheckpoint != null && (writtenAt == Long.MIN_VALUE || now - writtenAt >= MIN_INTERVAL_MILLIS)) {
            write(now);
        }
    }

    /** The run is over: the manifest can be read again, and the file would only mislead. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", file, e.getMessage());
        }
    }

    private synchronized void write(long now) {
        if (lastCheckpoint == null) {
            readManifest(); // finished() before any commit: on the run's thread
        }
        writtenAt = now;
        try {
            ObjectNode o = ApiJson.mapper().createObjectNode();
            o.put("pid", ProcessHandle.current().pid());
            o.put("root", root);
            o.put("startedAt", Instant.ofEpochMilli(startedAt).toString());
            o.put("updatedAt", Instant.ofEpochMilli(now).toString());
            PassProgress.Snapshot s = pass.snapshot();
            writtenPhase = s.phase();
            ObjectNode p = o.putObject("progress");
            p.put("phase", s.phase());
            p.put("done", s.filesDone());
            p.put("total", s.filesTotal());
            p.put("chunksDone", s.chunksDone());
            p.put("chunksTotal", s.chunksTotal());
            p.put("chunksPerSecond", Math.round(s.chunksPerSec() * 10) / 10.0);
            p.put("etaMs", s.etaMillis());
            Map<String, Long> t = lastTotals;
            o.put("files", t.getOrDefault("files", 0L));
            o.put("chunks", t.getOrDefault("chunks", 0L));
            o.put(Coverage.UNEMBEDDED, t.getOrDefault(Coverage.UNEMBEDDED, 0L));
            if (t.containsKey(Coverage.PENDING_NEW)) {
                o.put(Coverage.PENDING_NEW, t.get(Coverage.PENDING_NEW));
            }
            writtenCheckpoint = lastCheckpoint;
            ApiJson.checkpoint(o.putObject("checkpoint"), ApiViews.checkpoint(writtenCheckpoint));
            Path tmp = file.resolveSibling(NAME + ".tmp");
            Files.writeString(tmp, o.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("could not write {}: {}", file, e.toString());
        }
    }

    /**
     * What a running {@code index} process wrote in {@code rootDir}, when there is such a file and
     * its process is alive; empty otherwise (no run, a run of an older version, a killed run).
     */
    static Optional<JsonNode> read(Path rootDir) {
        Path f = rootDir.resolve(NAME);
        try {
            JsonNode o = ApiJson.mapper().readTree(Files.readString(f, StandardCharsets.UTF_8));
            long pid = o.path("pid").asLong(-1);
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(o) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
