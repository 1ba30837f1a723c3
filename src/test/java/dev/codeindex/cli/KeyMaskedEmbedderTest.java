package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.EmbedderUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wrapper that keeps an API key out of messages passes on what the embedder does for search queries: it
 * fell back to the interface's default, the retrying embed, so with a key configured a search during an
 * outage waited out every retry (a review).
 */
class KeyMaskedEmbedderTest {
    /** An embedder that records which of its methods were called and fails queries with the key in the message. */
    static final class Recording implements Embedder {
        final List<String> calls = new ArrayList<>();

        @Override
        public List<float[]> embedQueries(List<String> queries) {
            calls.add("embedQueries");
            throw new EmbedderUnavailableException("server at https://x?key=sk-secret-123 is down", null);
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            calls.add("embed");
            return List.of(new float[] {1f});
        }

        @Override
        public int textsPerCall() {
            return 77;
        }

        @Override
        public boolean keepsPaceWithIndexing() {
            return true;
        }

        @Override
        public String modelId() {
            return "m";
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public int maxTokens() {
            return 10;
        }

        @Override
        public int countTokens(String text) {
            return 1;
        }

        @Override
        public void close() {}
    }

    @Test
    void queries_go_to_the_embedder_s_own_query_path_with_the_key_masked() {
        Recording inner = new Recording();
        Embedder masked = Embedders.keyMasked(inner, "sk-secret-123");

        EmbedderUnavailableException e = assertThrows(EmbedderUnavailableException.class,
                () -> masked.embedQueries(List.of("q")));

        assertEquals(List.of("embedQueries"), inner.calls, "not the retrying embed");
        assertFalse(e.getMessage().contains("sk-secret-123"), e.getMessage());
        assertTrue(e.getMessage().contains("****"), e.getMessage());
        assertEquals(77, masked.textsPerCall());
        assertTrue(masked.keepsPaceWithIndexing());
    }
}
