package dev.codeindex.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.mcp.sdk.McpServerSpec;
import dev.codeindex.mcp.sdk.McpStdioServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The stdio MCP server with the real SDK, fed lines an agent (or a person typing) may send: text that
 * is not JSON, JSON that is not JSON-RPC, blank lines. Each gets an error answer, every later request
 * is still answered, and the server ends when its input does (it used to stop reading at the first
 * bad line, and then never ended).
 */
class McpStdioLinesTest {
    @Test
    void a_line_that_is_not_json_rpc_gets_an_error_and_the_session_goes_on_to_its_end() throws Exception {
        String input = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{bad",
                "",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}",
                "{\"id\":7,\"hello\":\"there\"}",
                "[1, 2",
                // a carriage return splits a line, for the SDK's reader as for this one: two bad halves
                "{\"jsonrpc\":\"2.0\",\"id\":9,\r\"method\":\"ping\"}\r",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}") + "\r\n";
        // answers may arrive in any order: requests are handled concurrently
        List<JsonNode> answers = serve(List.of(), input, 8);
        assertEquals(8, answers.size(), "initialize, 2 pings and 5 errors, no answer to the notification: " + answers);
        assertTrue(answers.stream().anyMatch(a -> a.path("id").asInt() == 1 && a.has("result")), answers.toString());
        assertTrue(answers.stream().anyMatch(a -> a.path("id").asInt() == 2 && a.has("result")), "ping after bad lines: " + answers);
        assertTrue(answers.stream().anyMatch(a -> a.path("id").asInt() == 3 && a.has("result")), answers.toString());
        assertEquals(3, answers.stream().filter(a -> a.path("id").isNull() && a.path("error").path("code").asInt() == -32700)
                .count(), "three lines that are not JSON: " + answers);
        assertEquals(5, answers.stream().filter(a -> a.has("error")).count(), "and two that are not JSON-RPC: " + answers);
        assertTrue(answers.stream().anyMatch(a -> a.path("id").asInt() == 7 && a.path("error").path("code").asInt() == -32600),
                "JSON that is not JSON-RPC keeps its id: " + answers);
    }

    /**
     * Tool calls the SDK failed on: params or arguments not objects were -32603 naming the SDK's classes (with
     * a stack trace logged), an unknown tool "Unknown tool: invalid_tool_name" (a trial). Each is -32602 now,
     * saying what to send, and a good call after them is answered.
     */
    @Test
    void a_malformed_tool_call_is_invalid_params_saying_what_to_send() throws Exception {
        McpTools.Tool echo = new McpTools.Tool("echo", "says hello", "{\"type\":\"object\"}",
                args -> new McpTools.Result("hello", false));
        String input = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":\"zzz\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":\"zzz\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{}}}")
                + "\n";
        List<JsonNode> answers = serve(List.of(echo), input, 5);
        for (int id = 2; id <= 4; id++) {
            int i = id;
            JsonNode a = answers.stream().filter(n -> n.path("id").asInt() == i).findFirst().orElseThrow();
            assertEquals(-32602, a.path("error").path("code").asInt(), a.toString());
            String message = a.path("error").path("message").asText();
            assertTrue(message.startsWith("Invalid params: "), message);
            assertFalse(message.contains("io.modelcontextprotocol") || message.contains("java."), message);
        }
        assertTrue(answers.stream().anyMatch(a -> a.path("id").asInt() == 2
                && a.path("error").path("message").asText().contains("params is a string")), answers.toString());
        assertTrue(answers.stream().anyMatch(a -> a.path("id").asInt() == 4
                && a.path("error").path("message").asText().contains("no tool is named 'nope'; the tools are echo")),
                answers.toString());
        assertTrue(answers.stream().anyMatch(a -> a.path("id").asInt() == 5
                && a.path("result").path("content").get(0).path("text").asText().equals("hello")), answers.toString());
    }

    /** Serves {@code tools} over stdio to {@code input} until {@code count} answers came; its answers. */
    static List<JsonNode> serve(List<McpTools.Tool> tools, String input, int count) throws Exception {
        PipedOutputStream agent = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(agent, 1 << 16);
        PipedInputStream answersIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(answersIn);
        Thread server = new Thread(() -> {
            try {
                McpStdioServer.serve(new McpServerSpec("test-version", "instructions", tools), serverIn, serverOut);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        agent.write(input.getBytes(StandardCharsets.UTF_8));
        agent.flush();
        List<JsonNode> answers = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(answersIn, StandardCharsets.UTF_8));
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (answers.size() < count) {
                answers.add(new ObjectMapper().readTree(reader.readLine()));
            }
        }, () -> "answers so far: " + answers);
        agent.close();
        server.join(10_000);
        assertFalse(server.isAlive(), "the server ends when its input ends");
        return answers;
    }
}
