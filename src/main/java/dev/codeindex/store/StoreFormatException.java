package dev.codeindex.store;

/**
 * The store on disk was written in a format this version does not read (an older codeindex, say).
 * Permanent, unlike {@link StoreUnavailableException}: retrying does not help, rebuilding does. The
 * message names the store and the remedy (exit code 2).
 */
public class StoreFormatException extends RuntimeException {
    public StoreFormatException(String message) {
        super(message);
    }
}
