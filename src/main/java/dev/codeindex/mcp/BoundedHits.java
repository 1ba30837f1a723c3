package dev.codeindex.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchResult;
import dev.codeindex.api.json.ApiJson;

/**
 * A {@link SearchAnswer} as the MCP tools that return hits ({@code search_code}, {@code find_symbol})
 * answer it: JSON text of about {@code maxChars} characters at most, with a {@code note} saying what
 * was cut or why there is nothing, and {@code behind} when the index is not current.
 */
final class BoundedHits {
    private BoundedHits() {}

    /**
     * @param narrow what to do when hits were cut ("ask for fewer (`k`) …")
     * @param none   the note when there are no hits
     */
    static String json(SearchAnswer answer, int maxChars, String narrow, String none) throws JsonProcessingException {
        return json(ApiJson.mapper().createObjectNode(), answer, maxChars, narrow, none);
    }

    /** As {@link #json(SearchAnswer, int, String, String)}, after what {@code head} already holds. */
    static String json(ObjectNode head, SearchAnswer answer, int maxChars, String narrow, String none)
            throws JsonProcessingException {
        ObjectNode o = head;
        ArrayNode results = o.putArray("results");
        int used = 200;
        int shown = 0;
        int previews = 0;
        String note = null;
        for (SearchResult h : answer.results()) {
            String code = h.snippet();
            if (code.endsWith("…")) {
                previews++;
            }
            int room = maxChars - used;
            if (shown > 0 && code.length() + 200 > room) {
                note = "cut to " + shown + " of " + answer.results().size() + " hits to stay under " + maxChars
                        + " characters; " + narrow;
                break;
            }
            if (code.length() + 200 > room) {
                code = code.substring(0, Math.max(0, room - 200)) + "\n… (cut)";
                note = "the code of hit 1 was cut to stay under " + maxChars + " characters; read the file for the rest";
            }
            ApiJson.hit(results, h, "code", code);
            used += code.length() + 200 + h.path().length() + h.symbol().length();
            shown++;
        }
        o.put("pending", answer.pending());
        Coverage c = answer.coverage();
        if (c != null) {
            ApiJson.coverage(o, c);
        }
        if (c != null && !c.complete()) {
            o.put("behind", behind(c));
        } else if (answer.pending() > 0) {
            o.put("behind", answer.pending() + " files changed but are not indexed yet: results may be behind");
        } else if (answer.pending() < 0) {
            o.put("behind", "an index run is in progress: results may be behind");
        }
        ApiJson.notes(o, answer.notes());
        if (answer.results().isEmpty() && !answer.notes().isEmpty()) {
            o.put("note", "nothing found in what could be searched; " + answer.notes().get(0));
        } else if (answer.results().isEmpty() && c != null && c.keyword() <= 0 && c.inFlight()) {
            o.put("note", "nothing is indexed yet: a first index pass is running; search again in a moment"
                    + " (index_status shows its progress)");
        } else if (answer.results().isEmpty()) {
            o.put("note", none);
        } else if (note != null) {
            o.put("note", note);
        } else if (previews > 0) { // said, so that an agent does not take the preview for the whole definition
            o.put("note", "the code of " + (previews == 1 ? "1 hit is its first lines" : previews + " hits is their first"
                    + " lines") + " (marked …): get_context with a hit's path and startLine gives all of it");
        }
        return ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }

    /** What an agent should know when search does not see the whole tree. */
    static String behind(Coverage c) {
        String running = c.inFlight() ? "; an index pass is running" : "";
        if (c.keyword() < 0) {
            return "how much of the tree is indexed is not known yet" + running + ": results may be incomplete";
        }
        String of = c.files() < 0 ? " (of a total not known yet)" : " of " + c.files();
        return c.keyword() + of + " files are indexed for symbol and keyword search, "
                + (c.embedded() < 0 ? "an unknown number" : Long.toString(c.embedded())) + " of them also by meaning" + running + ": results may be incomplete";
    }
}
