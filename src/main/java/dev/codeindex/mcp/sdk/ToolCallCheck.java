package dev.codeindex.mcp.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What is wrong with a {@code tools/call} request before the SDK sees it, said for the agent that sent it.
 * The SDK answers a call whose {@code params} or {@code arguments} are not objects with -32603 (an internal
 * error) and a message naming its own classes, logs a stack trace, and answers an unknown tool with a
 * placeholder ("invalid_tool_name"). Here each is -32602 (invalid params) with what to send instead.
 */
final class ToolCallCheck {
    private final List<String> tools;

    ToolCallCheck(List<String> tools) {
        this.tools = List.copyOf(tools);
    }

    /** The problem of {@code message} when it is a {@code tools/call} request the SDK would fail on, else null. */
    String problem(JsonNode message) {
        if (message == null || !message.isObject() || !"tools/call".equals(message.path("method").asText())) {
            return null;
        }
        JsonNode params = message.get("params");
        String shape = "tools/call takes params {\"name\": TOOL, \"arguments\": {…}}";
        if (params == null || !params.isObject()) {
            return shape + "; params is " + kind(params);
        }
        JsonNode name = params.get("name");
        if (name == null || !name.isTextual()) {
            return shape + "; name is " + kind(name);
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return shape + "; arguments is " + kind(arguments);
        }
        if (!tools.contains(name.asText())) {
            return "no tool is named '" + name.asText() + "'; the tools are " + String.join(", ", tools)
                    + " (tools/list describes them)";
        }
        return null;
    }

    private static String kind(JsonNode n) {
        return n == null ? "missing" : n.isNull() ? "null" : n.isTextual() ? "a string" : n.isNumber() ? "a number"
                : n.isArray() ? "an array" : n.isBoolean() ? "a boolean" : "an object";
    }
}
