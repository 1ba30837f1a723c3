package dev.codeindex.store;

/**
 * The store on disk is damaged (its files fail their checks). Unlike {@link StoreUnavailableException}
 * retrying does not help; the message names the directory to remove (exit code 5, which the service
 * units do not restart on).
 */
public class StoreDamagedException extends RuntimeException {
    public StoreDamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
