package dev.codeindex.embed.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on a free loopback port with OpenAI's {@code POST /v1/embeddings}: vectors are a
 * deterministic function of the text, deliberately not of unit length. Replies can be scripted one
 * request at a time (status, body, headers, delay); every request is recorded. Knobs for requests
 * in flight: {@link #hold} keeps each unscripted answer back, {@link #maxInFlight} tells how many
 * were in the server at once, and {@link #limit} answers 429 to a request beyond that many.
 * {@link #encoding} says what it does with {@code encoding_format} (honours it by default). Public
 * for the CLI's tests, which run index and search against it.
 */
public final class FakeEmbeddingServer implements AutoCloseable {
    static final String PATH = "/v1/embeddings";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received; {@code encodingFormat} is null when the field was not sent. */
    public record Request(String authorization, String contentType, String model, List<String> input,
            String encodingFormat) {}

    /** What the server does with {@code encoding_format}. */
    public enum Encoding {
        /** As OpenAI, vLLM and text-embeddings-inference: {@code base64} gets base64 float32 strings. */
        HONOUR,
        /** As a server that does not know the field: numbers whatever is asked. */
        IGNORE,
        /** As a strict server that does not know it: 400 for a request that has it. */
        REJECT,
        /** A broken implementation: 200 with a {@code data} item that is no embedding. */
        GARBLE
    }

    public record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        public static Reply of(int status, String body, Map<String, String> headers) {
            return new Reply(status, body, headers, Duration.ZERO);
        }

        public Reply after(Duration d) {
            return new Reply(status, body, headers, d);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Function<Request, Reply>> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    volatile int dimension = 8;
    /** How long each unscripted answer is held back (a model at work). */
    volatile Duration hold = Duration.ZERO;
    /** Requests the server takes at once; one more is answered 429 at once. */
    volatile int limit = Integer.MAX_VALUE;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    volatile boolean shuffle;
    volatile Encoding encoding = Encoding.HONOUR;

    public FakeEmbeddingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next unscripted request gets {@code reply} (computed from that request). */
    public FakeEmbeddingServer then(Function<Request, Reply> reply) {
        script.add(reply);
        return this;
    }

    public FakeEmbeddingServer then(Reply reply) {
        return then(r -> reply);
    }

    /** The most requests that were in the server at once. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    /** Requests answered 429 for being over {@link #limit}. */
    int refused() {
        return refused.get();
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The server's vector for a text, before the client scales it to unit length. */
    public static float[] vector(String text, int dimension) {
        SplittableRandom random = new SplittableRandom(text.hashCode() * 31L + dimension);
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) (random.nextDouble(-2.0, 2.0));
        }
        return v;
    }

    /** A well-formed answer for these inputs, items in index order or shuffled. */
    String answer(List<String> input, int dim, boolean shuffled) {
        return answer(input, dim, shuffled, false);
    }

    /** As {@link #answer(List, int, boolean)}, each vector as base64 of little-endian float32 if asked. */
    String answer(List<String> input, int dim, boolean shuffled, boolean base64) {
        ObjectNode root = JSON.createObjectNode().put("object", "list").put("model", "fake");
        ArrayNode data = root.putArray("data");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            order.add(i);
        }
        if (shuffled) {
            Collections.reverse(order);
            Collections.rotate(order, input.size() / 3);
        }
        for (int i : order) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            float[] v = vector(input.get(i), dim);
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (float x : v) {
                    bytes.putFloat(x);
                }
                item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
                continue;
            }
            ArrayNode values = item.putArray("embedding");
            for (float x : v) {
                values.add(x);
            }
        }
        root.putObject("usage").put("prompt_tokens", input.size()).put("total_tokens", input.size());
        return root.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            List<String> input = new ArrayList<>();
            body.path("input").forEach(n -> input.add(n.asText()));
            Request request = new Request(exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body.path("model").asText(null), input,
                    body.path("encoding_format").asText(null));
            requests.add(request);
            boolean asked = request.encodingFormat() != null;
            Function<Request, Reply> scripted = now > limit ? null : script.poll();
            Reply reply;
            if (now > limit) {
                refused.incrementAndGet();
                reply = Reply.of(429, "{\"error\":{\"message\":\"too many requests\"}}", Map.of());
            } else if (scripted != null) {
                reply = scripted.apply(request);
            } else if (asked && encoding == Encoding.REJECT) {
                reply = Reply.of(400, "{\"error\":{\"message\":\"unknown field encoding_format\"}}", Map.of());
            } else if (asked && encoding == Encoding.GARBLE) {
                reply = Reply.of(200, "{\"data\":[{\"index\":0,\"embedding\":{\"b64\":\"AAAA\"}}]}", Map.of());
            } else {
                boolean base64 = encoding == Encoding.HONOUR && "base64".equals(request.encodingFormat());
                reply = Reply.of(200, answer(input, dimension, shuffle, base64), Map.of()).after(hold);
            }
            if (!reply.delay().isZero()) {
                // a real wait: what is tested is the client's HTTP timeout, which only real time can trip
                Thread.sleep(reply.delay().toMillis());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            // out of the count before the answer leaves: a client that sends its next request as soon as it has
            // the answer must not find this one still counted (a 429 no real server would give)
            inFlight.decrementAndGet();
            counted = false;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Stops listening: later connections are refused. */
    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
