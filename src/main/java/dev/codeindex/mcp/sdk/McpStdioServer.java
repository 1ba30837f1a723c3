package dev.codeindex.mcp.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.mcp.McpTools;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Serves {@link McpTools} over MCP's stdio transport with the official Java SDK: one client (the
 * agent that spawned us), JSON-RPC messages one a line on {@code out}, nothing else. The one class
 * that uses the SDK.
 */
public final class McpStdioServer {
    private McpStdioServer() {}

    /**
     * Serves until {@code in} ends (the agent closed our stdin or exited), then closes the session.
     *
     * @param out the process's real stdout; nothing else may write to it meanwhile
     */
    public static void serve(String version, String instructions, List<McpTools.Tool> tools, InputStream in,
                             OutputStream out) throws InterruptedException {
        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
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
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json, watched, out))
                .serverInfo("codeindex", version)
                .instructions(instructions)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .validateToolInputs(false) // McpTools checks arguments and says what to fix
                .tools(tools.stream().map(t -> spec(json, t)).toList())
                .build();
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }

    private static McpServerFeatures.SyncToolSpecification spec(McpJsonMapper json, McpTools.Tool t) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(t.name()).description(t.description())
                .inputSchema(json, t.inputSchema()).build();
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            McpTools.Result r = t.handler().apply(args);
            return McpSchema.CallToolResult.builder().addTextContent(r.text()).isError(r.error()).build();
        }).build();
    }
}
