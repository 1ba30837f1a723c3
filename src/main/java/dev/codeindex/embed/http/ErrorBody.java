package dev.codeindex.embed.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a server said, cut to fit an error message: OpenAI's {@code {"error": {"message": …}}},
 * the flat {@code {"error": "…"}} of text-embeddings-inference and others, or the raw body.
 */
final class ErrorBody {
    static final int MAX_CHARS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {}

    /** The server's own error message when the body has one, else an excerpt of the body. */
    static String message(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject()) {
                JsonNode error = root.get("error");
                if (error != null && error.isObject() && error.path("message").isTextual()) {
                    return excerpt(error.get("message").textValue());
                }
                if (error != null && error.isTextual()) {
                    return excerpt(error.textValue());
                }
                for (String field : new String[] {"message", "detail"}) {
                    if (root.path(field).isTextual()) {
                        return excerpt(root.get(field).textValue());
                    }
                }
            }
        } catch (Exception e) {
            // not JSON: the raw text says it
        }
        return excerpt(body);
    }

    /** The body on one line, at most {@link #MAX_CHARS} characters. */
    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS) + "…";
    }
}
