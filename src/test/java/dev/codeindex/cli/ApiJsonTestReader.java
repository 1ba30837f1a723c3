package dev.codeindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads what a command printed as JSON, failing with the text when it is not. */
final class ApiJsonTestReader {
    private ApiJsonTestReader() {}

    static JsonNode read(String out) {
        try {
            return new ObjectMapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }
}
