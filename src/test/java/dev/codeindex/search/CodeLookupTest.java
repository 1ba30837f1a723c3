package dev.codeindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.api.ContextAnswer;
import dev.codeindex.chunk.Chunk;
import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.TokenBudget;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.chunk.python.PythonStructureParser;
import dev.codeindex.chunk.treesitter.TreeSitterParsers;
import dev.codeindex.embed.EmbeddingText;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
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
 * {@link CodeLookup} on a real tree: the real chunker (JavaParser, Python), the real walker, and a
 * real embedded store filled with the chunker's chunks as the indexer stores them.
 */
class CodeLookupTest {
    static final String SHOP_JAVA = """
            package shop;

            /** A shopping cart. */
            class Cart {
                private final java.util.List<Integer> prices = new java.util.ArrayList<>();

                /** Adds an item's price. */
                void add(int price) {
                    prices.add(price);
                }

                /** The sum of all prices, with a discount over 100. */
                int total() {
                    int sum = 0;
                    for (int p : prices) {
                        sum += p;
                    }
                    return sum > 100 ? sum - 10 : sum;
                }
            }
            """;

    static final String TOOLS_PY = """
            import os


            def read_lines(path):
                \"\"\"All lines of a text file.\"\"\"
                with open(path) as f:
                    return f.read().splitlines()


            class Inventory:
                def __init__(self):
                    self.items = {}

                def restock(self, name, count):
                    current = self.items.get(name, 0)
                    self.items[name] = current + count
                    return self.items[name]
            """;

    @TempDir
    Path root;
    @TempDir
    Path data;

    final SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, TokenBudget.NONE, Map.of(
            "java", new JavaStructureParser(), "python", new PythonStructureParser(TreeSitterParsers.forLanguage("python"))),
            2 << 20);
    /** Nearness by the words two chunks share: a function and its near-copy get the same vector. */
    final FakeEmbedder embedder = FakeEmbedder.words(List.of("int total()", "> 100", "- 10", "for (int", "return",
            "def ", "self.", "open(", "items", "class "));
    LuceneStore store;
    CodeLookup lookup;

    @BeforeEach
    void tree() throws Exception {
        Files.createDirectories(root.resolve("src/shop"));
        Files.writeString(root.resolve("src/shop/Cart.java"), SHOP_JAVA);
        Files.writeString(root.resolve("tools.py"), TOOLS_PY);
        Files.writeString(root.resolve(".env"), "API_KEY=secret\n");
        store = new LuceneStore(data.resolve("lucene"));
        index("src/shop/Cart.java", "java");
        index("tools.py", "python");
        lookup = new CodeLookup(root, new Walker(root, WalkOptions.defaults()), chunker, store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Stores a file's chunks as the indexer does: one point per chunk, with its hash and vector. */
    void index(String rel, String language) throws Exception {
        index(rel, language, true);
    }

    /** @param regions whether the points record their regions, as stores written by chunker version 7 on do */
    void index(String rel, String language, boolean regions) throws Exception {
        List<StoredChunk> points = new ArrayList<>();
        for (Chunk c : chunker.chunk(new SourceFile(rel, language, Files.readString(root.resolve(rel)))).chunks()) {
            points.add(new StoredChunk(rel + "#" + c.startLine() + "-" + c.endLine(), rel, c.startLine(), c.endLine(),
                    c.symbol(), c.kind(), c.language(), c.text(), c.hash(),
                    embedder.embed(List.of(EmbeddingText.of(c))).get(0), regions ? c.regionStart() : c.startLine(),
                    regions ? c.regionEnd() : c.endLine()));
        }
        store.upsert(points);
        store.commit();
    }

    static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in the text");
    }

    /**
     * An index made with --follow-symlinks, read by a process without it (an MCP session): the context of a file
     * under a linked directory was refused though the index holds it (a trial). It is shown; a link the index
     * does not hold, and an excluded file the index still holds, are not.
     */
    @Test
    void a_file_through_a_link_the_index_holds_is_shown_and_one_it_does_not_is_refused() throws Exception {
        Files.createSymbolicLink(root.resolve("linked"), root.resolve("src/shop"));
        IllegalArgumentException before = assertThrows(IllegalArgumentException.class,
                () -> lookup.context("linked/Cart.java", 9));
        assertTrue(before.getMessage().contains("not a regular file the index reads"), before.getMessage());
        index("linked/Cart.java", "java"); // as a run that followed the link indexed it
        assertEquals("Cart.add", lookup.context("linked/Cart.java", 9).symbol());
        Files.writeString(root.resolve(".env"), "API_KEY=secret\n");
        index(".env", "text"); // held from before an exclude: still refused
        assertThrows(IllegalArgumentException.class, () -> lookup.context(".env", 1));
    }

    /**
     * find_similar from a function answered two files' {@code 'use strict'; import …} heads first (a trial):
     * compared from a definition, bare import heads come after code, in their order.
     */
    @Test
    void import_heads_come_after_code_when_a_definition_is_compared() {
        SearchHit head = new SearchHit("lib/a.js", 1, 5, "", "javascript", 0.88,
                "'use strict';\n\nimport utils from './utils.js';\nimport {x,\n  y} from '../y.js';");
        SearchHit pyHead = new SearchHit("b.py", 1, 2, "", "python", 0.87, "from os import path\nimport sys");
        SearchHit code = new SearchHit("lib/b.js", 10, 20, "combine", "javascript", 0.80, "function combine(a, b) {");
        SearchHit noSymbol = new SearchHit("lib/c.js", 1, 3, "", "javascript", 0.79, "const x = compute(1);");
        assertEquals(List.of(code, noSymbol, head, pyHead),
                CodeLookup.lastIfPreamble(List.of(head, pyHead, code, noSymbol), true));
        assertEquals(List.of(head, pyHead, code), CodeLookup.lastIfPreamble(List.of(head, pyHead, code), false),
                "a snippet or a head compared: as found");
    }

    @Test
    void a_line_inside_a_java_method_answers_the_whole_method_from_the_index() {
        int line = lineOf(SHOP_JAVA, "sum += p;");
        ContextAnswer a = lookup.context("src/shop/Cart.java", line);
        assertEquals("Cart.total", a.symbol(), a.toString());
        assertEquals("method", a.kind());
        assertEquals("java", a.language());
        assertEquals(lineOf(SHOP_JAVA, "The sum of all prices"), a.startLine(), "the Javadoc belongs to the method");
        assertEquals(lineOf(SHOP_JAVA, "return sum > 100") + 1, a.endLine(), a.code());
        assertTrue(a.code().contains("int total() {") && a.code().contains("return sum > 100 ? sum - 10 : sum;"), a.code());
        assertFalse(a.code().contains("void add"), a.code());
        assertTrue(a.indexed(), "unchanged since indexed: the stored chunks answer");
        assertEquals(null, a.note());
        assertEquals(line, a.line());
        assertEquals(root.toString(), a.root());
    }

    /**
     * Two overloads that touch are two definitions; the windows of one long method are one, from a store
     * that records regions and from one written before it did (whose windows overlap).
     */
    @Test
    void touching_overloads_stay_apart_and_the_windows_of_a_long_method_are_joined() throws Exception {
        StringBuilder sb = new StringBuilder("package shop;\n\nclass Price {\n    int round(int cents) {\n"
                + "        return cents / 100;\n    }\n    long round(long cents) {\n        return cents / 100;\n    }\n\n"
                + "    int spread(int[] p) {\n        int s = 0;\n");
        for (int i = 0; i < 150; i++) {
            sb.append("        s = s * 31 + p[").append(i).append("];\n");
        }
        String text = sb.append("        return s;\n    }\n}\n").toString();
        Files.writeString(root.resolve("src/shop/Price.java"), text);
        int inLong = lineOf(text, "p[75]");
        for (boolean regions : new boolean[] {true, false}) {
            index("src/shop/Price.java", "java", regions);
            ContextAnswer second = lookup.context("src/shop/Price.java", lineOf(text, "long round"));
            assertEquals("7-9", second.startLine() + "-" + second.endLine(), "regions " + regions + ": " + second.code());
            ContextAnswer first = lookup.context("src/shop/Price.java", lineOf(text, "int round"));
            assertEquals("4-6", first.startLine() + "-" + first.endLine(), "regions " + regions);
            ContextAnswer body = lookup.context("src/shop/Price.java", inLong);
            assertTrue(body.indexed(), body.toString());
            assertEquals(lineOf(text, "int spread") + "-" + (lineOf(text, "return s;") + 1),
                    body.startLine() + "-" + body.endLine(), "regions " + regions + ": the whole method");
        }
    }

    @Test
    void a_python_method_inside_a_class_is_the_innermost_definition() {
        int line = lineOf(TOOLS_PY, "current = self.items.get");
        ContextAnswer a = lookup.context("tools.py", line);
        assertEquals("Inventory.restock", a.symbol(), a.toString());
        assertEquals(lineOf(TOOLS_PY, "def restock"), a.startLine());
        assertEquals(lineOf(TOOLS_PY, "return self.items[name]"), a.endLine());
        assertEquals("python", a.language());

        ContextAnswer fn = lookup.context("tools.py", lineOf(TOOLS_PY, "return f.read()"));
        assertEquals("read_lines", fn.symbol(), fn.toString());
        assertEquals(lineOf(TOOLS_PY, "def read_lines"), fn.startLine());
        assertTrue(fn.code().startsWith("def read_lines(path):"), fn.code());
    }

    @Test
    void an_absolute_path_inside_the_root_is_taken_as_relative() {
        ContextAnswer a = lookup.context(root.resolve("src/shop/Cart.java").toString(), lineOf(SHOP_JAVA, "prices.add(price)"));
        assertEquals("src/shop/Cart.java", a.path());
        assertEquals("Cart.add", a.symbol());
    }

    @Test
    void an_edited_file_is_chunked_now_and_says_so() throws Exception {
        String edited = "// a new first line\n// and a second\n" + SHOP_JAVA;
        Files.writeString(root.resolve("src/shop/Cart.java"), edited);
        ContextAnswer a = lookup.context("src/shop/Cart.java", lineOf(edited, "sum += p;"));
        assertEquals("Cart.total", a.symbol());
        assertEquals(lineOf(edited, "The sum of all prices"), a.startLine(), "the ranges of the file as it is now");
        assertFalse(a.indexed());
        assertTrue(a.note().contains("changed since it was indexed"), a.note());
    }

    @Test
    void a_file_the_index_does_not_hold_yet_is_chunked_now() throws Exception {
        Files.writeString(root.resolve("fresh.py"), "def fresh():\n    return 1\n");
        ContextAnswer a = lookup.context("fresh.py", 2);
        assertEquals("fresh", a.symbol());
        assertFalse(a.indexed());
        assertNotNull(a.note());
    }

    @Test
    void paths_outside_the_root_excluded_files_and_lines_past_the_end_are_refused_with_what_to_do() throws Exception {
        Path outside = Files.writeString(data.resolve("other.py"), "x = 1\n");
        IllegalArgumentException abs = assertThrows(IllegalArgumentException.class,
                () -> lookup.context(outside.toString(), 1));
        assertTrue(abs.getMessage().contains("outside the root"), abs.getMessage());
        IllegalArgumentException up = assertThrows(IllegalArgumentException.class,
                () -> lookup.context("src/../../" + data.getFileName() + "/other.py", 1));
        assertTrue(up.getMessage().contains("outside the root"), up.getMessage());

        IllegalArgumentException secret = assertThrows(IllegalArgumentException.class, () -> lookup.context(".env", 1));
        assertTrue(secret.getMessage().contains("excluded"), secret.getMessage());

        int lines = (int) SHOP_JAVA.lines().count();
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                () -> lookup.context("src/shop/Cart.java", lines + 1));
        assertTrue(past.getMessage().contains("past the end") && past.getMessage().contains(lines + " lines"),
                past.getMessage());
        ContextAnswer last = lookup.context("src/shop/Cart.java", lines);
        assertEquals("lines", last.kind(), "a closing brace is in no definition: the lines around it");
        assertEquals(lines, last.endLine(), last.toString());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> lookup.context("nope.py", 1));
        assertTrue(missing.getMessage().contains("no file nope.py"), missing.getMessage());
        IllegalArgumentException dir = assertThrows(IllegalArgumentException.class, () -> lookup.context("src", 1));
        assertTrue(dir.getMessage().contains("directory"), dir.getMessage());
    }

    static final String BASKET_JAVA = """
            package shop;

            class Basket {
                private final java.util.List<Integer> costs = new java.util.ArrayList<>();

                /** The sum of all costs, with a discount over 100. */
                int total() {
                    int acc = 0;
                    for (int c : costs) {
                        acc += c;
                    }
                    return acc > 100 ? acc - 10 : acc;
                }
            }
            """;

    CodeLookup semantic() {
        return new CodeLookup(root, new Walker(root, WalkOptions.defaults()), chunker, store, embedder);
    }

    @Test
    void similar_ranks_a_near_duplicate_in_another_file_first_and_leaves_the_source_out() throws Exception {
        Files.writeString(root.resolve("src/shop/Basket.java"), BASKET_JAVA);
        index("src/shop/Basket.java", "java");
        int line = lineOf(SHOP_JAVA, "sum += p;");
        CodeLookup.Similar s = semantic().similar("src/shop/Cart.java", line, null, 5);
        assertEquals("Cart.total", s.source().symbol());
        assertEquals("src/shop/Basket.java", s.hits().get(0).path(), s.hits().toString());
        assertEquals("Basket.total", s.hits().get(0).symbol(), s.hits().toString());
        for (var h : s.hits()) {
            assertFalse(h.path().equals("src/shop/Cart.java") && h.startLine() <= s.source().endLine()
                    && h.endLine() >= s.source().startLine(), "the source and what overlaps it are left out: " + h);
        }
        assertEquals(5, s.hits().size(), "the rest of the index fills k");

        CodeLookup.Similar bySnippet = semantic().similar(null, 0, """
                int total() {
                    int acc = 0;
                    for (int c : costs) {
                        acc += c;
                    }
                    return acc > 100 ? acc - 10 : acc;
                }""", 3);
        assertEquals(null, bySnippet.source());
        assertTrue(bySnippet.hits().get(0).symbol().endsWith(".total"), bySnippet.hits().toString());
    }

    @Test
    void similar_refuses_both_or_neither_source_and_an_offline_index() {
        assertThrows(IllegalArgumentException.class, () -> semantic().similar("tools.py", 1, "x = 1", 3));
        assertThrows(IllegalArgumentException.class, () -> semantic().similar(null, 0, " ", 3));
        assertThrows(IllegalArgumentException.class, () -> semantic().similar("tools.py", 1, null, 0));
        IllegalStateException offline = assertThrows(IllegalStateException.class,
                () -> lookup.similar("tools.py", 1, null, 3));
        assertTrue(offline.getMessage().contains("offline") && offline.getMessage().contains("codeindex index"),
                offline.getMessage());
    }

    @Test
    void without_a_store_every_file_is_chunked_now() {
        CodeLookup offline = new CodeLookup(root, new Walker(root, WalkOptions.defaults()), chunker, null);
        ContextAnswer a = offline.context("src/shop/Cart.java", lineOf(SHOP_JAVA, "sum += p;"));
        assertEquals("Cart.total", a.symbol());
        assertFalse(a.indexed());
    }
}
