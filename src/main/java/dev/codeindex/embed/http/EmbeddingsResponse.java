package dev.codeindex.embed.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads an OpenAI embeddings answer ({@code {"data": [{"index": 0, "embedding": [...]}, ...]}}) and
 * checks it: one embedding per input, placed by {@code index} (servers may answer out of order; an
 * item without one keeps its place), all of one length, finite. Vectors come back scaled to unit
 * length, since the store compares them by cosine and not every server normalises. An embedding sent
 * as a base64 string ({@code encoding_format: base64}: little-endian float32) is read as well.
 */
final class EmbeddingsResponse {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddingsResponse() {}

    /**
     * @param dimension the length every vector must have; 0: any, as long as all agree
     * @throws HttpEmbedderException (BAD_RESPONSE) when the answer is not such a list
     */
    static List<float[]> parse(String body, int inputs, int dimension, String endpoint, int status) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw bad(endpoint, status, "the answer is not JSON (" + e.getOriginalMessage() + "): " + ErrorBody.excerpt(body));
        }
        if (root == null || !root.isObject()) {
            throw bad(endpoint, status, "the answer is not a JSON object: " + ErrorBody.excerpt(body));
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw bad(endpoint, status, "the answer has no \"data\" list"
                    + (root.has("error") ? ": " + ErrorBody.message(body) : ": " + ErrorBody.excerpt(body)));
        }
        if (data.size() != inputs) {
            throw bad(endpoint, status, data.size() + " embeddings for " + inputs + " inputs");
        }
        float[][] out = new float[inputs][];
        int expected = dimension;
        for (int k = 0; k < inputs; k++) {
            JsonNode item = data.get(k);
            if (!item.isObject()) {
                throw bad(endpoint, status, "data[" + k + "] is not an object");
            }
            int index = index(item, k, inputs, endpoint, status);
            if (out[index] != null) {
                throw bad(endpoint, status, "two embeddings for index " + index);
            }
            float[] v = vector(item.get("embedding"), index, endpoint, status);
            if (expected == 0) {
                expected = v.length;
            }
            if (v.length != expected) {
                throw bad(endpoint, status, "embedding " + index + " has " + v.length + " dimensions, expected " + expected
                        + (dimension > 0 ? " (the model behind the server changed?)" : ""));
            }
            out[index] = unit(v, index, endpoint, status);
        }
        return new ArrayList<>(Arrays.asList(out));
    }

    private static int index(JsonNode item, int position, int inputs, String endpoint, int status) {
        JsonNode index = item.get("index");
        if (index == null || index.isNull()) {
            return position;
        }
        if (!index.canConvertToInt() || !index.isIntegralNumber() || index.intValue() < 0 || index.intValue() >= inputs) {
            throw bad(endpoint, status, "data[" + position + "] has index " + index + ", not one of 0.." + (inputs - 1));
        }
        return index.intValue();
    }

    private static float[] vector(JsonNode embedding, int index, String endpoint, int status) {
        if (embedding != null && embedding.isTextual()) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(embedding.textValue());
            } catch (IllegalArgumentException e) {
                throw bad(endpoint, status, "embedding " + index + " is a string but not base64");
            }
            if (raw.length == 0 || raw.length % Float.BYTES != 0) {
                throw bad(endpoint, status, "embedding " + index + " is base64 of " + raw.length + " bytes, not float32s");
            }
            float[] v = new float[raw.length / Float.BYTES];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }
        if (embedding == null || !embedding.isArray() || embedding.isEmpty()) {
            throw bad(endpoint, status, "embedding " + index + " is not a non-empty list of numbers");
        }
        float[] v = new float[embedding.size()];
        for (int d = 0; d < v.length; d++) {
            JsonNode x = embedding.get(d);
            if (!x.isNumber()) {
                throw bad(endpoint, status, "embedding " + index + " holds " + x + " at " + d + ", not a number");
            }
            v[d] = (float) x.doubleValue();
        }
        return v;
    }

    private static float[] unit(float[] v, int index, String endpoint, int status) {
        double sum = 0;
        for (int d = 0; d < v.length; d++) {
            if (!Float.isFinite(v[d])) {
                throw bad(endpoint, status, "embedding " + index + " holds a non-finite value at " + d);
            }
            sum += (double) v[d] * v[d];
        }
        if (sum == 0 || !Double.isFinite(sum)) {
            throw bad(endpoint, status, "embedding " + index + " has no direction (its length is " + Math.sqrt(sum) + ")");
        }
        double norm = Math.sqrt(sum);
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) (v[d] / norm);
        }
        return v;
    }

    private static HttpEmbedderException bad(String endpoint, int status, String what) {
        return new HttpEmbedderException(HttpEmbedderException.Reason.BAD_RESPONSE, status,
                "embedding server " + endpoint + " gave an invalid answer: " + what);
    }
}
