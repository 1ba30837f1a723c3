package dev.codeindex.embed.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.EmbedderUnavailableException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bundled ONNX model (langchain4j's in-process models) with the model's own tokenizer for
 * counting. The model runs its batches on the executor given here, so the caller decides how many
 * threads embedding may use. Thread-safe.
 *
 * <p>The model itself (an ONNX Runtime session, ~1.3 s of start-up) is loaded by the first call that
 * embeds: a first index stores every file for keyword search before it embeds anything, and counting
 * tokens needs only the tokenizer. A model that cannot load fails that call (and the next one tries
 * again), as a model that fails later would.
 */
public final class OnnxEmbedder implements Embedder {
    private static final Logger log = LoggerFactory.getLogger(OnnxEmbedder.class);
    /**
     * How long {@link #close} waits for calls in flight. One call embeds at most a few dozen texts
     * (seconds on a slow machine); a stopping daemon no longer starts new ones.
     */
    static final long CLOSE_WAIT_MILLIS = 10_000;

    private final InFlight inFlight = new InFlight();
    private final BundledModel model;
    private final ExecutorService executor;
    /** Null until the first call that embeds; guarded by this. */
    private AbstractInProcessEmbeddingModel onnx;
    private final HuggingFaceTokenizer tokenizer;
    private final TokenCounter counter;

    public OnnxEmbedder(BundledModel model, ExecutorService executor) {
        this.model = model;
        this.executor = executor;
        try (InputStream in = OnnxEmbedder.class.getResourceAsStream(model.tokenizerResource)) {
            if (in == null) {
                throw new EmbedderUnavailableException("tokenizer " + model.tokenizerResource + " is not in the jar", null);
            }
            byte[] json = in.readAllBytes();
            // no truncation: counting must see the whole text to tell whether it fits
            this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                    Map.of("truncation", "false", "padding", "false"));
            this.counter = new TokenCounter(tokenizer, new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new EmbedderUnavailableException("cannot read the tokenizer of " + model.id, e);
        }
    }

    @Override
    public String modelId() {
        return model.id;
    }

    @Override
    public int dimension() {
        return model.dimension;
    }

    /** The loaded model, loading it on the first call. */
    private synchronized AbstractInProcessEmbeddingModel onnx() {
        if (onnx == null) {
            long t0 = System.nanoTime();
            AbstractInProcessEmbeddingModel loaded;
            try {
                loaded = model.factory.apply(executor);
            } catch (RuntimeException | LinkageError e) {
                throw new EmbedderUnavailableException("cannot load the bundled model " + model.id + ": " + e, e);
            }
            if (loaded.dimension() != model.dimension) {
                throw new EmbedderUnavailableException("the bundled model " + model.id + " makes vectors of "
                        + loaded.dimension() + " dimensions, not " + model.dimension, null);
            }
            onnx = loaded;
            log.debug("model {} loaded in {} ms", model.id, (System.nanoTime() - t0) / 1_000_000);
        }
        return onnx;
    }

    @Override
    public void warmUp() {
        enter();
        try {
            onnx();
        } finally {
            inFlight.exit();
        }
    }

    /** Whether the model has been loaded (by a call that embeds, or {@link #warmUp}). */
    synchronized boolean loaded() {
        return onnx != null;
    }

    @Override
    public int maxTokens() {
        return model.maxTokens;
    }

    @Override
    public int countTokens(String text) {
        enter();
        try {
            return counter.count(text);
        } finally {
            inFlight.exit();
        }
    }

    private void enter() {
        if (!inFlight.enter()) {
            throw new EmbedderUnavailableException("model " + model.id + " is closed: codeindex is stopping", null);
        }
    }

    /** Calls running in the model or its tokenizer now. */
    int callsInFlight() {
        return inFlight.running();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t));
        }
        List<Embedding> out;
        enter();
        try {
            AbstractInProcessEmbeddingModel loaded = onnx(); // its own message when it cannot load
            try {
                out = loaded.embedAll(segments).content();
            } catch (RuntimeException e) {
                throw new EmbedderUnavailableException("model " + model.id + " failed: " + e, e);
            }
        } finally {
            inFlight.exit();
        }
        List<float[]> vectors = new ArrayList<>(out.size());
        for (Embedding e : out) {
            vectors.add(e.vector());
        }
        return vectors;
    }

    /**
     * Refuses new calls and waits (at most {@link #CLOSE_WAIT_MILLIS}) for those in flight before
     * releasing the tokenizer. The model's native session is never released here: the runtime frees
     * it when the process ends, and releasing it under a running call would crash the JVM.
     */
    @Override
    public void close() {
        boolean idle;
        try {
            idle = inFlight.close(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        if (idle) {
            tokenizer.close();
        } else {
            log.warn("model {}: a call was still running after {} ms; its tokenizer is left to the process exit",
                    model.id, CLOSE_WAIT_MILLIS);
        }
    }
}
