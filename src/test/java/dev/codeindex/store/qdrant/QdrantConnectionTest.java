package dev.codeindex.store.qdrant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.StoreUnavailableException;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the store reaches its server, and what a caller sees when it cannot: always the URL, always in bounded time. */
class QdrantConnectionTest {
    /** The HTTP/2 connection preface a plaintext gRPC client sends first. */
    static final byte[] H2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The first byte of a TLS handshake record. */
    static final byte TLS_HANDSHAKE = 0x16;
    static final Duration BOUND = Duration.ofSeconds(20);

    private static QdrantSettings settings(String url, Duration timeout) {
        return QdrantSettings.singleNode(url, null, "code", 8, timeout);
    }

    @Test
    void an_unused_port_is_reported_unavailable_with_the_url_in_bounded_time() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        StoreUnavailableException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(StoreUnavailableException.class,
                () -> QdrantStore.open(settings(url, Duration.ofSeconds(3)))));
        assertTrue(e.getMessage().contains(url) && e.getMessage().contains("cannot reach"), e.getMessage());
    }

    @Test
    void an_http_url_speaks_plaintext_http2_and_an_https_url_speaks_tls() throws Exception {
        byte[] plain = firstBytes("http");
        assertArrayEquals(H2_PREFACE, plain, "plaintext h2c preface, got " + new String(plain, StandardCharsets.ISO_8859_1));
        assertEquals(TLS_HANDSHAKE, firstBytes("https")[0]);
    }

    /** Opens a store against a socket that reads what the client sends first, then hangs up. */
    private static byte[] firstBytes(String scheme) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(10_000);
                    InputStream in = s.getInputStream();
                    return in.readNBytes(H2_PREFACE.length);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String url = scheme + "://127.0.0.1:" + listener.getLocalPort();
            StoreUnavailableException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(
                    StoreUnavailableException.class, () -> QdrantStore.open(settings(url, Duration.ofSeconds(3)))));
            assertTrue(e.getMessage().contains(url), e.getMessage());
            return seen.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_server_that_never_answers_fails_within_the_timeout() throws InterruptedException {
        try (FakeQdrant server = FakeQdrant.start();
             QdrantStore s = QdrantStore.open(settings(server.url, Duration.ofSeconds(1)), server.channel())) {
            server.stopAnswering();
            StoreUnavailableException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(
                    StoreUnavailableException.class, () -> s.upsert(QdrantStoreServerTest.chunks(1))));
            assertTrue(e.getMessage().contains(server.url) && e.getMessage().contains("no answer within"), e.getMessage());
        }
    }

    @Test
    void a_server_gone_mid_run_fails_every_call_with_its_url() throws InterruptedException {
        FakeQdrant server = FakeQdrant.start();
        try (QdrantStore s = QdrantStore.open(server.settings("code", 8), server.channel())) {
            server.close();
            for (Runnable call : List.<Runnable>of(() -> s.upsert(QdrantStoreServerTest.chunks(1)), s::count,
                    () -> s.search(new float[8], 3, SearchFilter.NONE), () -> s.deleteByPath("a"))) {
                StoreUnavailableException e = assertThrows(StoreUnavailableException.class, call::run);
                assertTrue(e.getMessage().contains(server.url), e.getMessage());
            }
        }
    }

    @Test
    void the_api_key_goes_with_every_call_and_a_refused_key_names_its_variable() throws InterruptedException {
        try (FakeQdrant server = FakeQdrant.start()) {
            QdrantSettings withKey = new QdrantSettings(server.url, "s3cret", "code", 8, 1, 1, 1, Duration.ofSeconds(5));
            assertFalse(withKey.toString().contains("s3cret"), withKey.toString());
            try (QdrantStore s = QdrantStore.open(withKey, server.channel())) {
                s.count();
                assertFalse(server.apiKeys.isEmpty());
                assertTrue(server.apiKeys.stream().allMatch("s3cret"::equals), server.apiKeys.toString());
                server.failWith(Status.UNAUTHENTICATED.withDescription("Invalid api-key"));
                StoreUnavailableException e = assertThrows(StoreUnavailableException.class, s::count);
                assertTrue(e.getMessage().contains("QDRANT_API_KEY"), e.getMessage());
            }
        }
    }

    @Test
    void urls_choose_plaintext_or_tls_and_default_to_port_6334() {
        QdrantSettings plain = settings("http://qdrant.local", Duration.ofSeconds(1));
        assertEquals(List.of("qdrant.local", "6334", "false"),
                List.of(plain.host(), String.valueOf(plain.port()), String.valueOf(plain.tls())));
        QdrantSettings tls = settings("https://xyz.cloud.qdrant.io:443", Duration.ofSeconds(1));
        assertEquals(List.of("443", "true"), List.of(String.valueOf(tls.port()), String.valueOf(tls.tls())));
        for (String bad : Arrays.asList("qdrant.local:6334", "grpc://qdrant.local:6334")) {
            assertThrows(IllegalArgumentException.class, () -> settings(bad, Duration.ofSeconds(1)));
        }
        assertThrows(IllegalArgumentException.class, () -> new QdrantSettings("http://q", null, "c", 8, 1, 1, 2,
                Duration.ofSeconds(1)));
    }
}
