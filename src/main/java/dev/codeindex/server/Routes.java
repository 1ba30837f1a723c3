package dev.codeindex.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.ContextRequest;
import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.api.ReindexAnswer;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SimilarAnswer;
import dev.codeindex.api.SimilarRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.api.json.ApiJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each route of the daemon's HTTP face answers, without an HTTP framework: {@code /health},
 * {@code /ready}, {@code /status}, {@code /checkpoint}, {@code /search}, {@code /symbols}, {@code /references}, {@code /context}, {@code /similar}, {@code POST /sync},
 * {@code POST /reindex}, {@code POST /pause} and {@code POST /resume}, all JSON; {@code /events} (server-sent events); {@code /metrics} in Prometheus text format; {@code /} the status
 * page (HTML). A thin reader of {@link DaemonApi}: no pipeline logic lives here. The paths and
 * methods themselves are the binding's to map.
 *
 * <p>Threading: holds nothing mutable; any number of request threads may call it at once.
 *
 * <p>Errors: a bad parameter, or one the daemon refuses with {@link IllegalArgumentException},
 * answers 400 with {@code {"error": "…"}}; a search the daemon cannot serve
 * ({@link IllegalStateException}) 409. Anything else is thrown; the binding answers it with
 * {@link #unexpected} (500).
 */
public final class Routes {
    private static final Logger log = LoggerFactory.getLogger(Routes.class);
    static final int DEFAULT_K = 10;
    static final int DEFAULT_SYNC_MILLIS = 30_000;
    static final int MAX_CODE_CHARS = 20_000;
    static final long MAX_SYNC_MILLIS = 600_000;
    /** The path of the status event stream. */
    public static final String EVENTS = "/events";

    private final DaemonApi daemon;
    private final StatusPage page = new StatusPage();
    private final StatusEvents events;

    public Routes(DaemonApi daemon) {
        this.daemon = daemon;
        this.events = new StatusEvents(daemon);
    }

    /**
     * {@code GET /events}: a new client's stream of status events (see {@link StatusEvents}), or the
     * answer that refuses the request: a client must ask for {@code text/event-stream} (an
     * {@code EventSource} does).
     */
    public StatusEvents.Stream events(String accept) {
        return accept != null && accept.contains("text/event-stream") ? events.open() : null;
    }

    /** What a request to {@code /events} that does not accept an event stream gets. */
    public static HttpAnswer notAnEventClient() {
        return HttpAnswer.error(406, "/events is a stream of server-sent events: send Accept: text/event-stream"
                + " (an EventSource does), or poll /status");
    }

    /** More event streams are open than the server keeps threads for. */
    public static HttpAnswer tooManyEventStreams(int max) {
        return HttpAnswer.error(503, "/events has " + max + " streams open, the most it keeps: close some status pages,"
                + " or poll /status (which still answers)");
    }

    public HttpAnswer health() {
        return HttpAnswer.json(200, ApiJson.mapper().createObjectNode().put("status", "ok"));
    }

    /** 200 once every root is ready, else 503 with the first reason. */
    public HttpAnswer ready() {
        String why = daemon.status().notReadyReason();
        ObjectNode o = ApiJson.mapper().createObjectNode().put("ready", why == null);
        if (why != null) {
            o.put("reason", why);
        }
        return HttpAnswer.json(why == null ? 200 : 503, o);
    }

    public HttpAnswer status() {
        return HttpAnswer.json(200, ApiJson.status(daemon.status()));
    }

    public HttpAnswer checkpoint() {
        return HttpAnswer.json(200, ApiJson.checkpoints(daemon.status()));
    }

    /**
     * A 400 for a query string whose percent-encoding is broken ({@code q=%zz}), else null: the framework drops
     * such a parameter, and the route then said it was missing.
     */
    public static HttpAnswer badQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf('%') < 0) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            try {
                java.net.URLDecoder.decode(pair, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                return HttpAnswer.error(400, "query parameter " + name + " is not valid percent-encoding (a % must be"
                        + " followed by two hex digits: %25 for % itself)");
            }
        }
        return null;
    }

    /** {@code q} (required), {@code k}, and {@code lang}, {@code path}, {@code root} as the daemon takes them. */
    public HttpAnswer search(RouteRequest request) {
        RequestParams params = new RequestParams(request);
        String q = params.query("q");
        if (q == null || q.isBlank()) {
            return HttpAnswer.error(400, "missing query parameter q");
        }
        SearchAnswer answer;
        try {
            int k = params.positiveInt("k", DEFAULT_K);
            answer = daemon.search(new SearchRequest(q, k, params.query("lang"), params.query("path"),
                    params.query("root")));
        } catch (BadRequest | IllegalArgumentException e) {
            return HttpAnswer.error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return HttpAnswer.error(409, e.getMessage());
        }
        return HttpAnswer.json(200, ApiJson.search(answer));
    }

    /** {@code name} (required: {@code HashMap.resize}, {@code parse_args}), {@code k}, {@code root}: its definitions. */
    public HttpAnswer symbols(RouteRequest request) {
        RequestParams params = new RequestParams(request);
        String name = params.query("name");
        if (name == null || name.isBlank()) {
            return HttpAnswer.error(400, "missing query parameter name");
        }
        SearchAnswer answer;
        try {
            int k = params.positiveInt("k", DEFAULT_K);
            answer = daemon.findSymbol(new SymbolRequest(name, k, params.query("root"), params.query("kind")));
        } catch (BadRequest | IllegalArgumentException e) {
            return HttpAnswer.error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return HttpAnswer.error(409, e.getMessage());
        }
        return HttpAnswer.json(200, ApiJson.search(answer));
    }

    /**
     * {@code name} (required: {@code resize}, {@code HashMap.resize} matched by its last part), {@code k} (default
     * {@link ReferencesRequest#DEFAULT_K}), {@code lang}, {@code path}, {@code root}: the lines that use it.
     */
    public HttpAnswer references(RouteRequest request) {
        RequestParams params = new RequestParams(request);
        String name = params.query("name");
        if (name == null || name.isBlank()) {
            return HttpAnswer.error(400, "missing query parameter name");
        }
        ReferencesAnswer answer;
        try {
            int k = params.positiveInt("k", ReferencesRequest.DEFAULT_K);
            answer = daemon.references(new ReferencesRequest(name, k, params.query("lang"), params.query("path"),
                    params.query("root")));
        } catch (BadRequest | IllegalArgumentException e) {
            return HttpAnswer.error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return HttpAnswer.error(409, e.getMessage());
        }
        return HttpAnswer.json(200, ApiJson.references(answer));
    }

    /** {@code path} and {@code line} (required), {@code root}: the definition that encloses that line, with its code. */
    public HttpAnswer context(RouteRequest request) {
        RequestParams params = new RequestParams(request);
        String path = params.query("path");
        if (path == null || path.isBlank()) {
            return HttpAnswer.error(400, "missing query parameter path: a file relative to the root, or an absolute path inside it");
        }
        ContextAnswer answer;
        try {
            int line = params.positiveInt("line", 0);
            if (line == 0) {
                return HttpAnswer.error(400, "missing query parameter line: a 1-based line number");
            }
            answer = daemon.context(new ContextRequest(path, line, params.query("root")));
        } catch (BadRequest | IllegalArgumentException e) {
            return HttpAnswer.error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return HttpAnswer.error(409, e.getMessage());
        }
        return HttpAnswer.json(200, ApiJson.context(answer));
    }

    /**
     * {@code path} and {@code line}, or {@code code} (a snippet; in a form body of a POST when long),
     * {@code k}, {@code root}: the chunks most like the chunk there, or like the snippet.
     */
    public HttpAnswer similar(RouteRequest request) {
        RequestParams params = new RequestParams(request);
        String path = params.query("path");
        String code = params.queryOrForm("code");
        boolean hasPath = path != null && !path.isBlank();
        boolean hasCode = code != null && !code.isBlank();
        if (hasPath == hasCode) {
            return HttpAnswer.error(400, hasPath ? "give either path and line or code, not both"
                    : "missing query parameters: path and line (the chunk there), or code (a snippet)");
        }
        if (hasCode && code.length() > MAX_CODE_CHARS) {
            return HttpAnswer.error(400, "code is " + code.length() + " characters; at most " + MAX_CODE_CHARS);
        }
        SimilarAnswer answer;
        try {
            int k = params.positiveInt("k", DEFAULT_K);
            int line = hasPath ? params.positiveInt("line", 0) : 0;
            if (hasPath && line == 0) {
                return HttpAnswer.error(400, "missing query parameter line: a 1-based line number");
            }
            answer = daemon.similar(new SimilarRequest(hasPath ? path : null, line, hasCode ? code : null, k,
                    params.query("root")));
        } catch (BadRequest | IllegalArgumentException e) {
            return HttpAnswer.error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return HttpAnswer.error(409, e.getMessage());
        }
        return HttpAnswer.json(200, ApiJson.similar(answer));
    }

    /** Waits up to {@code timeoutMs} for everything written before the request to be indexed: 200, else 504. */
    public HttpAnswer sync(RouteRequest request) throws InterruptedException {
        long timeout;
        try {
            timeout = new RequestParams(request).positiveInt("timeoutMs", DEFAULT_SYNC_MILLIS);
        } catch (BadRequest e) {
            return HttpAnswer.error(400, e.getMessage());
        }
        if (timeout > MAX_SYNC_MILLIS) {
            return HttpAnswer.error(400, "timeoutMs must be at most " + MAX_SYNC_MILLIS);
        }
        boolean done;
        try {
            done = daemon.sync(timeout);
        } catch (IllegalStateException e) { // paused: nothing would be indexed before a resume
            return HttpAnswer.json(409, ApiJson.mapper().createObjectNode().put("synced", false).put("paused", true)
                    .put("error", e.getMessage()));
        }
        ObjectNode o = ApiJson.mapper().createObjectNode().put("synced", done);
        if (!done) {
            o.put("reason", "not everything was indexed within " + timeout + " ms: " + daemon.status().state().id());
        }
        return HttpAnswer.json(done ? 200 : 504, o);
    }

    /**
     * Without {@code path}: a full rescan of every root (or of {@code root} only). With it: a pass over
     * that path only, relative to the root ({@code root=} says which when there are several). Both may
     * come in the query string or a form body; they reach the daemon as given, and it judges them.
     */
    public HttpAnswer reindex(RouteRequest request) {
        RequestParams params = new RequestParams(request);
        ReindexAnswer a;
        try {
            a = daemon.reindex(params.queryOrForm("root"), params.queryOrForm("path"));
        } catch (IllegalArgumentException e) {
            return HttpAnswer.error(400, e.getMessage());
        }
        return HttpAnswer.json(202, ApiJson.reindex(a));
    }

    /** {@code POST /pause}: indexing stops at the next batch boundary; 200 {@code {"paused": true}} at once. */
    public HttpAnswer pause() {
        daemon.pauseIndexing();
        return HttpAnswer.json(200, ApiJson.mapper().createObjectNode().put("paused", true));
    }

    /** {@code POST /resume}: indexing goes on with what changed meanwhile; 200 {@code {"paused": false}}. */
    public HttpAnswer resume() {
        daemon.resumeIndexing();
        return HttpAnswer.json(200, ApiJson.mapper().createObjectNode().put("paused", false));
    }

    public HttpAnswer metrics() {
        return HttpAnswer.text(200, PrometheusText.CONTENT_TYPE, DaemonMetrics.of(daemon.status()));
    }

    /** The status page, with the headers that keep anything injected into it from running or leaking. */
    public HttpAnswer page() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", page.contentSecurityPolicy());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-cache");
        return HttpAnswer.bytes(200, "text/html; charset=utf-8", headers, page.html());
    }

    /** What a request {@link TokenCheck} refused gets. */
    public static HttpAnswer unauthorized() {
        return HttpAnswer.error(401, "missing or wrong token: send Authorization: Bearer <server.token>");
    }

    /** A request {@link OriginCheck} refused. */
    public static HttpAnswer forbidden(String reason) {
        return HttpAnswer.error(403, reason);
    }

    public static HttpAnswer noRoute(String method, String path) {
        return HttpAnswer.error(404, "no route " + method + " " + path);
    }

    /** Kinds of failure whose stack trace was logged already. */
    private static final java.util.Set<String> TRACED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A route threw: logged with the request, answered 500 with the message (or the exception's name). The stack
     * trace of each kind of failure (its class and the route) is logged once, later ones in a line: agents polling
     * through an outage of the store logged ~45 lines per request (a team trial).
     */
    public static HttpAnswer unexpected(String method, String path, Exception e) {
        if (TRACED.add(e.getClass().getName() + " " + method + " " + path)) {
            log.warn("{} {} failed", method, path, e);
        } else {
            log.warn("{} {} failed: {} (its stack trace was logged the first time)", method, path, e.toString());
        }
        return HttpAnswer.error(500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
