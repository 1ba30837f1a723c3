package dev.codeindex.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;

/** The MCP SDK's own client over streamable HTTP, as an agent connects to a daemon's {@code /mcp}. */
public final class McpHttpClients {
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpHttpClients() {}

    /**
     * An initialised client of {@code baseUrl}{@code endpoint}, sending {@code Authorization: Bearer
     * token} unless the token is null.
     */
    public static McpSyncClient connect(String baseUrl, String endpoint, String token, Duration timeout) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint(endpoint).jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()));
        if (token != null) {
            transport.httpRequestCustomizer((request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + token));
        }
        McpSyncClient c = McpClient.sync(transport.build()).requestTimeout(timeout).build();
        c.initialize();
        return c;
    }

    /** The text of a tool's answer. */
    public static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    /** Calls {@code tool}, which must not answer an error, and parses its JSON answer. */
    public static JsonNode call(McpSyncClient c, String tool, Map<String, Object> args) throws Exception {
        McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
        assertFalse(Boolean.TRUE.equals(r.isError()), tool + ": " + text(r));
        return JSON.readTree(text(r));
    }
}
