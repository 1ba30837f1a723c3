package dev.codeindex.server;

/**
 * The parts of an HTTP request that {@link Routes} read. An HTTP binding adapts its framework's
 * request to this, so the routes (and their tests) need no framework.
 *
 * <p>Threading: read on the request's own thread only.
 */
public interface RouteRequest {
    /** A query-string parameter, or null when absent. */
    String query(String name);

    /** The request's Content-Type header, or null. */
    String contentType();

    /** A parameter of a form body; only asked when {@link #contentType()} says the body is a form. */
    String form(String name);
}
