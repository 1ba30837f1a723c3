package dev.codeindex.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.api.json.ApiJson;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finished HTTP answer, as {@link Routes} decides it and an HTTP binding writes it: status,
 * content type, extra headers (in the order they are sent) and the body.
 *
 * <p>A text body stays a string so the binding writes it the way it always has (encoded in the
 * response's charset); only the status page is raw bytes, sent as they are in the jar.
 *
 * <p>Immutable and thread-safe; the byte body is shared, not copied, and must not be modified.
 */
public final class HttpAnswer {
    static final String JSON = "application/json";

    private final int status;
    private final String contentType;
    private final Map<String, String> headers;
    private final String text;
    private final byte[] bytes;

    private HttpAnswer(int status, String contentType, Map<String, String> headers, String text, byte[] bytes) {
        this.status = status;
        this.contentType = contentType;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.text = text;
        this.bytes = bytes;
    }

    /** A JSON object or array. */
    static HttpAnswer json(int status, JsonNode body) {
        try {
            return new HttpAnswer(status, JSON, Map.of(), ApiJson.mapper().writeValueAsString(body), null);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serializes
        }
    }

    /** {@code {"error": message}}, the one shape of every refusal and failure. */
    static HttpAnswer error(int status, String message) {
        return new HttpAnswer(status, JSON, Map.of(), ApiJson.mapper().createObjectNode().put("error", message).toString(),
                null);
    }

    static HttpAnswer text(int status, String contentType, String body) {
        return new HttpAnswer(status, contentType, Map.of(), body, null);
    }

    static HttpAnswer bytes(int status, String contentType, Map<String, String> headers, byte[] body) {
        return new HttpAnswer(status, contentType, headers, null, body);
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** Headers besides Content-Type, in sending order. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body as text, or null when it is {@link #bytes()}. */
    public String text() {
        return text;
    }

    /** The body as bytes, or null when it is {@link #text()}. */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + (text != null ? text : bytes.length + " bytes");
    }
}
