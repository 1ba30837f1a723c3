package dev.codeindex.server;

/** A parameter the client got wrong; {@link Routes} answers it 400 with this message. */
final class BadRequest extends RuntimeException {
    BadRequest(String message) {
        super(message);
    }
}
