package dev.codeindex.embed.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.EmbedderUnavailableException;
import dev.codeindex.util.DaemonThreads;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds through any server with OpenAI's {@code POST /v1/embeddings} (Ollama, LM Studio, vLLM,
 * text-embeddings-inference, OpenAI): texts go in requests of at most the batch size, and each answer
 * is checked and scaled to unit vectors ({@link EmbeddingsResponse}). {@link #open} sends one tiny
 * probe, so a wrong URL, key or model fails at start and the dimension is known before anything is
 * stored. Vectors are asked for as base64 float32 ({@code encoding_format}, as OpenAI's own clients
 * do): a third of the bytes of JSON numbers and no number parsing on either side; a server that
 * refuses it at the probe is asked without it from then on. Tokens are estimated on the high side ({@link TokenEstimator}): there is no tokenizer here.
 *
 * <p>A call with more texts than one request holds sends its requests several at a time (the
 * settings' concurrency), so a GPU server embeds one batch while the next is on the wire. A server
 * that answers 429 (too many requests) is taken at its word: the requests in flight are halved, down
 * to one, and grow back by one with each call that meets no 429.
 *
 * <p>Threading: thread-safe; calls from several threads share one connection pool.
 *
 * <p>Errors: connection refused, timeouts, 408, 429 and 5xx are retried with backoff (honouring
 * {@code Retry-After}); when the attempts run out, {@link EmbedderUnavailableException} names the
 * endpoint and the last failure. A refused key, another 4xx or an invalid answer throws
 * {@link HttpEmbedderException} at once: retrying cannot fix it. A configured dimension the model
 * does not have is an {@link IllegalArgumentException} from {@link #open}.
 */
public final class HttpEmbedder implements Embedder {
    /** Texts of the call that tells whether the server keeps pace with indexing. */
    static final int PACE_TEXTS = 64;
    /** Texts of the untimed call before it. */
    static final int PACE_WARM_UP = 8;
    /** Texts per second at which a server keeps pace with indexing. */
    static final double PACE_TEXTS_PER_SECOND = 400;
    /** A chunk-like text of about 60 tokens; N is replaced by the text's number. */
    static final String PACE_SAMPLE = "src/main/java/pace/Sample.java · method Sample.runN · java\n"
            + "    /** Reads the configuration file N and returns the entries it names, in order. */\n"
            + "    public List<Entry> runN(Path file) throws IOException {\n"
            + "        return Files.readAllLines(file).stream().map(Entry::parse).toList();\n    }\n";
    /** What the probe at open embeds. */
    public static final String PROBE_TEXT = "codeindex";
    private static final Logger log = LoggerFactory.getLogger(HttpEmbedder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpEmbedderSettings settings;
    private final URI endpoint;
    private final ExecutorService clientThreads;
    private final HttpClient client;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Threads that each send one request of a call, at most the allowed number at once. */
    private final ExecutorService requestThreads;
    /** Requests of one call in flight at once: the setting, lowered while the server answers 429. */
    private final AtomicInteger allowed;
    /** Set by a 429 answer, cleared by each call; a call that met none lets one more request fly. */
    private final AtomicBoolean tooMany = new AtomicBoolean();
    /** {@link #keepsPaceWithIndexing}, once timed; guarded by this. */
    private Boolean keepsPace;
    private final int dimension;
    /** Requests say {@code encoding_format: base64}; cleared at open by a server that refuses it. */
    private volatile boolean base64 = true;
    private final Clock clock;
    /**
     * Until when a search query is not sent ({@link #embedQueries}): set for {@link #QUERY_QUIET_MILLIS} by a call
     * whose attempts ran out, cleared by any answer. A search then answers at once, without meaning, instead
     * of waiting out every retry while the server is down (a team trial: each search took 6 s, then failed).
     */
    private volatile long quietUntil;
    static final long QUERY_QUIET_MILLIS = 5_000;

    private HttpEmbedder(HttpEmbedderSettings settings, Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.endpoint = settings.endpoint();
        this.sleeper = sleeper;
        this.clock = clock;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), clock,
                () -> ThreadLocalRandom.current().nextDouble());
        this.clientThreads = Executors.newCachedThreadPool(DaemonThreads.named("http-embedder"));
        this.requestThreads = Executors.newCachedThreadPool(DaemonThreads.named("http-embedder-request"));
        this.allowed = new AtomicInteger(settings.concurrency());
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).executor(clientThreads).build();
        try {
            int learnt = probe();
            if (settings.dimension().isPresent() && settings.dimension().getAsInt() != learnt) {
                throw new IllegalArgumentException("embedder dimension is set to " + settings.dimension().getAsInt()
                        + ", but model '" + settings.model() + "' at " + endpoint + " makes vectors of " + learnt
                        + ": set the dimension to " + learnt + " or use the model it was meant for");
            }
            this.dimension = learnt;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The probe at open: asks for base64 vectors first; a server that rejects that (a 4xx other than
     * a refused key or a wrong URL) or answers it with something unreadable is asked again without it,
     * and keeps getting JSON numbers. Returns the dimension.
     */
    private int probe() {
        try {
            return post(List.of(PROBE_TEXT), 0).get(0).length;
        } catch (HttpEmbedderException e) {
            boolean retry = e.reason() == HttpEmbedderException.Reason.BAD_RESPONSE
                    || (e.reason() == HttpEmbedderException.Reason.BAD_REQUEST && e.status() >= 400 && e.status() != 404);
            if (!retry) {
                throw e;
            }
            base64 = false;
            int learnt = post(List.of(PROBE_TEXT), 0).get(0).length;
            log.info("embedding server {} did not take encoding_format base64 ({}); vectors come as JSON numbers",
                    endpoint, e.getMessage());
            return learnt;
        }
    }

    /** Whether requests ask for base64 vectors (see {@link #probe}); the answer is read either way. */
    boolean asksBase64() {
        return base64;
    }

    /** Connects and probes the server (with retries); see the class comment for what it throws. */
    public static HttpEmbedder open(HttpEmbedderSettings settings) {
        return open(settings, Sleeper.REAL, Clock.systemUTC());
    }

    /** As {@link #open(HttpEmbedderSettings)}, waiting with {@code sleeper}, reading dates by {@code clock}. */
    public static HttpEmbedder open(HttpEmbedderSettings settings, Sleeper sleeper, Clock clock) {
        log.debug("opening {}", settings);
        return new HttpEmbedder(settings, sleeper, clock);
    }

    /**
     * The model name and dimension, not the URL: the same model behind another host makes the same
     * vectors, while one model cut to fewer dimensions (OpenAI's text-embedding-3) makes others.
     */
    @Override
    public String modelId() {
        return "http:" + settings.model() + ":" + dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxTokens() {
        return settings.maxTokens();
    }

    /** An estimate that errs high ({@link TokenEstimator}); the server's tokenizer is out of reach. */
    @Override
    public int countTokens(String text) {
        return TokenEstimator.count(text);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        ensureOpen();
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " to embed is null");
            }
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        if (texts.size() <= settings.batchSize()) {
            return post(texts, dimension);
        }
        tooMany.set(false);
        List<float[]> out = new ArrayList<>(texts.size());
        ArrayDeque<Future<List<float[]>>> flying = new ArrayDeque<>();
        try {
            for (int from = 0; from < texts.size(); from += settings.batchSize()) {
                List<String> batch = texts.subList(from, Math.min(texts.size(), from + settings.batchSize()));
                while (flying.size() >= allowed.get()) {
                    out.addAll(await(flying.removeFirst()));
                }
                flying.addLast(requestThreads.submit(() -> post(batch, dimension)));
            }
            while (!flying.isEmpty()) {
                out.addAll(await(flying.removeFirst()));
            }
        } finally {
            flying.forEach(f -> f.cancel(true)); // a failed call leaves nothing running
        }
        if (!tooMany.get()) {
            allowed.updateAndGet(n -> Math.min(settings.concurrency(), n + 1));
        }
        return out;
    }

    /** What one request of a call gave, or the exception it threw, as thrown by {@link #post}. */
    private static List<float[]> await(Future<List<float[]>> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbedderUnavailableException("interrupted while waiting for the embedding server", e);
        }
    }

    /**
     * Times a call of {@link #PACE_TEXTS} code-like texts after a short untimed one, once, the first time
     * it is asked (a near miss is timed again, the better time counts): a server that embeds them at
     * {@link #PACE_TEXTS_PER_SECOND} or more keeps pace with indexing (on 2 cores
     * codeindex reads and chunks a few thousand chunks a second and stores ~2,000 with vectors; a
     * model on a CPU embeds tens). A server that fails the timing call counts as slow; the failure
     * itself shows again, and is dealt with, when the pass embeds.
     */
    @Override
    public synchronized boolean keepsPaceWithIndexing() {
        if (keepsPace == null) {
            keepsPace = timePace();
        }
        return keepsPace;
    }

    private boolean timePace() {
        List<String> texts = new ArrayList<>(PACE_TEXTS);
        for (int i = 0; i < PACE_TEXTS; i++) {
            texts.add(PACE_SAMPLE.replace("N", Integer.toString(i)));
        }
        double best = 0;
        try {
            embed(texts.subList(0, PACE_WARM_UP)); // connections, and both sides' code, warm before timing
            for (int attempt = 0; attempt < 2; attempt++) {
                long t0 = System.nanoTime();
                embed(texts);
                best = Math.max(best, PACE_TEXTS / Math.max(1e-6, (System.nanoTime() - t0) / 1e9));
                if (best >= PACE_TEXTS_PER_SECOND || best < PACE_TEXTS_PER_SECOND / 3) {
                    break; // clear either way; a near miss is timed once more
                }
            }
        } catch (RuntimeException e) {
            log.info("embedding server {}: no pace taken ({}): keyword search first, embeddings after", endpoint,
                    e.getMessage());
            return false;
        }
        boolean fast = best >= PACE_TEXTS_PER_SECOND;
        log.info("embedding server {}: {} texts/s: {}", endpoint, Math.round(best), fast
                ? "it keeps pace with indexing, so a first index embeds as it goes (one phase)"
                : "a first index stores the tree for keyword search first, embeddings after");
        return fast;
    }

    /** Requests of one call that may be in flight at once now. */
    int requestsAllowed() {
        return allowed.get();
    }

    /**
     * Texts per call that fill the requests one call may have in flight: what a caller should hand
     * {@link #embed} at once.
     */
    @Override
    public int textsPerCall() {
        return settings.batchSize() * settings.concurrency();
    }

    /**
     * Search queries get one attempt, and none for {@link #QUERY_QUIET_MILLIS} after a call found the server
     * unavailable: a search that cannot be embedded answers by symbols and keywords, and should do so at once.
     * Any failure is an {@link EmbedderUnavailableException} here, a rejected request or answer included.
     */
    @Override
    public List<float[]> embedQueries(List<String> queries) {
        ensureOpen();
        long quiet = quietUntil - clock.millis();
        if (quiet > 0) {
            throw new EmbedderUnavailableException("embedding server " + endpoint + " was unavailable moments ago;"
                    + " not asked again for " + quiet + " ms", null);
        }
        try {
            return queries.isEmpty() ? List.of() : queries.size() > settings.batchSize() ? embed(queries)
                    : post(queries, dimension, 1);
        } catch (HttpEmbedderException e) { // a refused request, vectors of another size: no vector for the query either
            throw new EmbedderUnavailableException(e.getMessage(), e);
        }
    }

    /** One batch, retried as the class comment says; vectors of {@code expectedDimension} (0: any). */
    private List<float[]> post(List<String> texts, int expectedDimension) {
        return post(texts, expectedDimension, settings.maxAttempts());
    }

    /**
     * The longest a search query waits for its vector: a hung or saturated server must not hold a search for the
     * request timeout an indexing batch gets (120 s by default; a review), and a query is a few tokens.
     */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private List<float[]> post(List<String> texts, int expectedDimension, int maxAttempts) {
        HttpRequest request = maxAttempts == 1 ? request(texts, min(settings.requestTimeout(), QUERY_TIMEOUT))
                : request(texts);
        for (int attempt = 1; ; attempt++) {
            ensureOpen();
            String failure;
            Exception cause = null;
            Optional<Duration> asked = Optional.empty();
            try {
                HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = r.statusCode();
                if (status >= 200 && status < 300) {
                    quietUntil = 0;
                    return EmbeddingsResponse.parse(r.body(), texts.size(), expectedDimension, endpoint.toString(), status);
                }
                String body = new String(r.body(), StandardCharsets.UTF_8);
                if (!(status == 408 || status == 429 || status >= 500)) {
                    throw rejected(status, body, r.headers().firstValue("location").orElse(null));
                }
                failure = "answered " + status + ": " + ErrorBody.message(body);
                if (status == 429) {
                    tooMany.set(true);
                    int before = allowed.getAndUpdate(n -> Math.max(1, n / 2));
                    if (before > 1) {
                        log.info("embedding server {} answered 429 (too many requests): {} request(s) in flight now",
                                endpoint, Math.max(1, before / 2));
                    }
                }
                asked = backoff.asked(r.headers());
            } catch (HttpConnectTimeoutException e) {
                failure = "accepted no connection within " + settings.connectTimeout().toMillis() + " ms";
                cause = e;
            } catch (HttpTimeoutException e) {
                failure = "gave no answer within " + request.timeout().orElse(settings.requestTimeout()).toMillis() + " ms";
                cause = e;
            } catch (ConnectException e) {
                failure = "refused the connection (" + e + ")";
                cause = e;
            } catch (IOException e) {
                failure = "failed: " + e;
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbedderUnavailableException("interrupted while calling the embedding server " + endpoint, e);
            }
            if (attempt >= maxAttempts) {
                quietUntil = clock.millis() + QUERY_QUIET_MILLIS;
                throw new EmbedderUnavailableException("embedding server " + endpoint + " is unavailable: " + attempt
                        + " attempt(s), the last " + failure, cause);
            }
            Duration wait = backoff.delay(attempt, asked);
            log.warn("embedding server {} {}; attempt {} of {}, next in {} ms", endpoint, failure, attempt,
                    settings.maxAttempts(), wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbedderUnavailableException("interrupted while waiting to retry " + endpoint, e);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private HttpRequest request(List<String> texts) {
        return request(texts, settings.requestTimeout());
    }

    private HttpRequest request(List<String> texts, Duration timeout) {
        ObjectNode body = JSON.createObjectNode().put("model", settings.model());
        ArrayNode input = body.putArray("input");
        texts.forEach(input::add);
        if (base64) {
            body.put("encoding_format", "base64");
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an embeddings request", e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (settings.apiKey() != null) {
            b.header("Authorization", "Bearer " + settings.apiKey());
        }
        return b.build();
    }

    private HttpEmbedderException rejected(int status, String body, String location) {
        String said = ErrorBody.message(body);
        if (status == 401 || status == 403) {
            String key = settings.apiKey() == null ? "no API key was sent" : "the API key was refused";
            return new HttpEmbedderException(HttpEmbedderException.Reason.AUTH, status, "embedding server " + endpoint
                    + " denied access (" + status + ", authentication: " + key + "): " + said + "; set "
                    + String.join(" or ", HttpEmbedderSettings.API_KEY_ENV) + " to a key it accepts");
        }
        String hint;
        if (status == 404) {
            hint = "check the base URL (requests go to " + endpoint + ") and that the server has model '"
                    + settings.model() + "'";
        } else if (status >= 300 && status < 400) {
            hint = "the server redirects to " + location + ": use that as the base URL";
        } else {
            hint = "model '" + settings.model() + "'; if the input is too long, lower the embedder's max tokens (now "
                    + settings.maxTokens() + ") to the server's window";
        }
        return new HttpEmbedderException(HttpEmbedderException.Reason.BAD_REQUEST, status, "embedding server "
                + endpoint + " rejected the request (" + status + ", bad request): " + said + "; " + hint);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the embedder for " + endpoint + " is closed");
        }
    }

    /**
     * Stops the client's threads and, on Java 21+, the client and its connections ({@code shutdownNow};
     * Java 17's client has no such method and ends with its last reference). In-flight calls fail.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(client);
            } catch (ReflectiveOperationException e) {
                log.trace("no HttpClient.shutdownNow before Java 21", e);
            }
            clientThreads.shutdownNow();
            requestThreads.shutdownNow();
        }
    }
}
