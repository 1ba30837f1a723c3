package dev.codeindex.mcp.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON-RPC error answers written here rather than by the SDK (stdio's bad lines, HTTP's bad tool calls). */
final class JsonRpcReply {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;

    private JsonRpcReply() {}

    /** The id an answer to {@code message} carries: its own when it is a string or an integer, else null. */
    static JsonNode replyId(JsonNode message) {
        JsonNode id = message != null && message.isObject() ? message.get("id") : null;
        return id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
    }

    /** {@code {"jsonrpc":"2.0","id":…,"error":{"code":…,"message":"Parse error: why"}}}, the prefix by code. */
    static ObjectNode error(ObjectMapper json, JsonNode id, int code, String why) {
        ObjectNode error = json.createObjectNode().put("jsonrpc", "2.0");
        if (id == null) {
            error.putNull("id");
        } else {
            error.set("id", id);
        }
        error.putObject("error").put("code", code).put("message", (code == PARSE_ERROR ? "Parse error: "
                : code == INVALID_PARAMS ? "Invalid params: " : "Invalid Request: ") + why);
        return error;
    }
}
