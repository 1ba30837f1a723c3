package dev.codeindex.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.json.ApiJson;

/**
 * {@code GET /events}: the {@code /status} object as server-sent events named {@code status}, one
 * when a client connects, then one whenever what the roots report changes (looked at every
 * {@link #CHECK_MILLIS}), and at least one every {@link #HEARTBEAT_MILLIS} (so a client sees the
 * daemon is alive, and a proxy does not close an idle stream). The uptime and heap figures alone do
 * not count as a change.
 *
 * <p>Framework-free: the binding keeps one {@link Stream} per client, calls {@link Stream#next} every
 * {@link #CHECK_MILLIS} and sends what it returns.
 *
 * <p>Threading: a {@link Stream} belongs to one client's thread; the daemon is read concurrently.
 */
public final class StatusEvents {
    /** The event name clients listen for. */
    public static final String EVENT = "status";
    public static final long CHECK_MILLIS = 500;
    public static final long HEARTBEAT_MILLIS = 10_000;

    private final DaemonApi daemon;

    public StatusEvents(DaemonApi daemon) {
        this.daemon = daemon;
    }

    /** A new client's stream: its first {@link Stream#next} answers at once. */
    public Stream open() {
        return new Stream();
    }

    /** What one client has been sent. */
    public final class Stream {
        private String lastKey;
        private long lastSentAt;

        private Stream() {}

        /**
         * The status to send now (the {@code /status} JSON), or null when nothing changed since the
         * last one and the heartbeat is not due.
         *
         * @param now epoch millis
         */
        public String next(long now) {
            ObjectNode status = ApiJson.status(daemon.status());
            String key = status.path("state").asText() + status.path("roots");
            if (key.equals(lastKey) && now - lastSentAt < HEARTBEAT_MILLIS) {
                return null;
            }
            lastKey = key;
            lastSentAt = now;
            return status.toString();
        }
    }
}
