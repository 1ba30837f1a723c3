package dev.codeindex.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.manifest.Checkpoint;
import dev.codeindex.store.SearchHit;
import dev.codeindex.watch.Daemon;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP face (Javalin 7): {@code /health}, {@code /ready}, {@code /status},
 * {@code /checkpoint}, {@code /search}, {@code POST /sync} and {@code POST /reindex}, all JSON;
 * {@code /metrics} in Prometheus text format; {@code /} the status page (HTML).
 * A thin reader of {@link Daemon}: no pipeline logic lives here.
 *
 * <p>Bound to 127.0.0.1 by default. Bound elsewhere it requires a token, checked as
 * {@code Authorization: Bearer …} on every route but {@code /health}, the status page included
 * (CONTRACT.md makes no exception for it; the page holds no data, but asks for the token itself and
 * sends it on its own requests).
 *
 * <p>Errors: a bad parameter answers 400 with {@code {"error": "…"}}; anything unexpected 500 with
 * the message, logged.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
    static final int DEFAULT_K = 10;
    static final long MAX_SYNC_MILLIS = 600_000;

    private final Daemon daemon;
    private final ObjectMapper json = new ObjectMapper();
    private final byte[] token;
    private final StatusPage page = new StatusPage();
    private final Javalin app;

    /**
     * Starts serving.
     *
     * @param port  0 for any free port (see {@link #port()})
     * @param token required on every route but /health when not null or empty
     * @throws IllegalArgumentException when bound beyond loopback without a token
     */
    public StatusServer(Daemon daemon, String bind, int port, String token) {
        this.daemon = daemon;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        if (this.token == null && !isLoopback(bind)) {
            throw new IllegalArgumentException("binding to " + bind + " needs a token (server.token / CODEINDEX_SERVER_TOKEN):"
                    + " the index would otherwise be readable by anyone on the network");
        }
        this.app = Javalin.create(config -> {
            config.jetty.host = bind;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.routes.before(this::authorize);
            config.routes.get("/health", ctx -> send(ctx, 200, json.createObjectNode().put("status", "ok")));
            config.routes.get("/ready", this::ready);
            config.routes.get("/status", ctx -> send(ctx, 200, status()));
            config.routes.get("/checkpoint", ctx -> send(ctx, 200, checkpoints()));
            config.routes.get("/search", this::search);
            config.routes.post("/sync", this::sync);
            config.routes.post("/reindex", this::reindex);
            config.routes.get("/metrics", ctx -> ctx.contentType(PrometheusText.CONTENT_TYPE)
                    .result(DaemonMetrics.of(daemon)));
            config.routes.get("/", this::page);
            config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.warn("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            });
            config.routes.error(404, ctx -> error(ctx, 404, "no route " + ctx.method() + " " + ctx.path()));
        }).start();
    }

    static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public int port() {
        return app.port();
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private void authorize(Context ctx) {
        if (token == null || ctx.path().equals("/health")) {
            return;
        }
        String header = ctx.header("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            error(ctx, 401, "missing or wrong token: send Authorization: Bearer <server.token>");
            ctx.skipRemainingHandlers();
        }
    }

    private void send(Context ctx, int status, Object body) throws Exception {
        ctx.status(status).contentType("application/json").result(json.writeValueAsString(body));
    }

    private void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json")
                .result(json.createObjectNode().put("error", message).toString());
    }

    private void page(Context ctx) {
        ctx.header("Content-Security-Policy", page.contentSecurityPolicy())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .contentType("text/html; charset=utf-8").result(page.html());
    }

    private void ready(Context ctx) throws Exception {
        String why = daemon.notReadyReason();
        ObjectNode o = json.createObjectNode().put("ready", why == null);
        if (why != null) {
            o.put("reason", why);
        }
        send(ctx, why == null ? 200 : 503, o);
    }

    ObjectNode status() {
        return StatusJson.of(json, daemon);
    }

    /** The checkpoint as {@code /checkpoint} and {@code status --json} show it. */
    public static ObjectNode checkpoint(ObjectNode cp, Checkpoint c) {
        cp.put("runId", c.runId());
        cp.put("phase", c.phase().id());
        cp.put("filesDone", c.filesDone());
        cp.put("filesTotal", c.filesTotal());
        cp.put("batchesCommitted", c.batchesCommitted());
        cp.put("lastCommittedPath", c.lastCommittedPath());
        cp.put("cleanShutdown", c.cleanShutdown());
        cp.put("updatedAt", Instant.ofEpochMilli(c.updatedAt()).toString());
        return cp;
    }

    /** The first root's checkpoint at the top (the usual single-root case), every root's under "roots". */
    private ObjectNode checkpoints() {
        List<Daemon.Root> roots = daemon.roots();
        ObjectNode o = checkpoint(json.createObjectNode(), roots.get(0).watched().status().checkpoint());
        o.put("root", roots.get(0).watched().root().toString());
        ArrayNode all = o.putArray("roots");
        for (Daemon.Root r : roots) {
            checkpoint(all.addObject().put("root", r.watched().root().toString()), r.watched().status().checkpoint());
        }
        return o;
    }

    private void search(Context ctx) throws Exception {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new BadRequest("missing query parameter q");
        }
        int k = intParam(ctx, "k", DEFAULT_K);
        Daemon.SearchAnswer answer;
        try {
            answer = daemon.search(q, k, ctx.queryParam("lang"), ctx.queryParam("path"), ctx.queryParam("root"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        } catch (IllegalStateException e) {
            error(ctx, 409, e.getMessage());
            return;
        }
        send(ctx, 200, searchJson(json, answer.hits(), answer.pending()));
    }

    /** The {@code search --json} object. */
    public static ObjectNode searchJson(ObjectMapper json, List<SearchHit> hits, long pending) {
        ObjectNode o = json.createObjectNode();
        ArrayNode results = o.putArray("results");
        for (SearchHit h : hits) {
            ObjectNode r = results.addObject();
            r.put("path", h.path());
            r.put("startLine", h.startLine());
            r.put("endLine", h.endLine());
            r.put("symbol", h.symbol());
            r.put("language", h.language());
            r.put("score", Math.round(h.score() * 10000) / 10000.0);
            r.put("snippet", h.snippet());
        }
        o.put("pending", pending);
        return o;
    }

    private void sync(Context ctx) throws Exception {
        long timeout = intParam(ctx, "timeoutMs", 30_000);
        if (timeout > MAX_SYNC_MILLIS) {
            throw new BadRequest("timeoutMs must be at most " + MAX_SYNC_MILLIS);
        }
        boolean done = daemon.sync(timeout);
        ObjectNode o = json.createObjectNode().put("synced", done);
        if (!done) {
            o.put("reason", "not everything was indexed within " + timeout + " ms: " + daemon.state().id());
        }
        send(ctx, done ? 200 : 504, o);
    }

    /**
     * Without {@code path}: a full rescan of every root (or of {@code root} only). With it: a pass over
     * that path only, relative to the root ({@code root=} says which when there are several).
     */
    private void reindex(Context ctx) throws Exception {
        String path = param(ctx, "path");
        String only = param(ctx, "root");
        List<Daemon.Root> targets = daemon.roots(only);
        if (targets.isEmpty()) {
            throw new BadRequest("this daemon does not watch " + only);
        }
        ObjectNode o = json.createObjectNode().put("scheduled", true);
        if (path == null) {
            targets.forEach(r -> r.watched().requestRescan("requested over HTTP"));
            o.put("rescan", true);
        } else {
            if (targets.size() > 1) {
                throw new BadRequest("this daemon watches " + targets.size() + " roots: say which with root=");
            }
            Daemon.Root r = targets.get(0);
            String rel;
            try {
                rel = RootPath.relative(r.watched().root(), path);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
            if (rel.isEmpty()) {
                r.watched().requestRescan("requested over HTTP");
            } else {
                r.watched().requestPath(rel);
            }
            o.put("rescan", rel.isEmpty()).put("path", rel);
        }
        ArrayNode roots = o.putArray("roots");
        targets.forEach(r -> roots.add(r.watched().root().toString()));
        send(ctx, 202, o);
    }

    /** A parameter from the query string, else from a form body ({@code curl -d path=src}). */
    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null && ctx.contentType() != null && ctx.contentType().startsWith("application/x-www-form-urlencoded")) {
            v = ctx.formParam(name);
        }
        return v;
    }

    private static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
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
            throw new BadRequest(name + " must be a positive integer, got '" + v + "'");
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
