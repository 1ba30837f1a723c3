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
        PipedOutputStream agent = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(agent, 1 << 16);
        PipedInputStream answersIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(answersIn);
        Thread server = new Thread(() -> {
            try {
                McpStdioServer.serve(new McpServerSpec("test-version", "instructions", List.of()), serverIn, serverOut);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        agent.write(input.getBytes(StandardCharsets.UTF_8));
        agent.flush();
        // answers may arrive in any order: requests are handled concurrently
        List<JsonNode> answers = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(answersIn, StandardCharsets.UTF_8));
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (answers.size() < 8) {
                answers.add(new ObjectMapper().readTree(reader.readLine()));
            }
        }, () -> "answers so far: " + answers);
        agent.close();
        server.join(10_000);
        assertFalse(server.isAlive(), "the server ends when its input ends");
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
}
