package dev.codeindex.server.javalin;

import dev.codeindex.api.DaemonApi;
import dev.codeindex.server.HttpAnswer;
import dev.codeindex.server.OriginCheck;
import dev.codeindex.server.RequestChecks;
import dev.codeindex.server.Routes;
import dev.codeindex.server.StatusEvents;
import dev.codeindex.server.TokenCheck;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP server: Javalin 7 (on Jetty) bound to a host and port, each path mapped to what
 * {@link Routes} answers there, {@link TokenCheck} in front of every route. This is the one class that
 * knows the HTTP framework; what a route answers is decided in {@code dev.codeindex.server}. Before any
 * route, {@link OriginCheck} refuses what a web page could send (a foreign Host, a cross-origin change)
 * ({@link RequestChecks} applies both). Servlets handed in (the MCP endpoint at {@code /mcp}) are
 * mounted beside the routes behind the same checks ({@link ServletMounts}).
 *
 * <p>Bound to 127.0.0.1 by default; bound elsewhere it requires a token (see {@link TokenCheck}).
 *
 * <p>Threading: requests are served on Jetty's threads, concurrently; {@link #port()} and
 * {@link #close()} may be called from any thread.
 *
 * <p>Errors: a route that throws answers 500 with the message (logged); an unknown path 404; both as
 * {@code {"error": "…"}}.
 */
public final class JavalinServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JavalinServer.class);
    /** A status event that takes longer than this to read and send is logged. */
    private static final long SLOW_EVENT_MILLIS = 2_000;
    /**
     * Event streams served at once. Each holds a request thread (see {@link #follow}); without a bound,
     * a few hundred open streams took every thread of Jetty's pool, and /status and /health stopped
     * answering. Past it, /events answers 503, and the status page polls /status instead.
     */
    public static final int MAX_EVENT_STREAMS = 64;
    private final java.util.concurrent.Semaphore eventStreams = new java.util.concurrent.Semaphore(MAX_EVENT_STREAMS);
    private final Javalin app;
    /** Set before the server stops, so that event streams let their threads go. */
    private volatile boolean closed;

    /**
     * Starts serving.
     *
     * @param port  0 for any free port (see {@link #port()})
     * @param token required on every route but /health when not null or empty
     * @throws IllegalArgumentException when bound beyond loopback without a token
     * @throws RuntimeException         when the port cannot be bound
     */
    public JavalinServer(DaemonApi daemon, String bind, int port, String token) {
        this(daemon, bind, port, token, Map.of());
    }

    /**
     * Starts serving, with {@code servlets} beside the routes (the MCP endpoint), each at its exact
     * path and behind the same checks as the routes.
     *
     * @param servlets by path, e.g. {@code /mcp}; each must support asynchronous requests or not need them
     */
    public JavalinServer(DaemonApi daemon, String bind, int port, String token, Map<String, HttpServlet> servlets) {
        this(daemon, bind, port, token, servlets, java.util.List.of());
    }

    /** As above, also answering requests addressed to {@code hosts} (the config's {@code server.hosts}). */
    public JavalinServer(DaemonApi daemon, String bind, int port, String token, Map<String, HttpServlet> servlets,
                         java.util.List<String> hosts) {
        RequestChecks checks = RequestChecks.forBinding(bind, token, hosts);
        Routes routes = new Routes(daemon);
        this.app = Javalin.create(config -> {
            config.jetty.host = bind;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors()));
            config.jetty.modifyServletContextHandler(context -> ServletMounts.mount(context, servlets, checks));
            config.routes.before(ctx -> {
                HttpAnswer refused = checks.refusal(String.valueOf(ctx.method()), ctx.path(), ctx.header("Host"),
                        ctx.header("Origin"), ctx.header("Content-Type"), ctx.header("Authorization"));
                if (refused == null) {
                    refused = Routes.badQuery(ctx.queryString());
                }
                if (refused != null) {
                    write(ctx, refused);
                    ctx.skipRemainingHandlers();
                }
            });
            config.routes.get("/health", ctx -> write(ctx, routes.health()));
            config.routes.get("/ready", ctx -> write(ctx, routes.ready()));
            config.routes.get("/status", ctx -> write(ctx, routes.status()));
            config.routes.get("/checkpoint", ctx -> write(ctx, routes.checkpoint()));
            config.routes.get("/search", ctx -> write(ctx, routes.search(new JavalinRequest(ctx))));
            config.routes.get("/symbols", ctx -> write(ctx, routes.symbols(new JavalinRequest(ctx))));
            config.routes.get("/references", ctx -> write(ctx, routes.references(new JavalinRequest(ctx))));
            config.routes.get("/context", ctx -> write(ctx, routes.context(new JavalinRequest(ctx))));
            config.routes.get("/similar", ctx -> write(ctx, routes.similar(new JavalinRequest(ctx))));
            config.routes.post("/similar", ctx -> write(ctx, routes.similar(new JavalinRequest(ctx))));
            config.routes.post("/sync", ctx -> write(ctx, routes.sync(new JavalinRequest(ctx))));
            config.routes.post("/reindex", ctx -> write(ctx, routes.reindex(new JavalinRequest(ctx))));
            config.routes.post("/pause", ctx -> write(ctx, routes.pause()));
            config.routes.post("/resume", ctx -> write(ctx, routes.resume()));
            config.routes.get("/metrics", ctx -> write(ctx, routes.metrics()));
            config.routes.get(Routes.EVENTS, ctx -> {
                StatusEvents.Stream stream = routes.events(ctx.header("Accept"));
                if (stream == null) {
                    write(ctx, Routes.notAnEventClient());
                } else if (!eventStreams.tryAcquire()) {
                    write(ctx, Routes.tooManyEventStreams(MAX_EVENT_STREAMS));
                } else {
                    try {
                        follow(ctx, stream);
                    } finally {
                        eventStreams.release();
                    }
                }
            });
            config.routes.get("/", ctx -> write(ctx, routes.page()));
            config.routes.exception(Exception.class,
                    (e, ctx) -> write(ctx, Routes.unexpected(String.valueOf(ctx.method()), ctx.path(), e)));
            config.routes.error(404, ctx -> write(ctx, Routes.noRoute(String.valueOf(ctx.method()), ctx.path())));
        }).start();
    }

    /**
     * Sends {@code stream}'s events to one client until it goes away (a write fails: the stream sends
     * at least every {@link StatusEvents#HEARTBEAT_MILLIS}) or the server closes. Runs on, and holds,
     * the request's own thread: one per open page. Javalin's asynchronous SSE support is not used: it
     * completes the response after Jetty has recycled the request of a client that went away, and
     * Javalin then fails on every remaining step of that request.
     */
    private void follow(Context ctx, StatusEvents.Stream stream) {
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        try {
            OutputStream out = res.getOutputStream();
            res.flushBuffer();
            while (!closed) {
                long t0 = System.nanoTime();
                String event = stream.next(System.currentTimeMillis());
                if (event != null) {
                    out.write(("event: " + StatusEvents.EVENT + "\ndata: " + event + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                if (tookMs > SLOW_EVENT_MILLIS) { // the page shows a stale status meanwhile: say where it waited
                    log.warn("event stream: {} the status took {} ms", event == null ? "reading" : "reading and sending",
                            tookMs);
                }
                Thread.sleep(StatusEvents.CHECK_MILLIS);
            }
        } catch (IOException e) {
            log.debug("event stream ended: {}", e.toString()); // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(Context ctx, HttpAnswer answer) {
        answer.headers().forEach(ctx::header);
        ctx.status(answer.status()).contentType(answer.contentType());
        if (answer.bytes() != null) {
            ctx.result(answer.bytes());
        } else {
            ctx.result(answer.text());
        }
    }

    /** The bound port (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        closed = true;
        app.stop();
    }
}
