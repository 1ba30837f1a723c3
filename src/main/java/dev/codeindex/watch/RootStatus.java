package dev.codeindex.watch;

import dev.codeindex.manifest.Checkpoint;
import java.util.List;
import java.util.Map;

/**
 * What one watched root is doing, as {@code /status} shows it. An immutable snapshot.
 *
 * @param state        scanning (initial pass), indexing (applying changes), watching, degraded
 * @param reason       why degraded, else null
 * @param totals       the manifest's totals after the last committed batch (files, chunks, lang.*, skip.*)
 * @param pending      files known to differ from the index: queued changes and unfinished work
 * @param queueDepth   changed paths waiting for the debounce window
 * @param phase        the pass in progress ("scan", "index", "delete") or "idle"
 * @param passes       passes applied since start
 * @param rescans      full rescans since start (initial pass included)
 * @param lastError    the last failure, or null
 * @param filesPerSec  files per second of the last pass that indexed any
 * @param recent       the last passes that changed the index, newest first (bounded)
 */
public record RootStatus(String root, State state, String reason, boolean ready, boolean watcherAlive,
                         Map<String, Long> totals, long pending, int queueDepth, String phase, long progressDone,
                         long progressTotal, long passes, long rescans, long filesIndexed, long chunksEmbedded,
                         double filesPerSec, String lastError, long lastErrorAt, long lastPassAt,
                         Checkpoint checkpoint, List<RecentPass> recent) {
    public enum State {
        SCANNING, INDEXING, WATCHING, DEGRADED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
