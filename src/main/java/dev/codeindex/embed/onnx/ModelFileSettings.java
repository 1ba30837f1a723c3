package dev.codeindex.embed.onnx;

import java.nio.file.Path;
import java.util.Locale;

/**
 * An ONNX embedding model on disk and how its per-token outputs become one vector.
 *
 * @param model          the {@code .onnx} file
 * @param tokenizer      the model's Hugging Face {@code tokenizer.json}
 * @param pooling        how the token vectors of the last hidden state become one
 * @param normalize      whether each vector is scaled to length 1 (cosine and dot product then agree)
 * @param maxTokens      the model's window in its own tokens, special ones included; longer texts are cut
 * @param queryPrefix    put before every search query, verbatim
 * @param documentPrefix put before every other text, verbatim
 */
public record ModelFileSettings(Path model, Path tokenizer, Pooling pooling, boolean normalize, int maxTokens,
                                String queryPrefix, String documentPrefix) {
    public ModelFileSettings {
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be at least 2, got " + maxTokens);
        }
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        documentPrefix = documentPrefix == null ? "" : documentPrefix;
    }

    /** How the vectors of a text's tokens become the text's vector. */
    public enum Pooling {
        /** The mean of every token's vector, special tokens included (sentence-transformers' mean pooling). */
        MEAN,
        /** The first token's vector ([CLS] for BERT-like models). */
        CLS,
        /** The last token's vector (decoder models that read the text left to right). */
        LAST;

        /** By config name ("mean", "cls", "last"), or null when unknown. */
        public static Pooling byName(String name) {
            for (Pooling p : values()) {
                if (p.name().equalsIgnoreCase(name.strip())) {
                    return p;
                }
            }
            return null;
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
