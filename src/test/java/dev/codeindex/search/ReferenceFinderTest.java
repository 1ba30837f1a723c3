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
        assertEquals(4, r.candidates());
        assertTrue(r.complete());
        assertEquals(List.of(), r.notes());

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
        assertEquals(1, two.files(), "the lines listed are in app.py");
        assertEquals(4, two.candidates());

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
        assertEquals(1, read.notes().size(), read.notes().toString());
        assertTrue(read.notes().get(0).contains("the files were read for the name"), read.notes().toString());
        // the files holding its letters: "restock" is in all four files the index knows (.env is excluded)
        assertEquals(4, read.files());
        assertEquals(4, read.candidates());
        assertEquals(List.of("tests/test_tools.py:5"), where(lookup(null).references("restock", 50, "python", "tests/**")));
    }

    @Test
    void the_store_lists_the_files_of_points_holding_the_identifier_whole_and_says_when_it_stopped() {
        VectorStore.Mentions all = store.pathsMentioning("restock", 100, SearchFilter.NONE);
        assertEquals(List.of("README.md", "app.py", "tests/test_tools.py", "tools.py"), all.paths());
        assertTrue(all.complete());
        // candidates only: case is ignored, and a word of a longer identifier counts (lines are matched exactly
        // afterwards); test_tools.py holds "restock" only inside test_restock_adds... and in a call
        assertEquals(List.of("app.py"), store.pathsMentioning("restocked", 100, SearchFilter.NONE).paths());
        assertEquals(List.of("tests/test_tools.py"), store.pathsMentioning("adds", 100, SearchFilter.NONE).paths());
        assertEquals(all.paths(), store.pathsMentioning("RESTOCK", 100, SearchFilter.NONE).paths());
        assertEquals(List.of("README.md"), store.pathsMentioning("restock", 100, new SearchFilter("markdown", null)).paths());

        VectorStore.Mentions one = store.pathsMentioning("restock", 1, SearchFilter.NONE);
        assertEquals(1, one.paths().size());
        assertFalse(one.complete());
        assertTrue(store.pathsMentioning("nowhere", 10, SearchFilter.NONE).paths().isEmpty());
    }

    /**
     * The line that defines a name was a Javadoc's or comment's that mentions it, and the declaration was marked a
     * use; in a definition long enough for several windows a recursive call was marked too (review).
     */
    @Test
    void the_defining_line_is_the_declaration_not_a_comment_and_a_long_definition_is_defined_once() throws Exception {
        SourceChunker withJava = new SourceChunker(ChunkLimits.DEFAULT, TokenBudget.NONE, Map.of(
                "java", new dev.codeindex.chunk.java.JavaStructureParser(),
                "python", new PythonStructureParser(TreeSitterParsers.forLanguage("python"))), 2 << 20);
        write("Pool.java", """
                /** Pool of things. */
                class Pool {
                    /**
                     * Drains the pool; see {@link #drain(int)}.
                     */
                    void drain() { drain(10); }

                    // drain at most n
                    void drain(int n) {
                    }
                }
                """);
        StringBuilder longDef = new StringBuilder("def restock(n):\n");
        for (int i = 0; i < 150; i++) {
            longDef.append("    x").append(i).append(" = n + ").append(i).append("  # some work\n");
        }
        longDef.append("    return restock(n - 1)\n");
        write("long.py", longDef.toString());
        CodeLookup lookup = new CodeLookup(root, new Walker(root, WalkOptions.defaults()), withJava, null);

        List<Reference> drain = lookup.references("drain", 50, null, "Pool.java").references();
        List<Reference> pool = lookup.references("Pool", 50, null, "Pool.java").references();
        assertEquals(List.of("1 false", "2 true"), pool.stream().map(x -> x.line() + " " + x.definition()).toList());
        // the Javadoc's {@link #drain(int)} and the comment are uses; each overload's declaration defines it
        assertEquals(List.of("4 false", "6 true", "8 false", "9 true"),
                drain.stream().map(x -> x.line() + " " + x.definition()).toList());

        List<Reference> recursive = lookup.references("restock", 50, null, "long.py").references();
        assertEquals(List.of("1 true", "152 false"), recursive.stream().map(x -> x.line() + " " + x.definition()).toList());
        assertEquals("restock", recursive.get(1).symbol());
        assertEquals(1, recursive.get(1).startLine(), "the whole definition, not the window");
    }

    /** In shell, PHP and Perl {@code $} marks a variable: {@code $HOME} uses HOME. In JavaScript {@code $el} is another name. */
    @Test
    void a_sigil_is_no_part_of_the_name_where_it_marks_a_variable() throws Exception {
        write("run.sh", "HOME=/tmp\necho $HOME ${HOME}\n");
        write("count.php", "<?php\n$count = 1;\necho $count + $this->count;\n");
        write("dom.js", "const el = 1;\nconst $el = el + 1;\n");

        assertEquals(List.of("run.sh:1", "run.sh:2"), where(lookup(null).references("HOME", 50, null, "run.sh")));
        assertEquals(List.of("count.php:2", "count.php:3"), where(lookup(null).references("count", 50, null, "count.php")));
        assertEquals(List.of("dom.js:1", "dom.js:2"), where(lookup(null).references("el", 50, null, "dom.js")));
        assertEquals(1, lookup(null).references("el", 50, null, "dom.js").references().stream()
                .filter(x -> x.line() == 2).count(), "one line, though $el is on it: only el counts");
    }

    /** Reading every file: binaries are no candidates, and a name is found in a file that is not UTF-8 (review). */
    @Test
    void reading_the_tree_skips_binaries_and_finds_a_name_in_a_latin_1_file() throws Exception {
        Files.write(root.resolve("blob.bin"), "\0\0restock\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        write("weights.py", "");
        Files.write(root.resolve("weights.py"), "größe = 3\nprint(größe)\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        CodeLookup.References r = lookup(null).references("restock", 50, null, null);
        assertEquals(4, r.candidates(), "blob.bin is not one");
        assertEquals(List.of("weights.py:1", "weights.py:2"), where(lookup(null).references("größe", 50, null, null)));
    }

    /** A name whose exact case no file has: candidates are read, none is shown, and the answer says where it is. */
    @Test
    void candidates_in_another_case_only_are_no_references() {
        CodeLookup.References r = lookup(store).references("reStock", 50, null, null);
        assertEquals(List.of(), r.references());
        assertEquals(0, r.files());
        assertEquals(4, r.candidates());
        assertTrue(r.complete());
    }

    /** A decorator that names the property ({@code @weeks.setter}) is not its definition: the {@code def} is (a trial). */
    @Test
    void a_decorator_naming_the_property_is_not_its_defining_line() throws Exception {
        write("delta.py", """
                class Delta:
                    @property
                    def weeks(self):
                        return self.days // 7

                    @weeks.setter
                    def weeks(self, value):
                        self.days = value * 7
                """);
        List<Reference> weeks = lookup(null).references("weeks", 50, null, "delta.py").references();
        assertEquals(List.of("3 true", "6 false", "7 true"), weeks.stream().map(x -> x.line() + " " + x.definition()).toList());

        // an annotation on the declaration's own line: that line defines it (a review found it skipped)
        write("Tree.java", """
                class Tree {
                    @Deprecated int depth(int n) {
                        return n == 0 ? 0 : depth(n - 1);
                    }
                }
                """);
        SourceChunker withJava = new SourceChunker(ChunkLimits.DEFAULT, TokenBudget.NONE,
                Map.of("java", new dev.codeindex.chunk.java.JavaStructureParser()), 2 << 20);
        List<Reference> depth = new CodeLookup(root, new Walker(root, WalkOptions.defaults()), withJava, null)
                .references("depth", 50, null, "Tree.java").references();
        assertEquals(List.of("2 true", "3 false"), depth.stream().map(x -> x.line() + " " + x.definition()).toList());
    }

    /** Files that wait for a pass may hold a first use of the name the index does not know: not complete, and said. */
    @Test
    void an_answer_while_files_wait_is_not_complete() {
        dev.codeindex.api.ReferencesAnswer done = new dev.codeindex.api.ReferencesAnswer("x", List.of(), 0, 0, true, 0,
                null, List.of());
        assertTrue(dev.codeindex.api.ReferencesAnswer.behind(done).complete());
        dev.codeindex.api.ReferencesAnswer waiting = dev.codeindex.api.ReferencesAnswer.behind(
                new dev.codeindex.api.ReferencesAnswer("x", List.of(), 0, 0, true, 2, null, List.of()));
        assertFalse(waiting.complete());
        assertTrue(waiting.notes().get(0).startsWith("2 files changed and are not indexed yet"), waiting.notes().toString());
    }
}
