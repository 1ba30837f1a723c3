package dev.codeindex.embed.onnx;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The ONNX models shipped in the jar (no download at run time). docs/LIBRARY-NOTES.md: bge-small reads 512
 * tokens and found the right method with +28% MRR over MiniLM, which reads 128 and is 2.5x faster.
 */
public enum BundledModel {
    BGE_SMALL("bge-small-en-v1.5-q", 384, 512, "/bge-small-en-v1.5-q-tokenizer.json",
            BgeSmallEnV15QuantizedEmbeddingModel::new),
    MINILM("all-minilm-l6-v2-q", 384, 128, "/all-minilm-l6-v2-q-tokenizer.json", AllMiniLmL6V2QuantizedEmbeddingModel::new);

    final String id;
    /** The size of its vectors, known before the model is loaded (checked when it is). */
    final int dimension;
    final int maxTokens;
    final String tokenizerResource;
    final Function<Executor, AbstractInProcessEmbeddingModel> factory;

    BundledModel(String id, int dimension, int maxTokens, String tokenizerResource,
                 Function<Executor, AbstractInProcessEmbeddingModel> factory) {
        this.id = id;
        this.dimension = dimension;
        this.maxTokens = maxTokens;
        this.tokenizerResource = tokenizerResource;
        this.factory = factory;
    }

    /** By config name: "bge" (default) or "minilm"; null when unknown. */
    public static BundledModel byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "bge", "bge-small", "bge-small-en-v1.5-q" -> BGE_SMALL;
            case "minilm", "all-minilm-l6-v2-q" -> MINILM;
            default -> null;
        };
    }
}
