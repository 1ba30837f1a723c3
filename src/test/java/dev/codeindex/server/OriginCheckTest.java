package dev.codeindex.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a web page could send to a loopback daemon, and what local clients send. */
class OriginCheckTest {
    final OriginCheck loopback = OriginCheck.forServer(false);
    final OriginCheck withToken = OriginCheck.forServer(true);

    @Test
    void loopback_names_and_addresses_are_local_and_nothing_else_is() {
        for (String h : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1"}) {
            assertTrue(OriginCheck.isLoopbackHost(h), h);
        }
        for (String h : new String[] {"evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.1",
                "127.0.0.256", "0.0.0.0", "127.0.0", ""}) {
            assertFalse(OriginCheck.isLoopbackHost(h), h);
        }
        assertTrue(OriginCheck.hostName("[::1]:7341").equals("::1"));
        assertTrue(OriginCheck.hostName("localhost:7341").equals("localhost"));
        assertTrue(OriginCheck.hostName("127.0.0.1").equals("127.0.0.1"));
    }

    @Test
    void a_rebound_host_name_is_refused_on_every_route_unless_a_token_guards_the_daemon() {
        assertNotNull(loopback.refusal("GET", "attacker.example:7341", null, null));
        assertNotNull(loopback.refusal("GET", "127.0.0.1.nip.io:7341", null, null));
        assertNull(loopback.refusal("GET", "127.0.0.1:7341", null, null));
        assertNull(loopback.refusal("GET", "localhost:7341", null, null));
        assertNull(loopback.refusal("GET", "[::1]:7341", null, null));
        assertNull(withToken.refusal("GET", "build-box.internal:7341", null, null), "the token is the defence there");
    }

    @Test
    void a_change_from_another_origin_or_with_a_body_a_page_can_send_unasked_is_refused() {
        assertNotNull(loopback.refusal("POST", "127.0.0.1:7341", "http://attacker.example", null));
        assertNotNull(loopback.refusal("POST", "127.0.0.1:7341", "http://localhost:3000", null), "another local port");
        assertNotNull(loopback.refusal("POST", "127.0.0.1:7341", "null", null));
        assertNotNull(loopback.refusal("POST", "127.0.0.1:7341", null, "text/plain;charset=UTF-8"));
        assertNotNull(loopback.refusal("POST", "127.0.0.1:7341", null, "multipart/form-data; boundary=x"));
        assertNotNull(withToken.refusal("POST", "box:7341", "http://attacker.example", null));
        assertNull(loopback.refusal("POST", "127.0.0.1:7341", "http://127.0.0.1:7341", null), "the daemon's own page");
        assertNull(loopback.refusal("POST", "127.0.0.1:7341", null, "application/x-www-form-urlencoded"),
                "curl -d path=src");
        assertNull(loopback.refusal("POST", "127.0.0.1:7341", null, null));
        assertNull(loopback.refusal("GET", "127.0.0.1:7341", "http://attacker.example", null),
                "a read is guarded by Host; the browser keeps the answer from a foreign page");
    }
}
