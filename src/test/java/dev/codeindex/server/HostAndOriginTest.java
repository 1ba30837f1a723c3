package dev.codeindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.testing.FakeDaemon;
import dev.codeindex.testing.LocalHttp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile web page against the real server over HTTP: a DNS-rebound name reads nothing and a
 * cross-origin POST changes nothing, while local clients (curl, the CLI, the status page) work as before.
 */
class HostAndOriginTest {
    final FakeDaemon daemon = new FakeDaemon();
    JavalinServer server;
    final LocalHttp http = new LocalHttp(() -> server.port());

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    String local() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void a_page_whose_name_rebinds_to_loopback_reads_nothing() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, null);
        for (String path : new String[] {"/status", "/search?q=x", "/checkpoint", "/metrics", "/", "/health"}) {
            LocalHttp.RawAnswer a = http.exchange("GET", path, null, "Host", "attacker.example:" + server.port());
            assertEquals(403, a.status(), path);
            assertTrue(a.body().contains("loopback"), a.body());
        }
        assertEquals(List.of(), daemon.searches(), "the search never reached the daemon");
        assertEquals(200, http.exchange("GET", "/status", null, "Host", local()).status());
        assertEquals(200, http.exchange("GET", "/status", null, "Host", "localhost:" + server.port()).status());
        assertEquals(200, http.get("/status").status(), "the JDK client, as the CLI sends it");
    }

    @Test
    void names_listed_in_server_hosts_are_served_and_others_still_refused() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, null, java.util.Map.of(), List.of("DevBox.local:7341"));
        assertEquals(200, http.exchange("GET", "/status", null, "Host", "devbox.local:" + server.port()).status(),
                "a listed name, whatever its case and port");
        assertEquals(200, http.exchange("GET", "/status", null, "Host", local()).status());
        LocalHttp.RawAnswer evil = http.exchange("GET", "/status", null, "Host", "attacker.example:" + server.port());
        assertEquals(403, evil.status());
        assertTrue(evil.body().contains("server.hosts"), evil.body());
        assertEquals(202, http.exchange("POST", "/reindex", "", "Host", "devbox.local:" + server.port(), "Origin",
                "http://devbox.local:" + server.port()).status(), "the status page served under that name");
        assertEquals(403, http.exchange("POST", "/reindex", "", "Host", "devbox.local:" + server.port(), "Origin",
                "http://attacker.example").status());
    }

    @Test
    void a_cross_origin_post_changes_nothing_and_local_posts_still_do() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, null);
        assertEquals(403, http.exchange("POST", "/reindex", "", "Host", local(), "Origin", "http://attacker.example",
                "Content-Type", "application/x-www-form-urlencoded").status());
        assertEquals(403, http.exchange("POST", "/reindex", "path=src", "Host", local(),
                "Content-Type", "text/plain").status());
        assertEquals(403, http.exchange("POST", "/sync", "", "Host", local(), "Origin", "null").status());
        assertEquals(List.of(), daemon.reindexes(), "no pass was scheduled");
        assertEquals(List.of(), daemon.syncTimeouts());

        assertEquals(202, http.exchange("POST", "/reindex", "path=src", "Host", local(),
                "Content-Type", "application/x-www-form-urlencoded").status(), "curl -d path=src");
        assertEquals(202, http.exchange("POST", "/reindex", "", "Host", local(), "Origin", "http://" + local()).status(),
                "the status page");
        assertEquals(2, daemon.reindexes().size());
    }

    @Test
    void with_a_token_any_name_may_ask_but_only_with_the_token() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, "s3cret");
        assertEquals(401, http.exchange("GET", "/status", null, "Host", "build-box:" + server.port()).status());
        assertEquals(200, http.exchange("GET", "/status", null, "Host", "build-box:" + server.port(),
                "Authorization", "Bearer s3cret").status());
        assertEquals(200, http.exchange("GET", "/status", null, "Host", "build-box:" + server.port(),
                "Authorization", "bearer s3cret").status(), "the scheme's name is case-insensitive");
        assertEquals(401, http.exchange("GET", "/status", null, "Host", "build-box:" + server.port(),
                "Authorization", "Basic s3cret").status());
        assertEquals(403, http.exchange("POST", "/reindex", "", "Host", "build-box:" + server.port(),
                "Authorization", "Bearer s3cret", "Origin", "http://attacker.example").status());
    }

    /** The server's answer to {@code request}, written as it is on a socket: status line, headers and body. */
    String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * What Jetty answers itself, before any route, was its HTML error page (a new-user trial): a request
     * without a Host header, a URI too long. It is JSON as every other error.
     */
    @Test
    void errors_jetty_answers_before_any_route_are_json_too() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, null);
        String noHost = raw("GET /status HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertTrue(noHost.startsWith("HTTP/1.1 400"), noHost);
        String longUri = raw("GET /search?q=" + "a".repeat(200_000) + " HTTP/1.1\r\nHost: " + local()
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(longUri.startsWith("HTTP/1.1 414") || longUri.startsWith("HTTP/1.1 431"), longUri.lines().findFirst()
                .orElse(""));
        for (String answer : List.of(noHost, longUri)) {
            String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
            assertTrue(head.contains("content-type: application/json"), answer);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("error").asText().length() > 3,
                    answer);
            assertFalse(body.contains("<html"), body);
        }
    }
}
