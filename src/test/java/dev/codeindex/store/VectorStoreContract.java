package dev.codeindex.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link VectorStore} must do; each implementation's test extends this. */
public abstract class VectorStoreContract {
    @TempDir
    protected Path dir;

    /** A store over {@code dir}; a second call after {@link VectorStore#close()} opens the same data. */
    protected abstract VectorStore open();

    static float[] vec(float... head) {
        float[] v = new float[8];
        System.arraycopy(head, 0, v, 0, head.length);
        return v;
    }

    /** Point ids are name-based UUIDs, as the indexer makes them: Qdrant takes no other strings. */
    static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static StoredChunk chunk(String name, String path, String language, float... head) {
        return new StoredChunk(id(name), path, 1, 10, "Sym" + name, "method", language, "text of " + name,
                "hash" + name, vec(head));
    }

    @Test
    void the_nearest_points_come_first_with_their_payload() {
        try (VectorStore s = open()) {
            s.upsert(List.of(chunk("a", "src/A.java", "java", 1, 0), chunk("b", "src/B.java", "java", 0, 1),
                    chunk("c", "src/C.java", "java", 0.9f, 0.1f)));
            s.commit();
            List<SearchHit> hits = s.search(vec(1, 0), 2, SearchFilter.NONE);
            assertEquals(List.of("src/A.java", "src/C.java"), hits.stream().map(SearchHit::path).toList());
            SearchHit top = hits.get(0);
            assertEquals(1, top.startLine());
            assertEquals(10, top.endLine());
            assertEquals("Syma", top.symbol());
            assertEquals("java", top.language());
            assertEquals("text of a", top.snippet());
            assertTrue(top.score() >= hits.get(1).score());
        }
    }

    @Test
    void a_replayed_upsert_overwrites_instead_of_duplicating() {
        try (VectorStore s = open()) {
            s.upsert(List.of(chunk("a", "x.py", "python", 1)));
            s.upsert(List.of(chunk("a", "x.py", "python", 1)));
            s.commit();
            assertEquals(1, s.count());
        }
    }

    @Test
    void deletes_by_id_and_by_path_remove_points() {
        try (VectorStore s = open()) {
            s.upsert(List.of(chunk("a", "x.py", "python", 1), chunk("b", "x.py", "python", 0, 1),
                    chunk("c", "y.py", "python", 1, 1)));
            s.commit();
            s.delete(List.of(id("c")));
            s.commit();
            assertEquals(2, s.count());
            s.deleteByPath("x.py");
            s.commit();
            assertEquals(0, s.count());
        }
    }

    @Test
    void filters_restrict_by_language_and_path_prefix() {
        try (VectorStore s = open()) {
            s.upsert(List.of(chunk("a", "src/main/A.java", "java", 1), chunk("b", "src/test/B.java", "java", 1),
                    chunk("c", "tools/c.py", "python", 1)));
            s.commit();
            assertEquals(List.of("tools/c.py"), s.search(vec(1), 5, new SearchFilter("python", null)).stream()
                    .map(SearchHit::path).toList());
            assertEquals(List.of("src/test/B.java"), s.search(vec(1), 5, new SearchFilter("java", "src/test/")).stream()
                    .map(SearchHit::path).toList());
        }
    }

    @Test
    void committed_points_survive_a_reopen() {
        try (VectorStore s = open()) {
            s.upsert(List.of(chunk("a", "x.py", "python", 1), chunk("b", "y.py", "python", 0, 1)));
            s.commit();
        }
        try (VectorStore s = open()) {
            assertEquals(2, s.count());
            assertEquals("x.py", s.search(vec(1), 1, SearchFilter.NONE).get(0).path());
        }
    }

    @Test
    void a_symbol_look_up_may_keep_one_kind() {
        try (VectorStore s = open()) {
            s.upsert(List.of(
                    new StoredChunk(id("a"), "Config.java", 1, 30, "Config", "class", "java", "t", "h1", vec(1)),
                    new StoredChunk(id("b"), "Config.java", 5, 9, "Config.Config", "constructor", "java", "t", "h2", vec(1)),
                    new StoredChunk(id("c"), "config.py", 1, 9, "config", "function", "python", "t", "h3", vec(1))));
            s.commit();
            assertEquals(3, s.searchSymbol("Config", 5, SearchFilter.NONE).size());
            assertEquals(List.of("config.py"), s.searchSymbol("config", 5, new SearchFilter(null, null, "function"))
                    .stream().map(SearchHit::path).toList());
            assertEquals(List.of(id("a")), s.searchSymbol("Config", 5, new SearchFilter(null, null, "class")).stream()
                    .map(h -> s.chunksOf(h.path()).stream().filter(c -> c.startLine() == h.startLine()).findFirst()
                            .orElseThrow().id()).toList());
            assertEquals(List.of(), s.searchSymbol("Config", 5, new SearchFilter(null, null, "method")));
        }
    }

    @Test
    void a_symbol_is_found_by_its_full_or_last_name_ignoring_case() {
        try (VectorStore s = open()) {
            s.upsert(List.of(
                    new StoredChunk(id("a"), "HashMap.java", 1, 9, "HashMap.resize", "method", "java", "t", "h1", vec(1)),
                    new StoredChunk(id("b"), "Other.java", 1, 9, "Other.resize", "method", "java", "t", "h2", vec(1)),
                    new StoredChunk(id("c"), "cli.py", 1, 9, "parse_args", "function", "python", "t", "h3", vec(1))));
            s.commit();
            assertEquals(List.of("HashMap.java", "Other.java"),
                    s.searchSymbol("HashMap.resize", 5, SearchFilter.NONE).stream().map(SearchHit::path).toList());
            assertEquals(2, s.searchSymbol("RESIZE", 5, SearchFilter.NONE).size());
            assertEquals(List.of("cli.py"), s.searchSymbol("parse_args", 5, SearchFilter.NONE).stream()
                    .map(SearchHit::path).toList());
            assertEquals(List.of(), s.searchSymbol("parse", 5, SearchFilter.NONE));
        }
    }

    @Test
    void a_name_defined_inside_a_chunk_is_found_after_every_symbol_match() {
        try (VectorStore s = open()) {
            String sendfile = "function sendfile(res, file) {\n  function ondirectory() {\n    fail();\n  }\n"
                    + "  const onfinish = (err) => done(err);\n}\n";
            s.upsert(List.of(
                    new StoredChunk(id("a"), "lib/response.js", 1, 6, "sendfile", "function", "javascript", sendfile,
                            "h1", vec(1)),
                    new StoredChunk(id("b"), "lib/other.js", 1, 3, "Stream.onfinish", "method", "javascript",
                            "onfinish() { return 1; }", "h2", vec(1)),
                    new StoredChunk(id("c"), "lib/calls.js", 1, 2, "caller", "function", "javascript",
                            "function caller() { ondirectory(); }", "h3", vec(1))));
            s.commit();
            // only the chunk that defines it: a call of the name is no definition
            assertEquals(List.of("lib/response.js:1"), where(s.searchSymbol("ondirectory", 5, SearchFilter.NONE)));
            assertEquals(List.of("lib/response.js:1"), where(s.searchSymbol("OnDirectory", 5, SearchFilter.NONE)));
            // the method named onfinish comes before the function that binds a helper of that name
            assertEquals(List.of("lib/other.js:1", "lib/response.js:1"),
                    where(s.searchSymbol("onfinish", 5, SearchFilter.NONE)));
            // a qualified name is never the name of a nested helper
            assertEquals(List.of(), s.searchSymbol("sendfile.ondirectory", 5, SearchFilter.NONE));
            assertEquals(List.of(), s.searchSymbol("ondirectory", 5, new SearchFilter("python", null)));
        }
    }

    private static List<String> where(List<SearchHit> hits) {
        return hits.stream().map(h -> h.path() + ":" + h.startLine()).toList();
    }

    @Test
    void existing_tells_which_of_the_given_ids_the_store_holds() {
        try (VectorStore s = open()) {
            s.upsert(List.of(chunk("a", "x.py", "python", 1), chunk("b", "y.py", "python", 0, 1)));
            s.commit();
            s.delete(List.of(id("b")));
            s.commit();
            assertEquals(Set.of(id("a")), s.existing(List.of(id("a"), id("b"), id("never"))));
            assertEquals(Set.of(), s.existing(List.of()));
        }
    }

    @Test
    void every_point_is_listed_once_with_its_path_in_bounded_pages_and_may_be_deleted_while_listed() {
        try (VectorStore s = open()) {
            List<StoredChunk> all = IntStream.range(0, 250)
                    .mapToObj(i -> chunk("p" + i, "dir/F" + (i % 40) + ".java", "java", 1, i)).toList();
            s.upsert(all);
            s.commit();
            List<PointRef> seen = new ArrayList<>();
            s.forEachPoint(64, page -> {
                assertTrue(page.size() <= 64, "page of " + page.size());
                seen.addAll(page);
                s.delete(page.stream().filter(p -> p.path().endsWith("F0.java")).map(PointRef::id).toList());
            });
            s.commit();
            assertEquals(250, seen.size(), "each point once, deletes made while listing skip none");
            assertEquals(250, new HashSet<>(seen).size());
            Set<PointRef> expected = new HashSet<>();
            all.forEach(c -> expected.add(new PointRef(c.id(), c.path())));
            assertEquals(expected, new HashSet<>(seen));
            assertEquals(250 - 7, s.count(), "the points of dir/F0.java were deleted while listing");
        }
    }

    @Test
    void the_points_of_one_file_come_back_in_line_order_with_their_vector() {
        try (VectorStore s = open()) {
            StoredChunk second = new StoredChunk(id("b"), "src/A.java", 12, 20, "A.run", "method", "java", "void run() {}",
                    "hashb", vec(0, 1));
            StoredChunk first = new StoredChunk(id("a"), "src/A.java", 1, 11, "A", "class", "java", "class A {",
                    "hasha", vec(1, 0));
            s.upsert(List.of(second, first, chunk("c", "src/B.java", "java", 1, 1)));
            s.commit();
            List<StoredChunk> back = s.chunksOf("src/A.java");
            assertEquals(List.of(1, 12), back.stream().map(StoredChunk::startLine).toList(), back.toString());
            StoredChunk run = back.get(1);
            assertEquals(List.of(id("b"), "src/A.java", 12, 20, "A.run", "method", "java", "void run() {}", "hashb"),
                    List.of(run.id(), run.path(), run.startLine(), run.endLine(), run.symbol(), run.kind(),
                            run.language(), run.text(), run.chunkHash()));
            float[] v = run.vector();
            assertEquals(vec(0, 1).length, v.length);
            assertTrue(v[1] > 0.99 * Math.sqrt(v[0] * v[0] + v[1] * v[1]), "the stored direction: " + java.util.Arrays.toString(v));
            assertEquals(List.of(), s.chunksOf("src/None.java"));
        }
    }

    @Test
    void a_window_keeps_the_lines_of_its_definition_and_a_whole_chunk_is_its_own_region() {
        try (VectorStore s = open()) {
            StoredChunk window = new StoredChunk(id("w"), "src/A.java", 40, 80, "A.run", "method", "java",
                    "window of run", "hashw", vec(1, 0), 30, 140);
            s.upsert(List.of(window, chunk("c", "src/A.java", "java", 0, 1)));
            s.commit();
            SearchHit hit = s.search(vec(1, 0), 1, SearchFilter.NONE).get(0);
            assertEquals(List.of(40, 80, 30, 140), List.of(hit.startLine(), hit.endLine(), hit.regionStart(),
                    hit.regionEnd()), hit.toString());
            SearchHit whole = s.search(vec(0, 1), 1, SearchFilter.NONE).get(0);
            assertEquals(List.of(1, 10, 1, 10), List.of(whole.startLine(), whole.endLine(), whole.regionStart(),
                    whole.regionEnd()), whole.toString());
            SearchHit bySymbol = s.searchSymbol("A.run", 5, SearchFilter.NONE).get(0);
            assertEquals(List.of(30, 140), List.of(bySymbol.regionStart(), bySymbol.regionEnd()));
            StoredChunk back = s.chunksOf("src/A.java").get(1);
            assertEquals(List.of(40, 80, 30, 140), List.of(back.startLine(), back.endLine(), back.regionStart(),
                    back.regionEnd()), back.toString());
        }
    }
}
