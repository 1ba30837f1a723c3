package dev.codeindex.embed.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.embed.http.FakeEmbeddingServer.Reply;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** HttpEmbedder against a real HTTP server on loopback: the protocol when the server behaves. */
class HttpEmbedderTest extends FakeServerFixture {
    @Test
    void open_probes_once_learns_the_dimension_and_the_model_id_names_model_and_dimension() {
        HttpEmbedder e = open(settings().withMaxTokens(8192));
        assertEquals(8, e.dimension());
        assertEquals("http:test-embed:8", e.modelId());
        assertEquals(8192, e.maxTokens());
        assertEquals(List.of(HttpEmbedder.PROBE_TEXT), server.requests().get(0).input());
        assertEquals(1, server.requests().size());
    }

    @Test
    void vectors_come_back_in_input_order_at_unit_length() {
        List<String> texts = texts(10);
        List<float[]> v = open(settings()).embed(texts);
        assertServerVectors(texts, v);
        for (float[] x : v) {
            double norm = 0;
            for (float f : x) {
                norm += f * f;
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-5, "the server's vectors are not unit length; ours are");
        }
        int sent = server.requests().size();
        assertTrue(embedder.embed(List.of()).isEmpty());
        assertEquals(sent, server.requests().size(), "nothing to embed, nothing sent");
    }

    @Test
    void requests_carry_model_input_and_bearer_key_in_batches_of_at_most_the_batch_size() {
        List<String> texts = texts(10);
        open(settings().withApiKey("sk-test-123").withConcurrency(1)).embed(texts); // one at a time: in order
        List<FakeEmbeddingServer.Request> sent = server.requests().subList(1, server.requests().size());
        assertEquals(List.of(4, 4, 2), sent.stream().map(r -> r.input().size()).toList());
        List<String> all = new ArrayList<>();
        for (FakeEmbeddingServer.Request r : sent) {
            assertEquals("test-embed", r.model());
            assertEquals("Bearer sk-test-123", r.authorization());
            assertEquals("application/json", r.contentType());
            all.addAll(r.input());
        }
        assertEquals(texts, all);
    }

    @Test
    void no_authorization_header_is_sent_without_a_key() {
        open(settings()).embed(texts(1));
        assertNull(server.requests().get(1).authorization());
    }

    @Test
    void order_is_restored_by_index_when_the_server_answers_shuffled() {
        server.shuffle = true;
        List<String> texts = texts(4);
        assertServerVectors(texts, open(settings()).embed(texts));
    }

    @Test
    void a_configured_dimension_the_model_does_not_have_fails_at_open() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(settings().withDimension(16)));
        assertTrue(e.getMessage().contains("16") && e.getMessage().contains("makes vectors of 8"), e.getMessage());
        assertEquals(8, open(settings().withDimension(8)).dimension());
    }

    @Test
    void base64_embeddings_are_read_as_little_endian_floats() {
        open(settings());
        float[] v = FakeEmbeddingServer.vector("x", 8);
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        String encoded = Base64.getEncoder().encodeToString(b.array());
        server.then(Reply.of(200, "{\"data\":[{\"index\":0,\"embedding\":\"" + encoded + "\"}]}", Map.of()));
        assertArrayEquals(unit(v), embedder.embed(List.of("x")).get(0), 1e-6f);
    }

    @Test
    void every_request_asks_for_base64_and_vectors_are_the_same_whether_the_server_honours_or_ignores_it() {
        List<String> texts = texts(10);
        List<float[]> honoured = open(settings()).embed(texts);
        assertTrue(embedder.asksBase64());
        assertServerVectors(texts, honoured);
        embedder.close();
        server.encoding = FakeEmbeddingServer.Encoding.IGNORE;
        List<float[]> numbers = open(settings()).embed(texts);
        assertTrue(embedder.asksBase64(), "a server that ignores the field answers numbers, which are read too");
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(honoured.get(i), numbers.get(i), "text " + i + ": float32 either way");
        }
        assertTrue(server.requests().stream().allMatch(r -> "base64".equals(r.encodingFormat())), server.requests().toString());
    }

    @Test
    void a_server_that_rejects_base64_or_garbles_it_is_asked_without_it_from_the_probe_on() throws Exception {
        for (FakeEmbeddingServer.Encoding encoding : List.of(FakeEmbeddingServer.Encoding.REJECT,
                FakeEmbeddingServer.Encoding.GARBLE)) {
            server.close();
            start();
            server.encoding = encoding;
            List<String> texts = texts(6);
            assertServerVectors(texts, open(settings()).embed(texts));
            assertFalse(embedder.asksBase64(), encoding.toString());
            List<FakeEmbeddingServer.Request> sent = server.requests();
            assertEquals("base64", sent.get(0).encodingFormat(), "the probe asks first");
            assertEquals(List.of(HttpEmbedder.PROBE_TEXT), sent.get(1).input(), "then probes again without");
            assertTrue(sent.subList(1, sent.size()).stream().allMatch(r -> r.encodingFormat() == null), sent.toString());
            assertEquals(1 + 1 + 2, sent.size(), encoding + ": two probes, two batches of at most 4");
            assertTrue(slept.isEmpty(), "no backoff for it");
            embedder.close();
        }
    }

    @Test
    void answers_with_other_fields_null_indexes_and_every_number_form_are_read() {
        open(settings());
        server.then(Reply.of(200, "{\"id\":\"x\",\"meta\":{\"nested\":[1,{\"data\":3}]},\"data\":["
                + "{\"embedding\":[1,-2.5e0,3E-1,0.0,0,0,0,1e2],\"index\":null,\"extra\":[[\"a\"]]},"
                + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[0,0,0,0,0,0,0,-7]}],"
                + "\"usage\":{\"prompt_tokens\":2}}", Map.of()));
        List<float[]> v = embedder.embed(List.of("a", "b"));
        assertArrayEquals(unit(new float[] {1, -2.5f, 0.3f, 0, 0, 0, 0, 100}), v.get(0), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, -1}, v.get(1), 1e-6f);
    }

    @Test
    void threads_embedding_at_once_each_get_their_own_vectors() throws Exception {
        open(settings());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    List<String> texts = texts(9).stream().map(s -> "thread " + id + " " + s).toList();
                    assertServerVectors(texts, embedder.embed(texts));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_closed_embedder_refuses_work_and_closes_once() {
        open(settings()).close();
        assertThrows(IllegalStateException.class, () -> embedder.embed(texts(1)));
        embedder.close();
        assertEquals(TokenEstimator.count("x = 1"), embedder.countTokens("x = 1"), "counting needs no server");
    }
}
