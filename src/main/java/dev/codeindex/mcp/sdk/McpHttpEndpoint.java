package dev.codeindex.mcp.sdk;

import java.time.Duration;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.http.HttpServlet;

/**
 * Serves an {@link McpServerSpec} (the same tools as {@link McpStdioServer}) over MCP's streamable
 * HTTP transport, as a servlet for the daemon's HTTP server to mount at {@link #PATH}: JSON-RPC
 * requests are POSTed there, a session is opened by {@code initialize} and named by the
 * {@code Mcp-Session-Id} header, and answers come back as JSON or an event stream.
 *
 * <p>The servlet checks nothing about who asks: the server that mounts it puts its token and
 * Host/Origin checks in front of it. It needs asynchronous processing enabled (it streams).
 *
 * <p>Threading: requests are served concurrently on the server's threads; the tools are stateless.
 */
public final class McpHttpEndpoint implements AutoCloseable {
    /** Where the endpoint is served. */
    public static final String PATH = "/mcp";
    /** Bigger than any sensible request: a query is at most a few thousand characters. */
    private static final int MAX_REQUEST_BYTES = 1 << 20;

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final HttpServlet servlet;

    /**
     * How often sessions idle since the last look (no request, no open stream) are closed: a client that never
     * ends its session (DELETE) would otherwise leave it in the daemon for the daemon's life, and a trial grew
     * 4,000 of them in one loop. An agent's session in use is never closed; a closed one is told to initialize
     * a new one.
     */
    public static final Duration IDLE_SWEEP = Duration.ofMinutes(30);

    public McpHttpEndpoint(McpServerSpec spec) {
        this(spec, IDLE_SWEEP);
    }

    /** As {@link #McpHttpEndpoint(McpServerSpec)}, closing sessions idle for one to two {@code idleSweep}s. */
    public McpHttpEndpoint(McpServerSpec spec, Duration idleSweep) {
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(spec.json())
                .mcpEndpoint(PATH)
                .maxRequestSize(MAX_REQUEST_BYTES)
                .sessionSweepInterval(idleSweep)
                .build();
        this.server = spec.build(McpServer.sync(transport));
        this.servlet = new JsonRpcErrorBodies(transport, spec.toolCalls(), MAX_REQUEST_BYTES);
    }

    /** The servlet to mount at {@link #PATH}: the SDK's, its transport errors written as JSON-RPC errors. */
    public HttpServlet servlet() {
        return servlet;
    }

    /** Closes every open session; call after the HTTP server stopped. */
    @Override
    public void close() {
        server.closeGracefully();
    }
}
