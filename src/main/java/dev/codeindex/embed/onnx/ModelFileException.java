package dev.codeindex.embed.onnx;

/**
 * A model file or tokenizer that cannot serve as an embedding model: missing, not ONNX, not a
 * Hugging Face {@code tokenizer.json}, inputs codeindex cannot supply, outputs it cannot pool. The
 * person who configured it has to change something, so the caller turns it into a usage error
 * naming the config key of {@link #part()}.
 */
public final class ModelFileException extends IllegalArgumentException {
    /** Which of the two files is at fault. */
    public enum Part { MODEL, TOKENIZER }

    private final Part part;

    public ModelFileException(Part part, String message, Throwable cause) {
        super(message, cause);
        this.part = part;
    }

    public Part part() {
        return part;
    }
}
