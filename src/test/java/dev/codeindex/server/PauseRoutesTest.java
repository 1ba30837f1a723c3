package dev.codeindex.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.testing.FakeDaemon;
import dev.codeindex.testing.LocalHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /pause} and {@code /resume} are guarded as {@code /reindex} is: no foreign origin, the token when there is one. */
class PauseRoutesTest {
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
    void a_cross_origin_pause_changes_nothing_and_local_ones_pause_and_resume() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, null);
        assertEquals(403, http.exchange("POST", "/pause", "", "Host", local(), "Origin", "http://attacker.example").status());
        assertEquals(403, http.exchange("POST", "/pause", "x", "Host", local(), "Content-Type", "text/plain").status());
        assertEquals(403, http.exchange("POST", "/pause", "", "Host", "attacker.example:" + server.port()).status());
        assertFalse(daemon.paused(), "nothing was paused");

        assertEquals(200, http.exchange("POST", "/pause", "", "Host", local(), "Origin", "http://" + local()).status(),
                "the status page's button");
        assertTrue(daemon.paused());
        assertEquals(403, http.exchange("POST", "/resume", "", "Host", local(), "Origin", "null").status());
        assertTrue(daemon.paused(), "a foreign page cannot resume either");
        LocalHttp.Answer resumed = http.post("/resume");
        assertEquals(200, resumed.status());
        assertFalse(resumed.body().path("paused").asBoolean());
        assertFalse(daemon.paused());
        assertEquals(404, http.get("/pause").status(), "a GET changes nothing");
    }

    @Test
    void with_a_token_pause_and_resume_need_it() throws Exception {
        server = new JavalinServer(daemon, "127.0.0.1", 0, "s3cret");
        assertEquals(401, http.post("/pause").status());
        assertEquals(401, http.post("/pause", "wrong").status());
        assertFalse(daemon.paused());
        assertEquals(200, http.post("/pause", "s3cret").status());
        assertTrue(daemon.paused());
        assertEquals(401, http.post("/resume").status());
        assertTrue(daemon.paused());
        assertEquals(200, http.post("/resume", "s3cret").status());
        assertFalse(daemon.paused());
    }
}
