package dev.codeindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearcherTest {
    /** One dimension per word of a tiny vocabulary, so nearness is predictable. */
    static final List<String> VOCAB = List.of("parse", "config", "socket", "close", "hash", "resize", "args");

    @TempDir
    Path dir;
    final FakeEmbedder embedder = FakeEmbedder.words(VOCAB);

    private StoredChunk chunk(String id, String path, String symbol, String language, String text) {
        return new StoredChunk(id, path, 1, 5, symbol, "method", language, text, "h" + id, embedder.embed(List.of(text)).get(0));
    }

    @BeforeEach
    void fill() {
        try (LuceneStore s = new LuceneStore(dir)) {
            s.upsert(List.of(
                    chunk("1", "src/Config.java", "Config.parse", "java", "parse the config file"),
                    chunk("2", "src/net/Sock.java", "Sock.close", "java", "close the socket"),
                    chunk("3", "src/HashMap.java", "HashMap.resize", "java", "double the table"),
                    chunk("4", "tools/cli.py", "parse_args", "python", "read argv"),
                    chunk("5", "tools/conf.py", "load", "python", "parse config lines")));
            s.commit();
        }
    }

    private List<String> paths(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::path).toList();
    }

    /** The same declarations shipped twice (index.d.ts and index.d.cts) answered each hit twice (a trial). */
    @Test
    void the_same_code_in_twin_files_answers_once() {
        try (LuceneStore s = new LuceneStore(dir)) {
            s.upsert(List.of(
                    new StoredChunk("t1", "types/index.d.ts", 1, 5, "Sock.close", "method", "typescript", "close the socket",
                            "ht", embedder.embed(List.of("close the socket")).get(0)),
                    new StoredChunk("t2", "types/index.d.cts", 1, 5, "Sock.close", "method", "typescript", "close the socket",
                            "ht", embedder.embed(List.of("close the socket")).get(0))));
            s.commit();
            Searcher searcher = new Searcher(embedder, s);
            List<String> found = paths(searcher.search("close the socket", 10, "typescript", null));
            assertEquals(1, found.size(), found.toString());
            assertEquals(1, searcher.findSymbol("Sock.close", 10, null).stream()
                    .filter(h -> h.path().startsWith("types/")).count());
        }
    }

    /**
     * The embedding server down: every search failed (500, MCP errors) though symbols and keywords need no
     * model (a team trial). It is answered by them, and the caller is told why.
     */
    @Test
    void a_query_the_model_cannot_embed_is_answered_by_symbols_and_keywords_with_a_note() {
        try (LuceneStore s = new LuceneStore(dir)) {
            embedder.setDown(true);
            Searcher searcher = new Searcher(embedder, s);
            List<String> notes = new ArrayList<>();

            List<SearchHit> byName = searcher.search("parse_args", 3, null, null, notes::add);
            assertEquals("parse_args", byName.get(0).symbol());
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).contains("not by meaning"), notes.get(0));

            List<SearchHit> byWords = searcher.search("close the socket", 2, null, null, notes::add);
            assertEquals("src/net/Sock.java", byWords.get(0).path());
            assertEquals(2, notes.size());
            assertEquals("src/net/Sock.java", searcher.search("close the socket", 2, null, null).get(0).path(),
                    "the plain search answers alike");

            embedder.setDown(false);
            notes.clear();
            searcher.search("close the socket", 2, null, null, notes::add);
            assertEquals(List.of(), notes, "embedded again: nothing to note");
        }
    }

    /**
     * Two roots searched apart, their hits merged by score (a daemon of several roots): the root that holds
     * the answer comes first. Scores were scaled over each root's own candidates, so each root's best hit
     * scored about 1 however far from the query it was, and an unrelated root's best ranked beside the answer
     * (a new-user trial).
     */
    @Test
    void scores_of_two_roots_compare_so_the_root_near_the_query_ranks_first() throws Exception {
        Path near = dir.resolve("near");
        Path far = dir.resolve("far");
        java.util.function.BiFunction<String, String, StoredChunk> at = (id, text) -> new StoredChunk(id,
                "src/" + id + ".py", 1, 9, "", "function", "python", text, "h" + id, embedder.embed(List.of(text)).get(0));
        try (LuceneStore a = new LuceneStore(near); LuceneStore b = new LuceneStore(far)) {
            a.upsert(List.of(at.apply("sock", "close the socket"), at.apply("cfg", "parse config")));
            b.upsert(List.of(at.apply("closer", "close a hash table"), at.apply("sizer", "resize args")));
            a.commit();
            b.commit();
            String query = "close the socket";
            List<SearchHit> fromNear = new Searcher(embedder, a).search(query, 2, null, null);
            List<SearchHit> fromFar = new Searcher(embedder, b).search(query, 2, null, null);
            assertEquals("src/sock.py", fromNear.get(0).path());
            assertEquals("src/closer.py", fromFar.get(0).path());
            assertTrue(fromNear.get(0).score() > fromFar.get(0).score() + 0.1,
                    "the answer outranks the other root's best: " + fromNear + " " + fromFar);
            assertTrue(fromNear.get(0).score() > fromNear.get(1).score(), "the order within a root stays: " + fromNear);
        }
    }

    @Test
    void a_sentence_ranks_by_meaning_and_an_identifier_puts_its_definition_first() {
        try (LuceneStore store = LuceneStore.openReadOnly(dir)) {
            Searcher s = new Searcher(embedder, store);
            assertEquals("src/net/Sock.java", s.search("close a socket", 3, null, null).get(0).path());
            // Nothing in the vocabulary: the vector side alone would rank arbitrarily.
            assertEquals("src/HashMap.java", s.search("HashMap.resize", 3, null, null).get(0).path());
            assertEquals("tools/cli.py", s.search("parse_args", 3, null, null).get(0).path());
            assertEquals("src/HashMap.java", s.search("resize", 3, null, null).get(0).path());
        }
    }

    @Test
    void language_and_glob_restrict_results_and_k_bounds_them() {
        try (LuceneStore store = LuceneStore.openReadOnly(dir)) {
            Searcher s = new Searcher(embedder, store);
            assertEquals(List.of("tools/conf.py", "tools/cli.py"), paths(s.search("parse config", 2, "python", null)));
            assertEquals(List.of("tools/conf.py", "tools/cli.py"), paths(s.search("parse config", 2, "Python", null)));
            assertEquals(List.of("src/Config.java"), paths(s.search("parse config", 1, null, "src/*.java")));
            List<SearchHit> nested = s.search("parse config", 10, null, "src/**/*.java");
            assertEquals(List.of("src/net/Sock.java"), paths(nested));
            assertEquals(5, s.search("parse config", 10, null, null).size());
            // as in .gitignore: a pattern without a slash matches file names at any depth, a trailing slash a
            // directory's files (`utils.py`, `*.py` and `requests/` matched nothing; a trial)
            assertEquals(List.of("src/net/Sock.java"), paths(s.search("parse config", 10, null, "Sock.java")));
            assertEquals(java.util.Set.of("tools/conf.py", "tools/cli.py"),
                    java.util.Set.copyOf(paths(s.search("parse config", 10, null, "*.py"))));
            assertEquals(java.util.Set.of("tools/conf.py", "tools/cli.py"),
                    java.util.Set.copyOf(paths(s.search("parse config", 10, null, "tools/"))));
            assertEquals(java.util.Set.of("src/Config.java", "src/HashMap.java"),
                    java.util.Set.copyOf(paths(s.search("parse config", 10, null, "./src/*.java"))));
            assertTrue(s.search("parse config", 10, "rust", null).isEmpty());
            // a language no file can have is a typo, not "no matches" (found by a new-user trial)
            String unknown = assertThrows(IllegalArgumentException.class, () -> s.search("parse", 3, "cobol", null))
                    .getMessage();
            assertTrue(unknown.startsWith("unknown language 'cobol': the languages are ") && unknown.contains("python"),
                    unknown);
            // what agents write: an extension or a common name (`py` was refused; a trial)
            assertEquals(List.of("tools/conf.py", "tools/cli.py"), paths(s.search("parse config", 2, "py", null)));
            assertEquals(List.of("tools/conf.py", "tools/cli.py"), paths(s.search("parse config", 2, ".PY", null)));
            assertEquals(List.of(), paths(s.search("parse config", 2, "rs", null)));
        }
    }

    /** A name nothing defines scored its nearest chunk 1.0, as an exact definition scores (a trial). */
    @Test
    void an_identifier_nothing_defines_is_scored_on_the_scale_of_meaning_not_as_a_match() {
        try (LuceneStore store = LuceneStore.openReadOnly(dir)) {
            Searcher s = new Searcher(embedder, store);
            double madeUp = s.search("frobnicateSocket", 3, null, null).get(0).score();
            double defined = s.search("HashMap.resize", 3, null, null).get(0).score();
            assertTrue(madeUp < 0.99, "a made-up name: " + madeUp);
            assertTrue(madeUp < defined, madeUp + " vs a definition's " + defined);
        }
    }

    /**
     * A qualified name something defines is answered by that definition, not padded with every other class's
     * method of the same last name (HTTPAdapter.__init__ came with nine other __init__s; a trial). A qualified
     * name nothing defines still shows the definitions of its last part.
     */
    @Test
    void a_qualified_name_that_is_defined_is_not_padded_with_others_of_its_last_part() {
        Path other = dir.resolve("inits");
        try (LuceneStore s = new LuceneStore(other)) {
            s.upsert(List.of(chunk("a", "adapters.py", "HTTPAdapter.__init__", "python", "config pool"),
                    chunk("b", "sessions.py", "Session.__init__", "python", "config hooks"),
                    chunk("c", "models.py", "Request.__init__", "python", "parse args"),
                    chunk("d", "auth.py", "__init__", "python", "close")));
            s.commit();
        }
        try (LuceneStore store = LuceneStore.openReadOnly(other)) {
            Searcher s = new Searcher(embedder, store);
            assertEquals(List.of("adapters.py"), paths(s.findSymbol("HTTPAdapter.__init__", 10)));
            assertEquals(4, s.findSymbol("Missing.__init__", 10).size(), "nothing defines it: every __init__");
            assertEquals(4, s.findSymbol("__init__", 10).size());
        }
    }

    /** Rust's and C++'s {@code Type::method} and {@code Class#method} were refused as "not a symbol name" (a trial). */
    @Test
    void a_qualified_name_written_with_double_colons_or_a_hash_finds_the_method() {
        try (LuceneStore store = LuceneStore.openReadOnly(dir)) {
            Searcher s = new Searcher(embedder, store);
            assertEquals(List.of("src/HashMap.java"), paths(s.findSymbol("HashMap::resize", 1)));
            assertEquals(List.of("src/HashMap.java"), paths(s.findSymbol("HashMap#resize", 1)));
            assertEquals(paths(s.findSymbol("HashMap.resize", 3)), paths(s.findSymbol("HashMap::resize", 3)));
        }
    }

    /**
     * A glob with no literal prefix (nothing for the store to filter on) still finds k matches when
     * more than k·5 better hits lie elsewhere (found by a new-user trial: {@code **}{@code /atomic/*}
     * answered nothing).
     */
    @Test
    void a_glob_with_no_prefix_finds_its_matches_behind_many_better_hits_elsewhere(@TempDir Path big) {
        try (LuceneStore s = new LuceneStore(big)) {
            List<StoredChunk> chunks = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                chunks.add(chunk("o" + i, "other/pkg" + (i % 9) + "/F" + i + ".java", "F" + i + ".parse", "java",
                        "parse the config file " + i));
            }
            for (int i = 0; i < 3; i++) {
                chunks.add(chunk("a" + i, "lib/atomic/A" + i + ".java", "A" + i + ".close", "java", "close the socket"));
            }
            s.upsert(chunks);
            s.commit();
        }
        try (LuceneStore store = LuceneStore.openReadOnly(big)) {
            List<SearchHit> hits = new Searcher(embedder, store).search("parse config", 3, null, "**/atomic/*");
            assertEquals(List.of("lib/atomic/A0.java", "lib/atomic/A1.java", "lib/atomic/A2.java"),
                    paths(hits).stream().sorted().toList());
        }
    }

    @Test
    void bad_requests_are_refused_with_a_message() {
        try (LuceneStore store = LuceneStore.openReadOnly(dir)) {
            Searcher s = new Searcher(embedder, store);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.search("x", 0, null, null))
                    .getMessage().contains("k must be from 1"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.search("  ", 5, null, null))
                    .getMessage().contains("empty"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.search("x", 5, null, "src/[a"))
                    .getMessage().contains("invalid path glob"));
            // the regex the glob became is no business of the user's (a new-user trial saw "^src/[[^/]&&[]]$")
            String bad = assertThrows(IllegalArgumentException.class, () -> s.search("x", 5, null, "src/[]")).getMessage();
            assertTrue(bad.startsWith("invalid path glob 'src/[]': ") && !bad.contains("^") && !bad.contains("&&"), bad);
            for (String invisible : List.of("\u200b", "\t\u200b\u00a0", "\ufffd\ufffd", "\u0000")) {
                assertTrue(assertThrows(IllegalArgumentException.class, () -> s.search(invisible, 5, null, null))
                        .getMessage().contains("nothing to search for"), invisible);
            }
            assertEquals(List.of(), s.search("é", 5, null, "nowhere/**"), "a letter of any script is a query");
        }
    }

    @Test
    void a_read_only_store_sees_new_commits_and_refuses_writes() {
        try (LuceneStore reader = LuceneStore.openReadOnly(dir)) {
            assertEquals(5, reader.count());
            try (LuceneStore writer = new LuceneStore(dir)) {
                writer.deleteByPath("tools/cli.py");
                writer.commit();
            }
            assertEquals(4, reader.count());
            assertThrows(IllegalStateException.class, () -> reader.deleteByPath("src/Config.java"));
        }
    }

    @Test
    void an_identifier_typed_with_parentheses_is_looked_up_as_the_identifier() {
        try (LuceneStore store = LuceneStore.openReadOnly(dir)) {
            Searcher s = new Searcher(embedder, store);
            assertEquals("tools/cli.py", s.search("parse_args()", 3, null, null).get(0).path());
            assertEquals("parse_args", Searcher.identifier("parse_args()"));
            assertEquals(null, Searcher.identifier("parse the args"));
        }
    }

    @Test
    void keywords_decide_between_chunks_the_vectors_cannot_tell_apart() {
        try (LuceneStore store = LuceneStore.openReadOnly(dir)) {
            // no word of the model's vocabulary: every chunk without one is equally near
            assertEquals("src/HashMap.java", new Searcher(embedder, store).search("double the table", 3, null, null)
                    .get(0).path());
            assertEquals("tools/cli.py", new Searcher(embedder, store).search("read argv", 3, null, null).get(0).path());
        }
    }

    @Test
    void an_identifier_no_symbol_defines_weighs_the_chunks_that_hold_it_more_than_a_sentence_does() {
        Path other = dir.resolve("words");
        try (LuceneStore s = new LuceneStore(other)) {
            s.upsert(List.of(
                    // nearest by vector to "hash socket", but without either word
                    chunk("v", "src/Net.java", "Net.rehash", "java", "rehashing sockets"),
                    // holds the name, further by vector (more words of the vocabulary)
                    chunk("k", "src/Conn.java", "Conn.open", "java", "hashSocket(conn); parse config close"),
                    chunk("f", "src/Conf.java", "Conf.load", "java", "close parse config")));
            s.commit();
        }
        try (LuceneStore store = LuceneStore.openReadOnly(other)) {
            Searcher s = new Searcher(embedder, store);
            assertEquals(List.of(), store.searchSymbol("hashSocket", 5, SearchFilter.NONE), "no definition to lead");
            assertEquals("src/Conn.java", s.search("hashSocket", 3, null, null).get(0).path());
            assertEquals("src/Net.java", s.search("hash socket", 3, null, null).get(0).path(),
                    "a sentence of the same words stays ranked by meaning first");
        }
    }

    @Test
    void a_helper_function_nested_in_another_is_found_by_its_name_before_its_callers() {
        Path other = dir.resolve("nested");
        try (LuceneStore s = new LuceneStore(other)) {
            s.upsert(List.of(
                    // calls the helper three times and is nearer by vector: ranked first on keywords and meaning
                    chunk("c", "src/close.js", "closeAll", "javascript",
                            "function closeAll() { closeSocket(a); closeSocket(b); closeSocket(c); close socket }"),
                    // defines it inside its body, as express and rxjs do
                    chunk("d", "src/pool.js", "createPool", "javascript",
                            "function createPool(opts) {\n  function closeSocket(s) {\n    s.end();\n  }\n  return opts;\n}")));
            s.commit();
        }
        try (LuceneStore store = LuceneStore.openReadOnly(other)) {
            Searcher s = new Searcher(embedder, store);
            List<SearchHit> hits = s.search("closeSocket", 2, null, null);
            assertEquals(List.of("src/pool.js", "src/close.js"), paths(hits));
            assertEquals(List.of("src/pool.js"), paths(s.findSymbol("closeSocket", 5)));
        }
    }

    @Test
    void a_store_without_keyword_search_is_ranked_by_its_vectors() {
        try (LuceneStore lucene = LuceneStore.openReadOnly(dir)) {
            VectorStore vectorsOnly = new VectorsOnly(lucene);
            float[] q = embedder.embed(List.of("parse config")).get(0);
            assertEquals(paths(lucene.search(q, 5, SearchFilter.NONE)),
                    paths(new Searcher(embedder, vectorsOnly).search("parse config", 5, null, null)));
            assertEquals("src/HashMap.java", new Searcher(embedder, vectorsOnly).search("HashMap.resize", 3, null, null)
                    .get(0).path());
        }
    }

    @Test
    void before_any_vector_is_stored_the_query_is_not_embedded_and_keywords_answer() {
        Path fresh = dir.resolve("fresh");
        try (LuceneStore store = new LuceneStore(fresh)) {
            store.upsert(List.of(new StoredChunk("a", "src/Sock.java", 1, 5, "Sock.close", "method", "java",
                    "close the socket", "ha", null)));
            store.commit();
            assertEquals(false, store.holdsVectors());
            Searcher s = new Searcher(embedder, store);
            long before = embedder.calls();
            assertEquals("src/Sock.java", s.search("close the socket", 3, null, null).get(0).path());
            assertEquals(before, embedder.calls(), "no vector to compare with: the query is not embedded");

            store.upsert(List.of(chunk("b", "src/Config.java", "Config.parse", "java", "parse the config file")));
            store.commit();
            assertEquals(true, store.holdsVectors());
            long after = embedder.calls();
            assertEquals("src/Config.java", s.search("config parsing", 3, null, null).get(0).path());
            assertEquals(after + 1, embedder.calls(), "with a vector stored, the query is embedded");
        }
    }

    /**
     * A two-line chunk nearest to a sentence (a wrapper, a header) ranks below a longer chunk nearly as
     * near; not while no vector is stored (keywords alone). Identifier queries are left alone:
     * {@link #a_helper_function_nested_in_another_is_found_by_its_name_before_its_callers} fails if
     * they are discounted.
     */
    @Test
    void a_sentence_prefers_a_definition_to_a_two_line_chunk_nearly_as_near() throws Exception {
        Path other = dir.resolve("short");
        List<String> vocab = List.of("parse", "config", "hash", "socket", "close");
        FakeEmbedder words = FakeEmbedder.words(vocab);
        java.util.function.BiFunction<String, Integer, StoredChunk> at = (text, lines) -> new StoredChunk(
                "id-" + text, "src/" + text.replace(' ', '_') + ".py", 1, lines, "", "function", "python", text,
                "h" + text, words.embed(List.of(text)).get(0));
        try (LuceneStore store = new LuceneStore(other)) {
            store.upsert(List.of(at.apply("parse config", 2), at.apply("parse config hash", 12),
                    at.apply("socket", 4), at.apply("close", 4)));
            store.commit();
            Searcher s = new Searcher(words, store);
            List<SearchHit> hits = s.search("parse the config please", 4, null, null);
            assertEquals(List.of("src/parse_config_hash.py", "src/parse_config.py"), paths(hits).subList(0, 2), hits.toString());
            assertTrue(hits.get(1).score() < hits.get(0).score(), "scores follow the order: " + hits);
        }
        Path keywordsOnly = dir.resolve("keywords");
        try (LuceneStore store = new LuceneStore(keywordsOnly)) {
            store.upsert(List.of(new StoredChunk("a", "src/a.py", 1, 2, "", "function", "python", "parse config", "ha", null),
                    new StoredChunk("b", "src/b.py", 1, 12, "", "function", "python", "parse config hash socket", "hb", null)));
            store.commit();
            assertEquals("src/a.py", new Searcher(words, store).search("parse the config please", 2, null, null).get(0).path(),
                    "keywords alone: the short chunk that holds the words first");
        }
    }

    /** A store that keeps VectorStore's default searchText (none), like one without keyword search. */
    private record VectorsOnly(VectorStore delegate) implements VectorStore {
        @Override public void upsert(List<StoredChunk> chunks) { delegate.upsert(chunks); }
        @Override public void delete(java.util.Collection<String> ids) { delegate.delete(ids); }
        @Override public void deleteByPath(String path) { delegate.deleteByPath(path); }
        @Override public List<SearchHit> search(float[] v, int k, SearchFilter f) { return delegate.search(v, k, f); }
        @Override public List<SearchHit> searchSymbol(String id, int k, SearchFilter f) { return delegate.searchSymbol(id, k, f); }
        @Override public long count() { return delegate.count(); }
        @Override public void commit() { delegate.commit(); }
        @Override public void close() {}
    }

    @Test
    void the_literal_prefix_of_a_glob_is_what_precedes_its_first_wildcard() {
        assertEquals("src/main/", Searcher.literalPrefix("src/main/**"));
        assertEquals(null, Searcher.literalPrefix("**/*.py"));
        assertEquals("a/b.txt", Searcher.literalPrefix("a/b.txt"));
        assertEquals("src/", Searcher.literalPrefix("src/{a,b}/x"));
    }
}
