package dev.codeindex.store;

/** The store cannot be reached or written now (exit code 4 when it stays so at the start of a run). */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
