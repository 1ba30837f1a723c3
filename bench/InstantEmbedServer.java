import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An embedding server that answers at once: OpenAI's {@code POST /v1/embeddings} with deterministic
 * unit vectors, no model. It stands for a GPU embedding server whose model time is negligible, so
 * that what a benchmark measures is codeindex's own pipeline: HTTP and JSON, the vector cache, the
 * store, commits.
 *
 * <p>Two kinds of vectors. {@code words} (the default): the sum of a fixed pseudo-random vector per
 * word of the text, so texts that share words lie close, as real embeddings of code do (chunks of
 * one file, of one API) and a vector graph finds neighbours as it would for them. {@code random}: a
 * vector seeded by the text's hash, uniform on the sphere: no two texts related, the worst case for
 * a vector graph (measured: Lucene builds its graph ~2.5× slower on such vectors than on real ones).
 * A request with {@code "encoding_format": "base64"} gets each vector as base64 of little-endian
 * float32, as OpenAI, vLLM and text-embeddings-inference answer it; {@code ENCODING=float} in the
 * environment answers numbers whatever is asked (a server that ignores the field).
 *
 * <pre>java -cp target/codeindex.jar bench/InstantEmbedServer.java PORT [DIMENSION] [THREADS] [words|random]</pre>
 *
 * Prints {@code ready PORT} once it listens; on stdin end or SIGTERM it stops and prints how many
 * requests and texts it answered.
 */
public final class InstantEmbedServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean random;
    private static final boolean HONOUR_BASE64 = !"float".equals(System.getenv("ENCODING"));

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        random = args.length > 3 && args[3].equals("random");
        AtomicLong requests = new AtomicLong();
        AtomicLong texts = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/v1/embeddings", ex -> {
            try {
                answer(ex, dim, requests, texts);
            } catch (RuntimeException e) {
                byte[] body = ("{\"error\":{\"message\":\"" + e.getClass().getSimpleName() + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(400, body.length);
                ex.getResponseBody().write(body);
            } finally {
                ex.close();
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            System.err.println("instant embedder: " + requests.get() + " requests, " + texts.get() + " texts");
        }));
        System.out.println("ready " + port);
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until stdin closes or the process is signalled
        }
        System.exit(0);
    }

    private static void answer(HttpExchange ex, int dim, AtomicLong requests, AtomicLong texts) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            ex.sendResponseHeaders(405, -1);
            return;
        }
        JsonNode req = JSON.readTree(ex.getRequestBody());
        JsonNode input = req.path("input");
        int n = input.isArray() ? input.size() : 1;
        requests.incrementAndGet();
        texts.addAndGet(n);
        ByteArrayOutputStream buf = new ByteArrayOutputStream(n * dim * 12 + 256);
        try (JsonGenerator g = JSON.getFactory().createGenerator(buf)) {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeStringField("model", req.path("model").asText("instant"));
            g.writeArrayFieldStart("data");
            float[] v = new float[dim];
            boolean base64 = HONOUR_BASE64 && req.path("encoding_format").asText("float").equals("base64");
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(dim * Float.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                String text = input.isArray() ? input.get(i).asText() : input.asText();
                vector(text, v);
                g.writeStartObject();
                g.writeStringField("object", "embedding");
                g.writeNumberField("index", i);
                g.writeFieldName("embedding");
                if (base64) {
                    bytes.clear();
                    bytes.asFloatBuffer().put(v);
                    byte[] b64 = java.util.Base64.getEncoder().encode(bytes.array());
                    g.writeRawUTF8String(b64, 0, b64.length); // base64 needs no escaping
                } else {
                    g.writeStartArray();
                    for (float x : v) {
                        g.writeNumber(x);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("usage");
            g.writeNumberField("prompt_tokens", 0);
            g.writeNumberField("total_tokens", 0);
            g.writeEndObject();
            g.writeEndObject();
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, buf.size());
        try (OutputStream out = ex.getResponseBody()) {
            buf.writeTo(out);
        }
    }

    /**
     * Each word's vector by its seed, the hash of the lower-cased word, in a table of {@link #SLOTS}
     * slots (a slot holds the last seed that fell in it: memory stays flat however many words a run
     * sees). Threads share it without locks: a {@link Word}'s fields are final, so a racy read sees
     * null or a whole word (some word that fell in the slot), and the seed check tells which.
     */
    private static final int SLOTS = 1 << 19;
    private static final Word[] WORDS = new Word[SLOTS];

    private record Word(int seed, float[] vector) {}

    /** {@code Character.isLetterOrDigit} of each ASCII character. */
    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c);
        }
    }

    /** A unit vector that depends only on the text: the sum of its words' vectors, or random. */
    private static void vector(String text, float[] v) {
        if (random) {
            randomVector(text.hashCode(), v);
            return;
        }
        java.util.Arrays.fill(v, 0);
        // a word's seed is String.hashCode of the word lower-cased (Locale.ROOT): computed as it is read for
        // an ASCII word, from the lower-cased string for any other (String.toLowerCase turns some
        // characters into two, and a final sigma depends on what precedes it)
        int seed = 0;
        int start = -1;
        boolean ascii = true;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c)) {
                if (start < 0) {
                    start = i;
                }
                seed = 31 * seed + (c >= 'A' && c <= 'Z' ? c + 32 : c);
                ascii &= c < 128;
            } else if (start >= 0) {
                if (!ascii) {
                    seed = text.substring(start, i).toLowerCase(java.util.Locale.ROOT).hashCode();
                }
                float[] w = wordVector(seed, v.length);
                for (int d = 0; d < v.length; d++) {
                    v[d] += w[d];
                }
                seed = 0;
                start = -1;
                ascii = true;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            randomVector(text.hashCode(), v); // no word at all
            return;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }

    private static float[] wordVector(int seed, int dim) {
        int slot = (seed ^ (seed >>> 16)) * 0x45d9f3b >>> 13 & (SLOTS - 1);
        Word w = WORDS[slot];
        if (w == null || w.seed != seed || w.vector.length != dim) {
            float[] x = new float[dim];
            randomVector(seed, x);
            w = new Word(seed, x);
            WORDS[slot] = w;
        }
        return w.vector;
    }

    /** A unit vector seeded by {@code seed}. */
    private static void randomVector(int seed, float[] v) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }
}
