package dev.codeindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.testing.FakeDaemon;
import dev.codeindex.testing.LocalHttp;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /events}: the status as server-sent events, guarded like every route. */
class StatusEventsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final FakeDaemon daemon = new FakeDaemon();
    JavalinServer server;
    final LocalHttp http = new LocalHttp(() -> server.port());

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static RootStatus root(RootState state, long done) {
        return RootStatus.builder().root("/r").state(state, null).progress("index", done, 100)
                .chunks(done * 3, 300, 12.5, 4000).build();
    }

    @Test
    void a_stream_sends_at_once_then_on_a_change_or_a_heartbeat_and_uptime_alone_is_no_change() {
        daemon.roots(root(RootState.SCANNING, 10));
        StatusEvents.Stream s = new StatusEvents(daemon).open();
        assertNotNull(s.next(1_000), "a new client gets the status at once");
        assertNull(s.next(1_500));
        DaemonStatus same = daemon.status();
        daemon.status(new DaemonStatus(same.state(), same.version(), same.uptimeMillis() + 500, same.startedAt(),
                same.heapUsedBytes() + 1, same.heapMaxBytes(), same.roots()));
        assertNull(s.next(2_000), "uptime and heap move all the time: no event for them alone");
        daemon.roots(root(RootState.SCANNING, 11));
        String changed = s.next(2_500);
        assertNotNull(changed);
        assertTrue(changed.contains("\"chunksDone\":33"), changed);
        assertNull(s.next(3_000));
        assertNotNull(s.next(2_500 + StatusEvents.HEARTBEAT_MILLIS), "the heartbeat");
    }

    @Test
    void the_page_follows_the_stream_and_sees_each_change() throws Exception {
        daemon.roots(root(RootState.SCANNING, 10));
        server = new JavalinServer(daemon, "127.0.0.1", 0, null);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build();
        HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            JsonNode first = nextEvent(in);
            assertEquals("scanning", first.path("roots").get(0).path("state").asText());
            assertEquals(30, first.path("roots").get(0).path("progress").path("chunksDone").asLong());
            daemon.roots(root(RootState.WATCHING, 100));
            JsonNode next = nextEvent(in);
            assertEquals("watching", next.path("roots").get(0).path("state").asText(), "the change, pushed");
            assertEquals(4000, next.path("roots").get(0).path("progress").path("etaMs").asLong());
        }
    }

    /** The data of the next {@code status} event (heartbeats of the same status are skipped). */
    static JsonNode nextEvent(BufferedReader in) throws Exception {
        String event = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && StatusEvents.EVENT.equals(event)) {
                return JSON.readTree(line.substring(5).strip());
            }
        }
        throw new AssertionError("the stream ended");
    }

    @Test
    void a_foreign_host_or_origin_or_a_client_that_is_no_event_source_is_refused() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, null);
        String local = "127.0.0.1:" + server.port();
        assertEquals(403, http.exchange("GET", "/events", "", "Host", "attacker.example:" + server.port(),
                "Accept", "text/event-stream").status(), "a name rebound to loopback");
        LocalHttp.RawAnswer crossOrigin = http.exchange("GET", "/events", "", "Host", local,
                "Origin", "http://attacker.example", "Accept", "text/event-stream");
        assertEquals(403, crossOrigin.status());
        assertTrue(crossOrigin.body().contains("cross-origin"), crossOrigin.body());
        LocalHttp.RawAnswer plain = http.exchange("GET", "/events", "", "Host", local);
        assertEquals(406, plain.status());
        assertTrue(plain.body().contains("Accept: text/event-stream"), plain.body());
    }

    @Test
    void with_a_token_the_stream_needs_it() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, "s3cret");
        String local = "127.0.0.1:" + server.port();
        assertEquals(401, http.exchange("GET", "/events", "", "Host", local, "Accept", "text/event-stream").status());
        HttpResponse<java.util.stream.Stream<String>> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + local + "/events")).header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        List<String> firstEvent = r.body().limit(2).toList();
        assertEquals("event: " + StatusEvents.EVENT, firstEvent.get(0));
        r.body().close();
    }

    /**
     * 300 open streams took every thread of the server's pool: /status and /health stopped answering (a
     * new-user trial). Past its bound, /events answers 503 at once and the rest of the server answers.
     */
    @Test
    void past_its_bound_events_answers_503_and_status_still_answers() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, null);
        int max = JavalinServer.MAX_EVENT_STREAMS;
        List<java.net.Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < max; i++) {
                java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port());
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                byte[] status = s.getInputStream().readNBytes(12);
                assertEquals("HTTP/1.1 200", new String(status, java.nio.charset.StandardCharsets.US_ASCII), "stream " + i);
                open.add(s);
            }
            LocalHttp.RawAnswer refused = http.exchange("GET", "/events", "", "Host", "127.0.0.1:" + server.port(),
                    "Accept", "text/event-stream");
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.body().contains("poll /status"), refused.body());
            assertEquals(200, http.get("/status").status());
            assertEquals(200, http.get("/health").status());
        } finally {
            for (java.net.Socket s : open) {
                s.close();
            }
        }
    }
}
