package dev.codeindex.server;

/**
 * What every request passes before it is served, in order: {@link OriginCheck} (no foreign Host, no
 * cross-origin change), then {@link TokenCheck}. One place, so that the routes and anything else the
 * HTTP binding serves (the MCP endpoint) are guarded alike.
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestChecks {
    private final TokenCheck tokens;
    private final OriginCheck origins;

    private RequestChecks(TokenCheck tokens, OriginCheck origins) {
        this.tokens = tokens;
        this.origins = origins;
    }

    /**
     * The checks of a server bound to {@code bind}.
     *
     * @param token null or empty for none
     * @throws IllegalArgumentException when {@code bind} is beyond loopback and there is no token
     */
    public static RequestChecks forBinding(String bind, String token) {
        return forBinding(bind, token, java.util.List.of());
    }

    /** As {@link #forBinding(String, String)}, accepting {@code hosts} as names besides the loopback ones. */
    public static RequestChecks forBinding(String bind, String token, java.util.Collection<String> hosts) {
        return new RequestChecks(TokenCheck.forBinding(bind, token),
                OriginCheck.forServer(token != null && !token.isEmpty(), hosts));
    }

    /**
     * The answer that refuses a request (403 or 401), or null when it may be served. {@code host},
     * {@code origin}, {@code contentType} and {@code authorization} are the request's headers of those
     * names, each null when absent.
     */
    public HttpAnswer refusal(String method, String path, String host, String origin, String contentType,
                              String authorization) {
        String refused = origins.refusal(method, host, origin, contentType);
        if (refused == null && Routes.EVENTS.equals(path)) {
            refused = origins.crossOriginStream(host, origin);
        }
        if (refused != null) {
            return Routes.forbidden(refused);
        }
        return tokens.admits(path, authorization) ? null : Routes.unauthorized();
    }
}
