package dev.codeindex.chunk.treesitter;

import static dev.codeindex.chunk.treesitter.TreeSitterTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.ParseFailure;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.Structure;
import dev.codeindex.chunk.StructureParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TreeSitterParsersTest {
    private static final Map<String, String> FIXTURES = Map.of(
            "python", "sample.py", "javascript", "sample.js", "typescript", "sample.ts", "tsx", "sample.tsx",
            "go", "sample.go", "rust", "sample.rs", "c", "sample.c", "cpp", "sample.cpp");

    @Test
    void serves_exactly_the_tree_sitter_languages() {
        for (String id : TreeSitterParsers.LANGUAGES) {
            assertNotNull(TreeSitterParsers.forLanguage(id), id);
            assertSame(TreeSitterParsers.forLanguage(id), TreeSitterParsers.forLanguage(id), "one shared parser per language");
        }
        assertNull(TreeSitterParsers.forLanguage("java"));
        assertNull(TreeSitterParsers.forLanguage("text"));
        assertNull(TreeSitterParsers.forLanguage(null));
    }

    @Test
    void empty_and_comment_only_files_have_no_structure() throws Exception {
        for (String id : TreeSitterParsers.LANGUAGES) {
            Structure empty = TreeSitterParsers.forLanguage(id).parse(new SourceFile("e", id, ""));
            assertTrue(empty.regions().isEmpty(), id);
            assertEquals(0, empty.symbols().functions() + empty.symbols().classes() + empty.symbols().imports(), id);
        }
    }

    @Test
    void non_ascii_text_keeps_names_and_lines_right() throws Exception {
        String src = "# héllo wörld ✓\ndef grüße():\n    return '𝄞'\n\nclass Ünïcode:\n    pass\n";
        assertEquals("2-3 function grüße\n5-6 class Ünïcode",
                TreeSitterTesting.describe(TreeSitterTesting.parse("python", src)));
    }

    @Test
    void syntax_errors_outside_python_do_not_fail_the_file() throws Exception {
        assertEquals("1-1 function a\n3-3 function c",
                TreeSitterTesting.describe(TreeSitterTesting.parse("javascript", "function a() {}\nconst = ;\nfunction c() {}\n")));
        assertEquals(3, TreeSitterTesting.parse("c", "int a(void) { return 0; }\nint b(void) { return (; }\n"
                + "static int c(void)\n{\n\treturn 1;\n}\n").symbols().functions());
    }

    @Test
    void a_lone_surrogate_is_a_parse_failure_and_the_parser_stays_usable() throws Exception {
        StructureParser c = TreeSitterParsers.forLanguage("c");
        assertThrows(ParseFailure.class, () -> c.parse(new SourceFile("s.c", "c", "int f(void) {}\n// \uD800\n")));
        assertEquals(1, c.parse(new SourceFile("ok.c", "c", "int f(void) { return 0; }\n")).symbols().functions());
    }

    @Test
    void parsing_from_two_threads_at_once_gives_the_same_results() throws Exception {
        Map<String, Structure> expected = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : FIXTURES.entrySet()) {
            expected.put(e.getKey(), parse(e.getKey(), fixture(e.getValue())));
        }
        int threads = 2;
        int rounds = 50;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int r = 0; r < rounds; r++) {
                        for (Map.Entry<String, String> e : FIXTURES.entrySet()) {
                            assertEquals(expected.get(e.getKey()), parse(e.getKey(), fixture(e.getValue())), e.getKey());
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(rounds * FIXTURES.size(), f.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Structure parse(String language, String text) throws Exception {
        StructureParser p = TreeSitterParsers.forLanguage(language);
        return p.parse(new SourceFile("f", language, text));
    }
}
