package dev.codeindex.cli;

/**
 * A command failed for a reason its message says in full, for people (exit 1): printed as it is,
 * without the exception's class; the cause is logged at debug level.
 */
final class CommandFailedException extends RuntimeException {
    CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
