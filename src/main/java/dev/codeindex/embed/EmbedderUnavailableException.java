package dev.codeindex.embed;

/** The embedder cannot run now (exit code 4 when it stays so at the start of a run). */
public class EmbedderUnavailableException extends RuntimeException {
    public EmbedderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
