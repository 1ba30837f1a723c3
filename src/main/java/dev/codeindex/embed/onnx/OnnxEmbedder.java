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
    private final AbstractInProcessEmbeddingModel onnx;
    private final HuggingFaceTokenizer tokenizer;
    private final TokenCounter counter;

    public OnnxEmbedder(BundledModel model, ExecutorService executor) {
        this.model = model;
        try {
            this.onnx = model.factory.apply(executor);
        } catch (RuntimeException | LinkageError e) {
            throw new EmbedderUnavailableException("cannot load the bundled model " + model.id + ": " + e, e);
        }
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
        return onnx.dimension();
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
            out = onnx.embedAll(segments).content();
        } catch (RuntimeException e) {
            throw new EmbedderUnavailableException("model " + model.id + " failed: " + e, e);
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
