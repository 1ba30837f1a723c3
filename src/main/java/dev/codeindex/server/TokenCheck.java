package dev.codeindex.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The server's one access rule: with a token, every route but {@code /health} needs
 * {@code Authorization: Bearer <token>}, the status page included (the HTTP contract in the README
 * makes no exception for it; the page holds no data, but asks for the token itself and sends it on
 * its own requests). Without a token the server may only listen on loopback.
 *
 * <p>Immutable and thread-safe. Tokens are compared in constant time.
 */
public final class TokenCheck {
    private final byte[] token;

    private TokenCheck(byte[] token) {
        this.token = token;
    }

    /**
     * The check for a server bound to {@code bind}.
     *
     * @param token null or empty for none
     * @throws IllegalArgumentException when {@code bind} is beyond loopback and there is no token
     */
    public static TokenCheck forBinding(String bind, String token) {
        byte[] bytes = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        if (bytes == null && !isLoopback(bind)) {
            throw new IllegalArgumentException("binding to " + bind + " needs a token (server.token / CODEINDEX_SERVER_TOKEN):"
                    + " the index would otherwise be readable by anyone on the network");
        }
        return new TokenCheck(bytes);
    }

    static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether a request for {@code path} may proceed.
     *
     * @param authorization the Authorization header, or null
     */
    public boolean admits(String path, String authorization) {
        if (token == null || path.equals("/health")) {
            return true;
        }
        // the scheme's name is case-insensitive (RFC 9110, 11.1): "bearer x" is "Bearer x"
        byte[] given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(given, token);
    }
}
