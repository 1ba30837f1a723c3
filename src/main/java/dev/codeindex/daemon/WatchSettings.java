package dev.codeindex.daemon;

/**
 * How a watched root waits and retries.
 *
 * @param quietMillis      debounce: apply changes once the tree has been quiet this long
 * @param maxDelayMillis   ... or once the oldest change has waited this long
 * @param maxPaths         more distinct changed paths than this at once become a full rescan
 * @param rescanMillis     the safety-net rescan while watching (stat only, cheap)
 * @param unwatchedMillis  the rescan interval when the tree cannot be watched
 * @param minBackoffMillis first wait after a failed pass (store or embedder down); doubles
 * @param maxBackoffMillis the longest wait between retries
 */
public record WatchSettings(long quietMillis, long maxDelayMillis, int maxPaths, long rescanMillis,
                            long unwatchedMillis, long minBackoffMillis, long maxBackoffMillis) {
    public static final WatchSettings DEFAULTS = new WatchSettings(100, 1_000, 4_096, 600_000, 30_000, 1_000, 60_000);

    public WatchSettings {
        if (quietMillis < 0 || maxDelayMillis < quietMillis || maxPaths < 1 || rescanMillis < 1 || unwatchedMillis < 1
                || minBackoffMillis < 1 || maxBackoffMillis < minBackoffMillis) {
            throw new IllegalArgumentException("inconsistent watch settings: " + this);
        }
    }
}
