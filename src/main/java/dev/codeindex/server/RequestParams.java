package dev.codeindex.server;

/**
 * Reads and checks the parameters of one request. The messages are the ones clients see in a 400.
 *
 * <p>Not thread-safe: one per request.
 */
final class RequestParams {
    private static final String FORM = "application/x-www-form-urlencoded";

    private final RouteRequest request;

    RequestParams(RouteRequest request) {
        this.request = request;
    }

    /** A query-string parameter, or null. */
    String query(String name) {
        return request.query(name);
    }

    /** A parameter from the query string, else from a form body ({@code curl -d path=src}). */
    String queryOrForm(String name) {
        String v = request.query(name);
        String type = request.contentType();
        if (v == null && type != null && type.startsWith(FORM)) {
            v = request.form(name);
        }
        return v;
    }

    /**
     * A positive integer from the query string, or {@code dflt} when absent.
     *
     * @throws BadRequest when present but not a positive integer
     */
    int positiveInt(String name, int dflt) {
        String v = request.query(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 1) {
                throw new BadRequest(name + " must be a positive integer, got '" + v + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            if (v.strip().matches("\\+?[0-9]+")) { // a positive integer, too large for any route
                throw new BadRequest(name + " is too large, got '" + v + "': at most " + Integer.MAX_VALUE);
            }
            throw new BadRequest(name + " must be a positive integer, got '" + v + "'");
        }
    }
}
