package dev.codeindex.embed.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Counts a text's tokens with special tokens and without truncation: in Java by a
 * {@link WordPieceCounter} when the tokenizer is one it matches and the text is plain ASCII, by the
 * tokenizer itself otherwise. The tokenizer is the caller's to close. Thread-safe.
 */
final class TokenCounter {
    private final HuggingFaceTokenizer tokenizer;
    private final WordPieceCounter fast;

    /** @param json the parsed {@code tokenizer.json} that {@code tokenizer} was loaded from */
    TokenCounter(HuggingFaceTokenizer tokenizer, JsonNode json) {
        this.tokenizer = tokenizer;
        this.fast = WordPieceCounter.of(json).orElse(null);
    }

    int count(String text) {
        if (fast != null) {
            int n = fast.count(text);
            if (n != WordPieceCounter.UNKNOWN) {
                return n;
            }
        }
        return tokenizer.encode(text, true, false).getIds().length;
    }

    /** Whether counts of ASCII text skip the tokenizer. */
    boolean inJava() {
        return fast != null;
    }
}
