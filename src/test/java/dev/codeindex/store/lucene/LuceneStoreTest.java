package dev.codeindex.store.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoreFormatException;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import dev.codeindex.store.VectorStoreContract;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;

class LuceneStoreTest extends VectorStoreContract {
    @Override
    protected VectorStore open() {
        return new LuceneStore(dir.resolve("lucene"));
    }

    private static StoredChunk chunk(String id, String path, String symbol, String text) {
        return new StoredChunk(id, path, 1, 9, symbol, symbol.isEmpty() ? "lines" : "function", "python", text, "h" + id,
                new float[] {1, 0, 0, 0});
    }

    private static List<String> paths(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::path).toList();
    }

    @Test
    void a_read_only_store_with_nothing_committed_searches_as_empty_and_sees_the_first_commit() {
        Path where = dir.resolve("lucene");
        try (LuceneStore missing = LuceneStore.openReadOnly(where)) {
            assertEquals(List.of(), missing.search(new float[] {1, 0, 0, 0}, 5, SearchFilter.NONE));
            assertEquals(0, missing.count());
            assertTrue(!java.nio.file.Files.exists(where), "a search leaves no directory behind");
        }
        try (LuceneStore writer = new LuceneStore(where);
             LuceneStore reader = LuceneStore.openReadOnly(where)) {
            writer.upsert(List.of(chunk("a", "tools/cli.py", "parse_args", "def parse_args(argv): pass")));
            assertEquals(List.of(), reader.searchText("parse_args", 5, SearchFilter.NONE), "not committed yet");
            assertEquals(List.of(), reader.searchSymbol("parse_args", 5, SearchFilter.NONE));
            assertEquals(List.of(), reader.chunksOf("tools/cli.py"));
            writer.commit();
            assertEquals(List.of("tools/cli.py"), paths(reader.searchText("parse_args", 5, SearchFilter.NONE)));
            assertEquals(1, reader.count());
        }
    }

    @Test
    void queries_on_the_writing_store_see_what_it_committed_and_reads_for_indexing_see_every_write() {
        try (LuceneStore s = new LuceneStore(dir.resolve("lucene"))) {
            s.upsert(List.of(chunk("a", "tools/cli.py", "parse_args", "def parse_args(argv): pass")));
            // queries do not flush the writer's buffer into a segment each time they run
            assertEquals(List.of(), s.searchText("parse_args", 5, SearchFilter.NONE), "not committed yet");
            assertEquals(List.of(), s.searchSymbol("parse_args", 5, SearchFilter.NONE));
            assertEquals(List.of(), s.search(new float[] {1, 0, 0, 0}, 5, SearchFilter.NONE));
            assertEquals(false, s.holdsVectors());
            assertEquals(1, s.count(), "reads for indexing see the write");
            assertEquals(1, s.chunksOf("tools/cli.py").size());
            s.commit();
            assertEquals(List.of("tools/cli.py"), paths(s.searchText("parse_args", 5, SearchFilter.NONE)));
            assertEquals(List.of("tools/cli.py"), paths(s.search(new float[] {1, 0, 0, 0}, 5, SearchFilter.NONE)));
            assertEquals(true, s.holdsVectors());
            s.deleteByPath("tools/cli.py");
            assertEquals(List.of("tools/cli.py"), paths(s.searchSymbol("parse_args", 5, SearchFilter.NONE)),
                    "a delete shows with its commit");
            s.commit();
            assertEquals(List.of(), s.searchSymbol("parse_args", 5, SearchFilter.NONE));
        }
    }

    @Test
    void a_point_without_a_vector_is_found_by_keyword_and_symbol_then_by_meaning_once_its_vector_is_upserted() {
        try (LuceneStore s = new LuceneStore(dir.resolve("lucene"))) {
            assertTrue(s.acceptsPointsWithoutVectors());
            StoredChunk embedded = chunk("a", "tools/main.py", "main", "def main(): run()");
            StoredChunk keywordOnly = new StoredChunk("b", "tools/cli.py", 1, 9, "parse_args", "function", "python",
                    "def parse_args(argv): return argv", "hb", null);
            s.upsert(List.of(embedded, keywordOnly));
            s.commit();
            float[] query = {0, 1, 0, 0};
            assertEquals(List.of("tools/main.py"), paths(s.search(query, 5, SearchFilter.NONE)), "only points with a vector");
            assertEquals(List.of("tools/cli.py"), paths(s.searchText("parse_args", 5, SearchFilter.NONE)));
            assertEquals(List.of("tools/cli.py"), paths(s.searchSymbol("parse_args", 5, SearchFilter.NONE)));
            assertEquals(null, s.chunksOf("tools/cli.py").get(0).vector());

            s.upsert(List.of(new StoredChunk("b", "tools/cli.py", 1, 9, "parse_args", "function", "python",
                    "def parse_args(argv): return argv", "hb", query)));
            s.commit();
            assertEquals("tools/cli.py", s.search(query, 5, SearchFilter.NONE).get(0).path(), "its vector landed");
            assertEquals(2, s.count(), "the same point, replaced: no duplicate");
            assertEquals(List.of("tools/cli.py"), paths(s.searchText("parse_args", 5, SearchFilter.NONE)));
        }
    }

    @Test
    void keyword_search_ranks_the_definition_of_an_identifier_first() {
        try (VectorStore s = open()) {
            s.upsert(List.of(
                    chunk("a", "tools/main.py", "main", "def main():\n    args = parse_args(sys.argv)\n    run(args)"),
                    chunk("b", "tools/cli.py", "parse_args", "def parse_args(argv):\n    p = ArgumentParser()\n    return p.parse(argv)"),
                    chunk("c", "tools/conf.py", "load", "def load(path):\n    return read(path)")));
            s.commit();
            assertEquals(List.of("tools/cli.py", "tools/main.py"), paths(s.searchText("parse_args", 5, SearchFilter.NONE)));
        }
    }

    @Test
    void keyword_search_matches_the_words_inside_identifiers() {
        try (VectorStore s = open()) {
            s.upsert(List.of(
                    chunk("a", "src/Files.java", "Files.resolveSymlinks", "Path resolveSymlinks(Path p) { return p.toRealPath(); }"),
                    chunk("b", "src/Net.java", "Net.open", "Socket open(String host) { return new Socket(host, 80); }")));
            s.commit();
            assertEquals(List.of("src/Files.java"), paths(s.searchText("resolve the symlinks of a path", 5, SearchFilter.NONE)));
            assertEquals(List.of("src/Net.java"), paths(s.searchText("new_socket", 5, SearchFilter.NONE)));
            assertEquals(List.of(), s.searchText("!? ...", 5, SearchFilter.NONE));
            assertEquals(List.of(), s.searchText("socket", 5, new SearchFilter("java", "lib/")));
        }
    }

    @Test
    void a_qualified_name_finds_the_definition_through_its_path_or_enclosing_class() {
        try (VectorStore s = open()) {
            s.upsert(List.of(
                    chunk("a", "py/email/utils.py", "parseaddr", "def parseaddr(addr): ..."),
                    chunk("b", "py/mail/other.py", "parseaddr", "def parseaddr(s): ..."),
                    new StoredChunk("c", "java/util/HashMap.java", 1, 9, "HashMap.Node.next", "method", "java", "t", "h3",
                            new float[] {1, 0, 0, 0})));
            s.commit();
            assertEquals("py/email/utils.py", s.searchSymbol("email.utils.parseaddr", 5, SearchFilter.NONE).get(0).path());
            assertEquals("py/email/utils.py", s.searchSymbol("utils.parseaddr", 5, SearchFilter.NONE).get(0).path());
            assertEquals(List.of("java/util/HashMap.java"), paths(s.searchSymbol("Node.next", 5, SearchFilter.NONE)));
            assertEquals(List.of("java/util/HashMap.java"), paths(s.searchSymbol("java.util.HashMap.Node.next", 5,
                    SearchFilter.NONE)));
        }
    }

    @Test
    void a_store_written_in_another_format_is_refused_read_only_and_started_afresh_for_writing() throws Exception {
        Path old = dir.resolve("old");
        try (FSDirectory d = FSDirectory.open(old);
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
            Document doc = new Document();
            doc.add(new StringField("id", "x", Field.Store.YES));
            w.addDocument(doc);
            w.commit(); // no format recorded: what codeindex wrote before format 2
        }
        StoreFormatException e = assertThrows(StoreFormatException.class, () -> LuceneStore.openReadOnly(old));
        assertTrue(e.getMessage().contains("format 1") && e.getMessage().contains("reads format " + LuceneStore.FORMAT)
                && e.getMessage().contains("codeindex index"), e.getMessage());
        assertFalse(e.getMessage().contains("without embedding again"), "a newer chunker may cut chunks anew: " + e);
        // what doctor reports: not damage (its checksums are fine), but a format this codeindex does not read
        assertEquals(null, LuceneStore.check(old));
        assertEquals("1", LuceneStore.otherFormat(old));
        try (LuceneStore s = new LuceneStore(old)) {
            assertEquals(0, s.count(), "the old documents are not this format's");
            s.upsert(List.of(chunk("a", "x.py", "f", "def f(): pass")));
            s.commit();
        }
        try (LuceneStore s = LuceneStore.openReadOnly(old)) {
            assertEquals(List.of("x.py"), paths(s.searchText("f", 5, SearchFilter.NONE)));
        }
        assertEquals(null, LuceneStore.otherFormat(old), "rebuilt in this format");
    }

    @Test
    void text_is_indexed_with_term_frequencies_and_without_positions() throws Exception {
        try (VectorStore s = open()) {
            // the longer chunk ranks first only if BM25 sees that it says "retry" three times
            s.upsert(List.of(chunk("a", "once.py", "", "retry the request once then stop"),
                    chunk("b", "many.py", "", "retry retry retry until the server answers or time runs")));
            s.commit();
        }
        try (FSDirectory d = FSDirectory.open(dir.resolve("lucene"));
             org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(d)) {
            org.apache.lucene.index.FieldInfo text = org.apache.lucene.index.FieldInfos.getMergedFieldInfos(r)
                    .fieldInfo(LuceneStore.TEXT);
            assertEquals(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS, text.getIndexOptions());
            assertTrue(text.hasNorms(), "BM25 reads each chunk's length");
        }
        try (LuceneStore s = LuceneStore.openReadOnly(dir.resolve("lucene"))) {
            assertEquals(List.of("many.py", "once.py"), paths(s.searchText("retry", 5, SearchFilter.NONE)));
        }
    }

    @Test
    void a_new_store_records_its_format_and_opens_again() {
        try (VectorStore s = open()) {
            s.upsert(List.of(chunk("a", "x.py", "f", "def f(): pass")));
            s.commit();
        }
        try (LuceneStore s = LuceneStore.openReadOnly(dir.resolve("lucene"))) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void vectors_of_any_length_rank_and_score_as_by_cosine() {
        java.util.Random r = new java.util.Random(7);
        int n = 300;
        float[][] vs = new float[n][];
        List<StoredChunk> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[16];
            float length = 0.1f + 9 * r.nextFloat(); // far from unit length, as a model without normalisation gives
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) r.nextGaussian() * length;
            }
            vs[i] = v;
            chunks.add(new StoredChunk("c" + i, "f" + i + ".py", 1, 2, "f" + i, "function", "python", "def f(): pass",
                    "h" + i, v));
        }
        try (VectorStore s = open()) {
            s.upsert(chunks);
            s.commit();
            for (int q = 0; q < 20; q++) {
                float[] query = new float[16];
                for (int j = 0; j < query.length; j++) {
                    query[j] = (float) r.nextGaussian() * 3;
                }
                int best = 0;
                for (int i = 1; i < n; i++) {
                    if (cosine(query, vs[i]) > cosine(query, vs[best])) {
                        best = i;
                    }
                }
                List<SearchHit> hits = s.search(query, 40, SearchFilter.NONE); // a wide beam: exact on this few
                assertEquals("f" + best + ".py", hits.get(0).path(), "the nearest by cosine comes first");
                for (SearchHit h : hits) {
                    int i = Integer.parseInt(h.path().substring(1, h.path().indexOf('.')));
                    assertEquals((1 + cosine(query, vs[i])) / 2, h.score(), 1e-5, "score is (1 + cosine) / 2");
                }
            }
            float[] back = s.chunksOf("f3.py").get(0).vector();
            assertEquals(1.0, Math.sqrt(dot(back, back)), 1e-5, "stored at unit length");
            assertEquals(1.0, cosine(back, vs[3]), 1e-5, "in the direction it was given");
        }
    }

    @Test
    void a_zero_vector_is_stored_and_searched_without_failing() {
        try (VectorStore s = open()) {
            s.upsert(List.of(new StoredChunk("z", "z.py", 1, 1, "z", "function", "python", "pass", "hz", new float[4]),
                    chunk("a", "a.py", "a", "def a(): pass")));
            s.commit();
            List<SearchHit> hits = s.search(new float[] {1, 0, 0, 0}, 5, SearchFilter.NONE);
            assertEquals("a.py", hits.get(0).path());
            assertTrue(hits.stream().allMatch(h -> Double.isFinite(h.score())), hits.toString());
            assertTrue(s.search(new float[4], 5, SearchFilter.NONE).stream().allMatch(h -> Double.isFinite(h.score())));
        }
    }

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (double) a[i] * b[i];
        }
        return d;
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }
}
