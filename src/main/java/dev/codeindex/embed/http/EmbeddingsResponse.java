package dev.codeindex.embed.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>The answer is read as a token stream, numbers straight into float arrays: a batch of 32 vectors of
 * 384 numbers is ~12,000 numbers, and a tree of JSON nodes around each one cost more CPU than the rest
 * of the client together when the server answers at GPU pace.
 */
final class EmbeddingsResponse {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private EmbeddingsResponse() {}

    /** One {@code data} item as read: its index (-1: none given) and vector. */
    private record Item(int index, float[] vector) {}

    /**
     * @param dimension the length every vector must have; 0: any, as long as all agree
     * @throws HttpEmbedderException (BAD_RESPONSE) when the answer is not such a list
     */
    static List<float[]> parse(byte[] body, int inputs, int dimension, String endpoint, int status) {
        List<Item> items = null;
        boolean error = false;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad(endpoint, status, "the answer is not a JSON object: " + ErrorBody.excerpt(text(body)));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("data") && value == JsonToken.START_ARRAY) {
                    items = items(p, inputs, dimension, endpoint, status);
                } else {
                    error |= field.equals("error");
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw bad(endpoint, status, "the answer is not JSON (" + e.getOriginalMessage() + "): " + ErrorBody.excerpt(text(body)));
        } catch (IOException e) {
            throw bad(endpoint, status, "the answer cannot be read (" + e + ")");
        }
        if (items == null) {
            throw bad(endpoint, status, "the answer has no \"data\" list"
                    + (error ? ": " + ErrorBody.message(text(body)) : ": " + ErrorBody.excerpt(text(body))));
        }
        if (items.size() != inputs) {
            throw bad(endpoint, status, items.size() + " embeddings for " + inputs + " inputs");
        }
        float[][] out = new float[inputs][];
        int expected = dimension;
        for (int k = 0; k < inputs; k++) {
            Item item = items.get(k);
            int index = item.index() < 0 ? k : item.index();
            if (out[index] != null) {
                throw bad(endpoint, status, "two embeddings for index " + index);
            }
            float[] v = item.vector();
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

    /** The items of {@code data}, the parser on its opening bracket; ends on its closing one. */
    private static List<Item> items(JsonParser p, int inputs, int dimension, String endpoint, int status) throws IOException {
        List<Item> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            int position = items.size();
            if (t != JsonToken.START_OBJECT) {
                throw bad(endpoint, status, "data[" + position + "] is not an object");
            }
            int index = -1;
            float[] vector = null;
            boolean embedding = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("index") && value != JsonToken.VALUE_NULL) {
                    if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                            || p.getIntValue() < 0 || p.getIntValue() >= inputs) {
                        String written = value.isScalarValue() ? p.getText() : value.asString() + "…";
                        throw bad(endpoint, status, "data[" + position + "] has index " + written + ", not one of 0.."
                                + (inputs - 1));
                    }
                    index = p.getIntValue();
                } else if (field.equals("embedding")) {
                    embedding = true;
                    vector = vector(p, value, position, dimension, endpoint, status);
                } else {
                    p.skipChildren();
                }
            }
            if (!embedding) {
                throw bad(endpoint, status, "embedding " + (index < 0 ? position : index)
                        + " is not a non-empty list of numbers (data[" + position + "] has none)");
            }
            items.add(new Item(index, vector));
        }
        return items;
    }

    /** The vector at the parser's current token: a list of numbers or a base64 string of float32s. */
    private static float[] vector(JsonParser p, JsonToken value, int index, int dimension, String endpoint, int status)
            throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(p.getText());
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
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            throw bad(endpoint, status, "embedding " + index + " is not a non-empty list of numbers");
        }
        float[] v = new float[dimension > 0 ? dimension : 64];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                String written = t.isScalarValue() ? p.getText() : t.asString() + "…";
                throw bad(endpoint, status, "embedding " + index + " holds " + (t == JsonToken.VALUE_STRING
                        ? '"' + written + '"' : written) + " at " + n + ", not a number");
            }
            if (n == v.length) {
                v = Arrays.copyOf(v, v.length * 2);
            }
            v[n++] = p.getFloatValue();
        }
        if (n == 0) {
            throw bad(endpoint, status, "embedding " + index + " is not a non-empty list of numbers");
        }
        return n == v.length ? v : Arrays.copyOf(v, n);
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

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static HttpEmbedderException bad(String endpoint, int status, String what) {
        return new HttpEmbedderException(HttpEmbedderException.Reason.BAD_RESPONSE, status,
                "embedding server " + endpoint + " gave an invalid answer: " + what);
    }
}
