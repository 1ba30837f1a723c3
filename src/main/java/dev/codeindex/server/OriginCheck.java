package dev.codeindex.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Keeps web pages out of a loopback daemon. A page on any site can make the browser send requests to
 * {@code 127.0.0.1}; two defences stop it from reading answers or changing state:
 * <ul>
 *   <li><b>Host</b> (DNS rebinding: a page whose name re-resolves to 127.0.0.1 reads answers as
 *       same-origin): without a token, a request must name the daemon by a loopback name or
 *       address ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}), the way every local client
 *       does. With a token (a daemon bound beyond loopback) the token is the defence, since no page
 *       can know it, and any Host is accepted.</li>
 *   <li><b>Origin</b> (cross-site request forgery: a page cannot read the answer, but its POST still
 *       acts): a state-changing request that carries an {@code Origin} (browsers always send one on
 *       POST) must come from the daemon's own origin, the status page; and a {@code text/plain} or
 *       {@code multipart/form-data} body, which a page can send without asking, is refused.
 *       Command-line clients ({@code curl -d path=src}) send no Origin and are unaffected.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class OriginCheck {
    private final boolean checkHost;
    /** Names (lower case, without a port) accepted besides the loopback ones: the config's {@code server.hosts}. */
    private final java.util.Set<String> hosts;

    private OriginCheck(boolean checkHost, java.util.Set<String> hosts) {
        this.checkHost = checkHost;
        this.hosts = hosts;
    }

    /** @param tokenRequired whether every route but /health needs the token (see {@link TokenCheck}) */
    public static OriginCheck forServer(boolean tokenRequired) {
        return forServer(tokenRequired, java.util.List.of());
    }

    /**
     * @param hosts more names a request may address the daemon by (a machine's own name, an SSH
     *              tunnel's alias); each as in a Host header, a port is ignored
     */
    public static OriginCheck forServer(boolean tokenRequired, java.util.Collection<String> hosts) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String h : hosts) {
            names.add(hostName(h).toLowerCase(Locale.ROOT));
        }
        return new OriginCheck(!tokenRequired, java.util.Set.copyOf(names));
    }

    /**
     * Why a request is refused (HTTP 403), or null when it may proceed.
     *
     * @param host        the Host header, or null
     * @param origin      the Origin header, or null
     * @param contentType the Content-Type header, or null
     */
    public String refusal(String method, String host, String origin, String contentType) {
        if (checkHost && host != null && !isLoopbackHost(hostName(host))
                && !hosts.contains(hostName(host).toLowerCase(Locale.ROOT))) {
            return "this daemon answers only requests addressed to a loopback name (localhost, 127.0.0.1, [::1])"
                    + (hosts.isEmpty() ? "" : " or " + String.join(", ", new java.util.TreeSet<>(hosts))) + ", not '"
                    + host + "'; list the name in server.hosts, or set server.token to serve any name";
        }
        if (changesState(method)) {
            if (origin != null && !sameOrigin(origin, host)) {
                return "cross-origin " + method + " from " + origin + " refused: only the daemon's own page may"
                        + " change its state";
            }
            String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            if (type.startsWith("text/plain") || type.startsWith("multipart/form-data")) {
                return "a " + method + " with Content-Type " + contentType + " is refused (a web page can send one"
                        + " unasked); send no body, or parameters in the query string or as a form";
            }
        }
        return null;
    }

    /**
     * Why a streaming read ({@code /events}) with this {@code Origin} is refused, or null: a page of
     * another origin has no business holding a stream open on the daemon, whether or not the
     * browser would let it read the stream.
     */
    public String crossOriginStream(String host, String origin) {
        if (origin != null && !sameOrigin(origin, host)) {
            return "cross-origin event stream from " + origin + " refused: only the daemon's own page may follow it";
        }
        return null;
    }

    private static boolean changesState(String method) {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    /** The name in a Host header or an authority, without its port: {@code [::1]:7341} is {@code ::1}. */
    static String hostName(String authority) {
        String a = authority.strip();
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            return close < 0 ? a : a.substring(1, close);
        }
        int colon = a.indexOf(':');
        return colon < 0 || a.indexOf(':', colon + 1) >= 0 ? a : a.substring(0, colon);
    }

    /** A loopback name or literal address; names other than {@code localhost} are never resolved. */
    static boolean isLoopbackHost(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("localhost") || n.equals("localhost.") || n.equals("::1") || n.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = n.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code origin} is {@code http://<host>}: the page this daemon served. */
    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI u = new URI(origin.strip());
            if (!"http".equalsIgnoreCase(u.getScheme()) || u.getRawAuthority() == null) {
                return false;
            }
            return u.getRawAuthority().equalsIgnoreCase(host.strip());
        } catch (URISyntaxException e) {
            return false; // "null" and anything unparsable
        }
    }
}
