package dev.codeindex.mcp.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.mcp.McpTools;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * What codeindex serves over MCP, whatever the transport: its name and version, the instructions an
 * agent reads at initialization, the tools capability, and {@link McpTools}' tools as SDK tool
 * specifications. Built once; {@link McpStdioServer} and {@link McpHttpEndpoint} each put it on
 * their transport, so both serve exactly the same tools.
 *
 * <p>Immutable and thread-safe.
 */
public final class McpServerSpec {
    private final McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    private final String version;
    private final String instructions;
    private final List<McpServerFeatures.SyncToolSpecification> tools;

    /**
     * @param version      the version reported as the server's
     * @param instructions what an agent is told about this server at initialization
     */
    public McpServerSpec(String version, String instructions, List<McpTools.Tool> tools) {
        this.version = version;
        this.instructions = instructions;
        this.tools = tools.stream().map(this::spec).toList();
    }

    McpJsonMapper json() {
        return json;
    }

    /** Checks tool calls against this spec's tools. */
    ToolCallCheck toolCalls() {
        return new ToolCallCheck(tools.stream().map(t -> t.tool().name()).toList());
    }

    /** Finishes a transport's server builder with this spec and builds the server. */
    McpSyncServer build(McpServer.SyncSpecification<?> transport) {
        return transport.serverInfo("codeindex", version)
                .instructions(instructions)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .validateToolInputs(false) // McpTools checks arguments and says what to fix
                .tools(tools)
                .build();
    }

    private McpServerFeatures.SyncToolSpecification spec(McpTools.Tool t) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(t.name()).description(t.description())
                .inputSchema(json, t.inputSchema()).build();
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            McpTools.Result r = t.handler().apply(args);
            return McpSchema.CallToolResult.builder().addTextContent(r.text()).isError(r.error()).build();
        }).build();
    }
}
