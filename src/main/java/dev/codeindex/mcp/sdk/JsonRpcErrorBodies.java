package dev.codeindex.mcp.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The SDK's streamable HTTP servlet, with its error answers made JSON-RPC errors. The SDK writes a
 * transport error (no session id, an unknown session, a body that is not JSON) as its exception
 * object serialized whole: its stack trace and the server's internals, and no {@code jsonrpc} or
 * {@code id}. Here such a body, written while the request is served (not later, on a stream), is
 * held back and replaced by {@code {"jsonrpc":"2.0","id":null,"error":{"code":…,"message":…}}} with the
 * same status. Every other answer passes as it is.
 *
 * <p>Threading: one wrapper per request; the servlet is shared as the SDK's is.
 */
final class JsonRpcErrorBodies extends HttpServlet {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServlet sdk;
    private final ToolCallCheck toolCalls;
    private final int maxRequestBytes;

    JsonRpcErrorBodies(HttpServlet sdk, ToolCallCheck toolCalls, int maxRequestBytes) {
        this.sdk = sdk;
        this.toolCalls = toolCalls;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        sdk.init(config);
    }

    @Override
    public void destroy() {
        sdk.destroy();
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        // only within a session: a request the SDK refuses for its headers or for want of a session is told that
        // first, by the SDK (an expired session must hear to initialize again, not about a tool's name)
        if ("POST".equals(req.getMethod()) && req.getHeader("Mcp-Session-Id") != null) {
            // a tool call the SDK would fail on (params or arguments not objects, an unknown tool) is answered
            // here: the SDK says -32603 with its own class names and logs a stack trace at ERROR for each
            byte[] body = req.getInputStream().readNBytes(maxRequestBytes + 1);
            JsonNode message = parse(body);
            String problem = message == null ? null : toolCalls.problem(message);
            if (problem != null) {
                ObjectNode out = JsonRpcReply.error(JSON, JsonRpcReply.replyId(message), JsonRpcReply.INVALID_PARAMS,
                        problem);
                res.setStatus(400);
                res.setContentType("application/json");
                res.setCharacterEncoding("UTF-8");
                res.getWriter().write(JSON.writeValueAsString(out));
                return;
            }
            req = new Replayed(req, body);
        }
        Held held = new Held(res);
        try {
            sdk.service(req, held);
        } finally {
            held.release();
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null; // not JSON: the SDK answers it
        }
    }

    /** The request with its body, read once here, given again to the SDK. */
    private static final class Replayed extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws java.io.UnsupportedEncodingException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(new java.io.ByteArrayInputStream(body),
                    java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /** A JSON-RPC error for what the SDK wrote, or null when it is not one of its serialized errors. */
    static String rewrite(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode error = n == null ? null : n.get("jsonRpcError");
            if (error == null || !error.isObject()) {
                return null;
            }
            ObjectNode out = JSON.createObjectNode().put("jsonrpc", "2.0").putNull("id");
            ObjectNode e = out.putObject("error");
            e.set("code", error.path("code"));
            e.set("message", error.path("message"));
            if (error.path("message").asText().startsWith("Session not found")) {
                // a session of a daemon that has restarted since: the client's request is what must change (the
                // SDK says -32603, an internal error), and it says how
                e.put("code", -32600);
                e.put("message", error.path("message").asText() + ": this server does not know the session (it"
                        + " restarted, or the session ended); initialize a new one");
            }
            if (error.hasNonNull("data")) {
                e.set("data", error.get("data"));
            }
            return JSON.writeValueAsString(out);
        } catch (IOException e) {
            return null;
        }
    }

    /** Holds back what is written for an error status while the request is served; releases it rewritten. */
    private static final class Held extends HttpServletResponseWrapper {
        private int status = 200;
        private boolean serving = true;
        private StringWriter text;
        private PrintWriter writer;

        Held(HttpServletResponse res) {
            super(res);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!serving || status < 400) {
                return super.getWriter();
            }
            if (writer == null) {
                text = new StringWriter();
                writer = new PrintWriter(text);
            }
            return writer;
        }

        void release() throws IOException {
            serving = false;
            if (writer == null) {
                return;
            }
            writer.flush();
            String body = text.toString();
            String error = rewrite(body);
            PrintWriter out = super.getWriter();
            out.write(error != null ? error : body);
            out.flush();
        }
    }
}
