package dev.codeindex.store;

/**
 * The store refuses the configuration it was opened with, such as a collection that already
 * holds vectors of another size. Permanent: retrying does not help, another setting does. The
 * message names the config key and the remedy (exit code 2, as for any invalid configuration).
 */
public class StoreConfigException extends RuntimeException {
    public StoreConfigException(String message) {
        super(message);
    }
}
