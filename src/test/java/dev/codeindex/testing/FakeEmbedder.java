package dev.codeindex.testing;

import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.EmbedderUnavailableException;
import dev.codeindex.embed.http.Sleeper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A deterministic in-process {@link Embedder}, in three models:
 * <ul>
 *   <li>{@link #hashed()}: 8 dimensions from the text's hash, so equal texts get equal vectors;</li>
 *   <li>{@link #words}: one dimension per word of a small vocabulary, so nearness is predictable;</li>
 *   <li>{@link #byteTokens}: a byte-level tokenizer at its worst (one token per UTF-8 byte plus 2
 *       special tokens) with a small window, for token-budget tests.</li>
 * </ul>
 *
 * <p>Knobs: {@link #failNext} and {@link #setDown} make {@link #embed} throw
 * {@link EmbedderUnavailableException}, as a remote model that went away does; {@link #withLatency}
 * makes each embed call wait through a {@link Sleeper} (a {@link FakeSleeper} in unit tests, so no
 * wall-clock time passes); {@link #beforeEmbed} hands each call's texts to a hook first (which
 * may block it). Counters: {@link #calls}, {@link #texts}, {@link #failures},
 * {@link #tokenCounts}. Token counting never fails: it is local even for remote models.
 *
 * <p>Threading: thread-safe.
 */
public final class FakeEmbedder implements Embedder {
    /** The {@code host} an unavailable fake names in its message, as a real one names its server. */
    public static final String ADDRESS = "test://fake-embedder";

    private final String modelId;
    private final int dimension;
    private final int maxTokens;
    private final ToIntFunction<String> tokens;
    private final Function<String, float[]> vector;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong texts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong tokenCounts = new AtomicLong();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile boolean down;
    private volatile boolean keepsPace;
    private volatile int textsPerCall = Embedder.DEFAULT_TEXTS_PER_CALL;
    private volatile Duration latency = Duration.ZERO;
    private volatile Sleeper sleeper = Sleeper.REAL;
    private volatile java.util.function.Consumer<List<String>> beforeEmbed = batch -> { };

    private FakeEmbedder(String modelId, int dimension, int maxTokens, ToIntFunction<String> tokens,
                         Function<String, float[]> vector) {
        this.modelId = modelId;
        this.dimension = dimension;
        this.maxTokens = maxTokens;
        this.tokens = tokens;
        this.vector = vector;
    }

    /** Model {@code hash-8}: 8 dimensions, each 1..16 from 4 bits of {@code text.hashCode()}; ~4 chars a token. */
    public static FakeEmbedder hashed() {
        return new FakeEmbedder("hash-8", 8, 10_000, t -> t.length() / 4 + 2, t -> {
            float[] v = new float[8];
            for (int i = 0; i < 8; i++) {
                v[i] = ((t.hashCode() >>> (i * 4)) & 15) + 1;
            }
            return v;
        });
    }

    /**
     * Model {@code words}: dimension i is 1 when the lower-cased text contains {@code vocabulary[i]},
     * else 0.01 (never a zero vector); a token per character, window 512.
     */
    public static FakeEmbedder words(List<String> vocabulary) {
        List<String> vocab = List.copyOf(vocabulary);
        return new FakeEmbedder("words", vocab.size(), 512, String::length, t -> {
            float[] v = new float[vocab.size()];
            String lower = t.toLowerCase(Locale.ROOT);
            for (int i = 0; i < v.length; i++) {
                v[i] = lower.contains(vocab.get(i)) ? 1 : 0.01f;
            }
            return v;
        });
    }

    /** Model {@code bytes}: a token per UTF-8 byte plus 2 special tokens, a window of {@code window}; 1 dimension. */
    public static FakeEmbedder byteTokens(int window) {
        return new FakeEmbedder("bytes", 1, window, t -> t.getBytes(StandardCharsets.UTF_8).length + 2,
                t -> new float[] {t.getBytes(StandardCharsets.UTF_8).length + 1});
    }

    // --- knobs ---

    /** The next {@code n} embed calls throw {@link EmbedderUnavailableException}; calls after them succeed. */
    public FakeEmbedder failNext(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0: " + n);
        }
        failNext.set(n);
        return this;
    }

    /** Whether it claims to embed as fast as files are chunked (a GPU server); default false. */
    public FakeEmbedder keepingPace(boolean fast) {
        this.keepsPace = fast;
        return this;
    }

    /** How many texts it asks to be given per call (the real default unless set): small, a batch takes many calls. */
    public FakeEmbedder withTextsPerCall(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n < 1: " + n);
        }
        this.textsPerCall = n;
        return this;
    }

    @Override
    public int textsPerCall() {
        return textsPerCall;
    }

    /** While down, every embed call throws {@link EmbedderUnavailableException}. */
    public FakeEmbedder setDown(boolean down) {
        this.down = down;
        return this;
    }

    /** Each embed call first waits {@code d} through {@code sleeper} (failing calls too, as a timeout would). */
    public FakeEmbedder withLatency(Duration d, Sleeper sleeper) {
        this.latency = d;
        this.sleeper = sleeper;
        return this;
    }

    /**
     * Each embed call first hands its texts to {@code hook}, on the calling thread: to block the
     * model until a test has looked (a latch), or to see what is embedded in which order.
     */
    public FakeEmbedder beforeEmbed(java.util.function.Consumer<List<String>> hook) {
        this.beforeEmbed = hook;
        return this;
    }

    // --- counters ---

    /** Embed calls, failed ones included. */
    public long calls() {
        return calls.get();
    }

    /** Texts embedded by calls that succeeded. */
    public long texts() {
        return texts.get();
    }

    /** Embed calls that threw. */
    public long failures() {
        return failures.get();
    }

    /** Calls of {@link #countTokens}: how often a caller needed the tokenizer. */
    public long tokenCounts() {
        return tokenCounts.get();
    }

    // --- Embedder ---

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public int countTokens(String text) {
        tokenCounts.incrementAndGet();
        return tokens.applyAsInt(text);
    }

    @Override
    public List<float[]> embed(List<String> batch) {
        calls.incrementAndGet();
        beforeEmbed.accept(batch);
        if (!latency.isZero()) {
            try {
                sleeper.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted while waiting for the model");
            }
        }
        if (down) {
            throw unavailable("down");
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw unavailable("failing as told");
        }
        List<float[]> out = new ArrayList<>(batch.size());
        for (String t : batch) {
            out.add(vector.apply(t));
        }
        texts.addAndGet(batch.size());
        return out;
    }

    private EmbedderUnavailableException unavailable(String why) {
        failures.incrementAndGet();
        return new EmbedderUnavailableException("embedder " + modelId + " at " + ADDRESS + " is " + why, null);
    }

    @Override
    public boolean keepsPaceWithIndexing() {
        return keepsPace;
    }

    @Override
    public void close() {}
}
