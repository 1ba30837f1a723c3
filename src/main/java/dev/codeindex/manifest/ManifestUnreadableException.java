package dev.codeindex.manifest;

/**
 * A manifest this codeindex cannot read: written in another format, or damaged. Retrying does not
 * help, a person does (the message names the directory to remove); exit code 5, which the service
 * units do not restart on.
 */
public class ManifestUnreadableException extends IllegalStateException {
    public ManifestUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
