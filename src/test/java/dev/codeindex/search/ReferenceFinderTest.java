package dev.codeindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.api.Reference;
import dev.codeindex.chunk.Chunk;
import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.chunk.python.PythonStructureParser;
import dev.codeindex.chunk.treesitter.TreeSitterParsers;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CodeLookup#references} on a real tree: the real walker and chunker (Python through tree-sitter),
 * and a real embedded store holding the chunks as the indexer stores them (its keyword index gives the
 * candidate files), or no store (an offline root: every file is read).
 */
class ReferenceFinderTest {
    static final String TOOLS_PY = """
            class Inventory:
                def __init__(self):
                    self.items = {}

                def restock(self, name, count):
                    if count > 100:
                        return self.restock(name, 100)
                    self.items[name] = self.items.get(name, 0) + count
                    return self.items[name]
            """;
    static final String APP_PY = """
            from tools import Inventory


            def main():
                inv = Inventory()
                inv.restock("apples", 3)
                inv.restocked = True  # a longer name: not a use
                inv.Restock = None  # another case: not a use
                return inv.restock("pears", 1)
            """;
    static final String TEST_PY = """
            from tools import Inventory


            def test_restock_adds():
                assert Inventory().restock("a", 2) == 2
            """;
    static final String README = """
            # Shop

            Call `restock` to add items.
            """;

    @TempDir
    Path root;
    @TempDir
    Path data;

    final SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, TokenBudget.NONE,
            Map.of("python", new PythonStructureParser(TreeSitterParsers.forLanguage("python"))), 2 << 20);
    LuceneStore store;

    @BeforeEach
    void tree() throws Exception {
        write("tools.py", TOOLS_PY);
        write("app.py", APP_PY);
        write("tests/test_tools.py", TEST_PY);
        write("README.md", README);
        write(".env", "RESTOCK=1\nrestock = 'never shown: an excluded file'\n");
        store = new LuceneStore(data.resolve("lucene"));
        for (String rel : List.of("tools.py", "app.py", "tests/test_tools.py", "README.md")) {
            index(rel);
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    void write(String rel, String text) throws Exception {
        Files.createDirectories(root.resolve(rel).getParent());
        Files.writeString(root.resolve(rel), text);
    }

    /** Stores a file's chunks as the indexer does (keyword side only: no vectors needed to find names). */
    void index(String rel) throws Exception {
        String language = rel.endsWith(".py") ? "python" : "markdown";
        List<StoredChunk> points = new ArrayList<>();
        for (Chunk c : chunker.chunk(new SourceFile(rel, language, Files.readString(root.resolve(rel)))).chunks()) {
            points.add(new StoredChunk(rel + "#" + c.startLine() + "-" + c.endLine(), rel, c.startLine(), c.endLine(),
                    c.symbol(), c.kind(), c.language(), c.text(), c.hash(), null, c.regionStart(), c.regionEnd()));
        }
        store.upsert(points);
        store.commit();
    }

    CodeLookup lookup(VectorStore s) {
        return new CodeLookup(root, new Walker(root, WalkOptions.defaults()), chunker, s);
    }

    static List<String> where(CodeLookup.References r) {
        return r.references().stream().map(x -> x.path() + ":" + x.line()).toList();
    }

    @Test
    void every_use_as_a_whole_identifier_with_the_definition_it_sits_in_source_before_docs_and_tests() {
        CodeLookup.References r = lookup(store).references("restock", 50, null, null);

        assertEquals("restock", r.name());
        // source files in path order, then the README (docs), then tests; "restocked", "Restock" and the
        // excluded .env are not uses
        assertEquals(List.of("app.py:6", "app.py:9", "tools.py:5", "tools.py:7", "README.md:3", "tests/test_tools.py:5"),
                where(r));
        assertEquals(4, r.files());
        assertTrue(r.complete());
        assertNull(r.note());

        Reference call = r.references().get(0);
        assertEquals("inv.restock(\"apples\", 3)", call.text());
        assertEquals("main", call.symbol());
        assertEquals("function", call.kind());
        assertEquals(4, call.startLine());
        assertEquals(9, call.endLine());
        assertFalse(call.definition());

        Reference def = r.references().get(2);
        assertEquals("Inventory.restock", def.symbol());
        assertTrue(def.definition(), "the def line defines it");
        assertEquals(5, def.startLine());
        assertEquals(9, def.endLine());
        Reference recursion = r.references().get(3);
        assertEquals("Inventory.restock", recursion.symbol());
        assertFalse(recursion.definition(), "a call inside its own definition is a use");

        Reference prose = r.references().get(4);
        assertEquals("Call `restock` to add items.", prose.text());
    }

    @Test
    void a_qualified_name_is_matched_by_its_last_part_in_any_spelling() {
        List<String> plain = where(lookup(store).references("restock", 50, null, null));
        for (String name : List.of("Inventory.restock", "Inventory::restock", "Inventory#restock", "restock()")) {
            CodeLookup.References r = lookup(store).references(name, 50, null, null);
            assertEquals("restock", r.name(), name);
            assertEquals(plain, where(r), name);
        }
        IllegalArgumentException words = assertThrows(IllegalArgumentException.class,
                () -> lookup(store).references("add items", 10, null, null));
        assertTrue(words.getMessage().contains("not a symbol name"), words.getMessage());
    }

    @Test
    void k_language_and_path_narrow_the_list_and_say_when_it_is_not_all() {
        CodeLookup.References two = lookup(store).references("restock", 2, null, null);
        assertEquals(List.of("app.py:6", "app.py:9"), where(two));
        assertFalse(two.complete(), "two of six");
        assertEquals(4, two.files());

        assertEquals(List.of("app.py:6", "app.py:9", "tools.py:5", "tools.py:7", "tests/test_tools.py:5"),
                where(lookup(store).references("restock", 50, "py", null)));
        assertEquals(List.of("tests/test_tools.py:5"), where(lookup(store).references("restock", 50, null, "tests/")));
        assertEquals(List.of("tools.py:5", "tools.py:7"), where(lookup(store).references("restock", 50, null, "tools.py")));
        assertThrows(IllegalArgumentException.class, () -> lookup(store).references("restock", 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> lookup(store).references("restock", 5, "klingon", null));
    }

    @Test
    void a_file_changed_since_it_was_indexed_is_read_as_it_is_now() throws Exception {
        write("app.py", APP_PY.replace("def main():", "def main():\n    Inventory().restock(\"figs\", 9)"));

        CodeLookup.References r = lookup(store).references("restock", 50, null, "app.py");

        assertEquals(List.of("app.py:5", "app.py:7", "app.py:10"), where(r));
        assertEquals("main", r.references().get(0).symbol(), "the enclosing definition from the file chunked now");
        assertEquals(10, r.references().get(0).endLine());
    }

    @Test
    void without_a_keyword_index_every_file_is_read_and_the_answer_says_so() {
        CodeLookup.References indexed = lookup(store).references("restock", 50, null, null);

        CodeLookup.References read = lookup(null).references("restock", 50, null, null);

        assertEquals(where(indexed), where(read));
        assertEquals(indexed.references(), read.references());
        assertNotNull(read.note());
        assertTrue(read.note().contains("every file was read"), read.note());
        // the files holding its letters: "restock" is in all four files the index knows (.env is excluded)
        assertEquals(4, read.files());
        assertEquals(List.of("tests/test_tools.py:5"), where(lookup(null).references("restock", 50, "python", "tests/**")));
    }

    @Test
    void the_store_lists_the_files_of_points_holding_the_identifier_whole_and_says_when_it_stopped() {
        VectorStore.Mentions all = store.pathsMentioning("restock", 100, SearchFilter.NONE);
        assertEquals(List.of("README.md", "app.py", "tests/test_tools.py", "tools.py"), all.paths());
        assertTrue(all.complete());
        // "restocked" holds the word restock, but not as its whole identifier; case is ignored here (lines are
        // matched exactly afterwards)
        assertEquals(List.of("app.py"), store.pathsMentioning("restocked", 100, SearchFilter.NONE).paths());
        assertEquals(all.paths(), store.pathsMentioning("RESTOCK", 100, SearchFilter.NONE).paths());
        assertEquals(List.of("README.md"), store.pathsMentioning("restock", 100, new SearchFilter("markdown", null)).paths());

        VectorStore.Mentions one = store.pathsMentioning("restock", 1, SearchFilter.NONE);
        assertEquals(1, one.paths().size());
        assertFalse(one.complete());
        assertTrue(store.pathsMentioning("nowhere", 10, SearchFilter.NONE).paths().isEmpty());
    }
}
