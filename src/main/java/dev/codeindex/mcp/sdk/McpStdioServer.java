package dev.codeindex.mcp.sdk;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * Serves an {@link McpServerSpec} (codeindex's tools) over MCP's stdio transport with the official
 * Java SDK: one client (the agent that spawned us), JSON-RPC messages one a line on {@code out},
 * nothing else. {@link McpHttpEndpoint} serves the same spec over streamable HTTP.
 */
public final class McpStdioServer {
    private McpStdioServer() {}

    /**
     * Serves until {@code in} ends (the agent closed our stdin or exited), then closes the session.
     *
     * @param out the process's real stdout; nothing else may write to it meanwhile
     */
    public static void serve(McpServerSpec spec, InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        // lines the SDK cannot parse are answered and left out: the SDK would stop reading at the first one
        InputStream watched = new FilterInputStream(new JsonRpcLineGuard(in, out, spec.json(), spec.toolCalls())) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return ended(super.read(b, off, len));
                } catch (IOException e) {
                    ended.countDown();
                    throw e;
                }
            }

            private int ended(int n) {
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        McpSyncServer server = spec.build(McpServer.sync(new StdioServerTransportProvider(spec.json(), watched, out)));
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }
}
