package dev.codeindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Searcher#findSymbol} on a real Lucene store: definitions only, the exact name first. */
class FindSymbolTest {
    @TempDir
    Path dir;
    final FakeEmbedder embedder = FakeEmbedder.words(List.of("parse", "config"));

    private StoredChunk chunk(String id, String path, String symbol, String text) {
        return new StoredChunk(id, path, 1, 5, symbol, "method", "java", text, "h" + id,
                embedder.embed(List.of(text)).get(0));
    }

    @BeforeEach
    void fill() {
        try (LuceneStore s = new LuceneStore(dir)) {
            s.upsert(List.of(
                    chunk("1", "src/Other.java", "Other.parse", "parse something else"),
                    chunk("2", "src/Outer.java", "Outer.Config.parse", "parse the nested config"),
                    chunk("3", "src/Config.java", "Config.parse", "parse the config file"),
                    chunk("4", "email/utils.py", "parseaddr", "split an address"),
                    chunk("5", "mail/other.py", "parseaddr", "another parseaddr"),
                    chunk("6", "src/Notes.java", "Notes.read", "mentions Config.parse in text only")));
            s.commit();
        }
    }

    private static List<String> symbols(List<SearchHit> hits) {
        return hits.stream().map(h -> h.path() + ":" + h.symbol()).toList();
    }

    @Test
    void the_exact_name_leads_then_a_dotted_tail_then_the_same_last_part() {
        try (LuceneStore store = LuceneStore.openReadOnly(dir)) {
            Searcher s = new Searcher(embedder, store);
            // a qualified name something defines: its definitions only (Other.parse was padding, a trial)
            assertEquals(List.of("src/Config.java:Config.parse", "src/Outer.java:Outer.Config.parse"),
                    symbols(s.findSymbol("Config.parse", 10)));
            // a name only its last part matches: the definitions of that last part
            assertEquals(java.util.Set.of("src/Config.java:Config.parse", "src/Outer.java:Outer.Config.parse",
                    "src/Other.java:Other.parse"), java.util.Set.copyOf(symbols(s.findSymbol("Missing.parse", 10))));
            assertEquals(List.of("src/Config.java:Config.parse"), symbols(s.findSymbol("Config.parse()", 1)));
            // qualifiers in the path decide between equal names
            assertEquals("email/utils.py", s.findSymbol("email.utils.parseaddr", 10).get(0).path());
        }
    }

    @Test
    void a_name_nothing_defines_has_no_hits_and_text_mentions_do_not_count() {
        try (LuceneStore store = LuceneStore.openReadOnly(dir)) {
            Searcher s = new Searcher(embedder, store);
            assertTrue(s.findSymbol("resize", 10).isEmpty());
            assertTrue(symbols(s.findSymbol("Config.parse", 10)).stream().noneMatch(x -> x.contains("Notes")));
        }
    }

    @Test
    void a_name_that_is_not_an_identifier_or_a_bad_k_is_refused_with_a_message() {
        try (LuceneStore store = LuceneStore.openReadOnly(dir)) {
            Searcher s = new Searcher(embedder, store);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.findSymbol("parse the config", 5))
                    .getMessage().contains("not a symbol name"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.findSymbol(" ", 5))
                    .getMessage().contains("empty"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.findSymbol("x", 0))
                    .getMessage().contains("k must be from 1"));
        }
    }
}
