package dev.codeindex.chunk;

/** A file could not be parsed; it is line-chunked instead and counted as a parse fallback. */
public class ParseFailure extends Exception {
    public ParseFailure(String message) {
        super(message);
    }

    public ParseFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
