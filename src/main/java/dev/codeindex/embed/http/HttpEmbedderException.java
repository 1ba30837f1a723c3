package dev.codeindex.embed.http;

/**
 * The server answered, and retrying the same request cannot help: the key was refused, the request
 * was rejected, or the answer breaks the protocol. Unlike
 * {@link dev.codeindex.embed.EmbedderUnavailableException} this needs a person: fix the key, the model
 * name, the window size or the server, then run again. Nothing was recorded as done.
 */
public class HttpEmbedderException extends RuntimeException {
    public enum Reason {
        /** 401 or 403: the API key is missing or refused. */
        AUTH,
        /** Any other 4xx but 408 and 429: wrong model name, input too long, malformed request. */
        BAD_REQUEST,
        /** A 2xx answer that is not a valid embeddings list for the inputs sent. */
        BAD_RESPONSE
    }

    private final Reason reason;
    private final int status;

    public HttpEmbedderException(Reason reason, int status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }
}
