package dev.codeindex.mcp.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stdio transport's input, one JSON-RPC message a line, with every line the SDK could not take
 * answered here and left out. The SDK's stdio transport stops reading its input at the first line it
 * cannot parse (or one over its size limit): later requests go unanswered and the end of the input
 * is never seen, so the server would hang. Here each line is parsed first, exactly as the SDK will;
 * one that fails gets a JSON-RPC error on {@code out} (-32700 for text that is not JSON or is too
 * long, -32600 for JSON that is not a JSON-RPC message, with its id when it has one), and the
 * session goes on.
 *
 * <p>Threading: read by the SDK's one reading thread. Errors are written while holding {@code out}'s
 * monitor, as the SDK does for each message it writes, so that lines never interleave.
 */
final class JsonRpcLineGuard extends InputStream {
    private static final Logger log = LoggerFactory.getLogger(JsonRpcLineGuard.class);
    /** The SDK's own limit for one message. */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    private final BufferedReader in;
    private final OutputStream out;
    private final McpJsonMapper mapper;
    private final ToolCallCheck toolCalls;
    private final ObjectMapper json = new ObjectMapper();
    private byte[] line = new byte[0];
    private int pos;
    private boolean ended;
    /** The last line ended with \r: a \n that follows belongs to it. */
    private boolean skipLineFeed;

    JsonRpcLineGuard(InputStream in, OutputStream out, McpJsonMapper mapper, ToolCallCheck toolCalls) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.mapper = mapper;
        this.toolCalls = toolCalls;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, line.length - pos);
        System.arraycopy(line, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Makes sure a message line is ready to hand on; false at the end of the input. */
    private boolean fill() throws IOException {
        while (pos >= line.length) {
            if (ended) {
                return false;
            }
            StringBuilder text = new StringBuilder();
            boolean tooLong = false;
            int c;
            // a line ends at \n, \r or \r\n, as the SDK's reader splits them (a \r inside a message would
            // otherwise reach the SDK as half a message, and it would stop reading)
            while ((c = in.read()) >= 0) {
                if (skipLineFeed) {
                    skipLineFeed = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (c == '\n') {
                    break;
                }
                if (c == '\r') {
                    skipLineFeed = true; // the \n of a \r\n is read with the next line, not waited for now
                    break;
                }
                if (text.length() < MAX_LINE_CHARS) {
                    text.append((char) c);
                } else {
                    tooLong = true; // the rest of the line is read and dropped
                }
            }
            if (c < 0) {
                ended = true;
                if (text.length() == 0) {
                    return false;
                }
            }
            String message = text.toString().strip();
            if (message.isEmpty()) {
                continue;
            }
            if (tooLong) {
                refuse(null, JsonRpcReply.PARSE_ERROR, "a message longer than " + MAX_LINE_CHARS + " characters");
                continue;
            }
            if (accepted(message)) {
                line = (message + "\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
        }
        return true;
    }

    /** Whether the SDK can take {@code message}; if not, it has been answered with an error. */
    private boolean accepted(String message) throws IOException {
        JsonNode tree;
        try {
            tree = json.readTree(message);
        } catch (JsonProcessingException e) {
            refuse(null, JsonRpcReply.PARSE_ERROR, "not JSON (" + e.getOriginalMessage() + ")");
            return false;
        }
        JsonNode replyId = JsonRpcReply.replyId(tree);
        try {
            McpSchema.deserializeJsonRpcMessage(mapper, message);
        } catch (IOException | RuntimeException e) {
            refuse(replyId, JsonRpcReply.INVALID_REQUEST, "not a JSON-RPC 2.0 request, notification or response");
            return false;
        }
        String problem = toolCalls.problem(tree);
        if (problem != null) {
            refuse(replyId, JsonRpcReply.INVALID_PARAMS, problem);
            return false;
        }
        return true;
    }

    private void refuse(JsonNode id, int code, String why) throws IOException {
        if (code == JsonRpcReply.INVALID_PARAMS) { // the agent's to fix, and it is told
            log.debug("mcp: {}", why);
        } else {
            log.warn("mcp: a line of input was {}: answered with error {}", why, code);
        }
        byte[] bytes = (json.writeValueAsString(JsonRpcReply.error(json, id, code, why)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }
}
