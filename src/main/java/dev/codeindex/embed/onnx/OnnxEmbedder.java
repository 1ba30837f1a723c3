package dev.codeindex.embed.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.EmbedderUnavailableException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * A bundled ONNX model (langchain4j's in-process models) with the model's own tokenizer for
 * counting. The model runs its batches on the executor given here, so the caller decides how many
 * threads embedding may use. Thread-safe.
 */
public final class OnnxEmbedder implements Embedder {
    private final BundledModel model;
    private final AbstractInProcessEmbeddingModel onnx;
    private final HuggingFaceTokenizer tokenizer;

    public OnnxEmbedder(BundledModel model, ExecutorService executor) {
        this.model = model;
        try {
            this.onnx = model.factory.apply(executor);
        } catch (RuntimeException | LinkageError e) {
            throw new EmbedderUnavailableException("cannot load the bundled model " + model.id + ": " + e, e);
        }
        try (InputStream json = OnnxEmbedder.class.getResourceAsStream(model.tokenizerResource)) {
            if (json == null) {
                throw new EmbedderUnavailableException("tokenizer " + model.tokenizerResource + " is not in the jar", null);
            }
            // no truncation: counting must see the whole text to tell whether it fits
            this.tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "false", "padding", "false"));
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
        return tokenizer.encode(text, true, false).getIds().length;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t));
        }
        List<Embedding> out;
        try {
            out = onnx.embedAll(segments).content();
        } catch (RuntimeException e) {
            throw new EmbedderUnavailableException("model " + model.id + " failed: " + e, e);
        }
        List<float[]> vectors = new ArrayList<>(out.size());
        for (Embedding e : out) {
            vectors.add(e.vector());
        }
        return vectors;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
