package dev.codeindex.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one watched root is doing: an immutable snapshot, built with {@link #builder()}.
 *
 * @param state          scanning (initial pass), indexing (applying changes), watching, degraded, paused (by a user)
 * @param reason         why degraded, else null
 * @param ready          the initial pass is done and the last pass succeeded
 * @param watcherAlive   the file watcher delivers events (false: timed rescans only)
 * @param totals         the manifest's totals after the last committed batch (files, chunks, lang.*, skip.*)
 * @param pending        files known to differ from the index: queued changes and unfinished work;
 *                       -1 while the first pass has not finished its scan (not known yet)
 * @param queueDepth     changed paths waiting for the debounce window
 * @param phase          the pass in progress ("scan", "index", "delete", "embed": the second phase of a two-phase
 *                       index, whose progress fields are its own) or "idle"
 * @param progressDone   files of the phase done (seen, for the scan); {@code progressTotal} files of the phase, -1 while unknown
 * @param chunksDone     chunks the pass in progress has stored
 * @param chunksTotal    chunks it is estimated to store in all (from the bytes left to read); -1 until its first batch
 * @param chunksPerSec   chunks per second of the pass in progress; 0 until measured
 * @param etaMillis      time the pass in progress has left, from its chunk rate; -1 while unknown
 * @param passes         passes applied since start
 * @param rescans        full rescans since start (initial pass included)
 * @param filesPerSec    files per second of the last pass that indexed any
 * @param lastError      the last failure, or null; {@code lastErrorAt} when (epoch millis), and
 *                       {@code lastErrorResolvedAt} when a pass first succeeded after it (0 while it stands)
 * @param lastPassAt     when the last pass ended (epoch millis), 0 before the first
 * @param store          where the index lives, for people ("embedded store in DIR"); never a secret
 * @param embedder       the model id, or "none (offline)"
 * @param recent         the last passes that changed the index, newest first (bounded)
 */
public record RootStatus(String root, RootState state, String reason, boolean ready, boolean watcherAlive,
                         Map<String, Long> totals, long pending, int queueDepth, String phase, long progressDone,
                         long progressTotal, long chunksDone, long chunksTotal, double chunksPerSec, long etaMillis,
                         long passes, long rescans, long filesIndexed, long chunksEmbedded,
                         double filesPerSec, String lastError, long lastErrorAt, long lastErrorResolvedAt, long lastPassAt,
                         CheckpointInfo checkpoint, String store, String embedder, List<RecentPass> recent) {
    public RootStatus {
        totals = Collections.unmodifiableMap(new TreeMap<>(totals));
        recent = List.copyOf(recent);
    }

    /** The file counts {@code /status} and {@code /metrics} show. */
    public FileCounts files() {
        return FileCounts.of(totals, pending);
    }

    /**
     * How much of the tree search sees, from the totals and the pending count; null when nothing can be
     * searched here (no embedder: an offline root, or no index on disk).
     */
    public Coverage coverage() {
        if (embedder.startsWith("none")) {
            return null;
        }
        return Coverage.of(totals, pending, !"idle".equals(phase));
    }

    /** Chunks in the index. */
    public long chunks() {
        return totals.getOrDefault("chunks", 0L);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names every field, so a snapshot is never built with two counts swapped. Not thread-safe. */
    public static final class Builder {
        private String root;
        private RootState state = RootState.SCANNING;
        private String reason;
        private boolean ready;
        private boolean watcherAlive;
        private Map<String, Long> totals = Map.of();
        private long pending;
        private int queueDepth;
        private String phase = "idle";
        private long progressDone;
        private long progressTotal;
        private long chunksDone;
        private long chunksTotal = -1;
        private double chunksPerSec;
        private long etaMillis = -1;
        private long passes;
        private long rescans;
        private long filesIndexed;
        private long chunksEmbedded;
        private double filesPerSec;
        private String lastError;
        private long lastErrorAt;
        private long lastErrorResolvedAt;
        private long lastPassAt;
        private CheckpointInfo checkpoint = new CheckpointInfo("", "none", 0, 0, 0, "", true, 0);
        private String store = "";
        private String embedder = "";
        private List<RecentPass> recent = List.of();

        private Builder() {}

        public Builder root(String v) { root = v; return this; }
        public Builder state(RootState v, String why) { state = v; reason = why; return this; }
        public Builder ready(boolean v) { ready = v; return this; }
        public Builder watcherAlive(boolean v) { watcherAlive = v; return this; }
        public Builder totals(Map<String, Long> v) { totals = v; return this; }
        public Builder pending(long v) { pending = v; return this; }
        public Builder queueDepth(int v) { queueDepth = v; return this; }
        public Builder progress(String phaseName, long done, long total) {
            phase = phaseName;
            progressDone = done;
            progressTotal = total;
            return this;
        }
        /** The pass in progress in chunks: done, estimated total (-1 unknown), rate, time left (-1 unknown). */
        public Builder chunks(long done, long total, double perSec, long eta) {
            chunksDone = done;
            chunksTotal = total;
            chunksPerSec = perSec;
            etaMillis = eta;
            return this;
        }
        public Builder sinceStart(long passCount, long rescanCount, long files, long chunks) {
            passes = passCount;
            rescans = rescanCount;
            filesIndexed = files;
            chunksEmbedded = chunks;
            return this;
        }
        public Builder filesPerSec(double v) { filesPerSec = v; return this; }
        public Builder lastError(String message, long at) { lastError = message; lastErrorAt = at; return this; }
        public Builder lastErrorResolvedAt(long at) { lastErrorResolvedAt = at; return this; }
        public Builder lastPassAt(long v) { lastPassAt = v; return this; }
        public Builder checkpoint(CheckpointInfo v) { checkpoint = v; return this; }
        public Builder describedAs(String storeText, String embedderText) {
            store = storeText;
            embedder = embedderText;
            return this;
        }
        public Builder recent(List<RecentPass> v) { recent = v; return this; }

        public RootStatus build() {
            if (root == null) {
                throw new IllegalStateException("a root status names its root");
            }
            return new RootStatus(root, state, reason, ready, watcherAlive, totals, pending, queueDepth, phase,
                    progressDone, progressTotal, chunksDone, chunksTotal, chunksPerSec, etaMillis, passes, rescans, filesIndexed, chunksEmbedded, filesPerSec, lastError,
                    lastErrorAt, lastErrorResolvedAt, lastPassAt, checkpoint, store, embedder, recent);
        }
    }
}
