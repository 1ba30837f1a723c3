package dev.codeindex.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkAssemblerTest {
    private static final ChunkLimits LIMITS = new ChunkLimits(10, 400, 2);
    private final ChunkAssembler assembler = new ChunkAssembler(LIMITS);

    private static String lines(int n, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(prefix).append(" statement number ").append(i).append(";\n");
        }
        return sb.toString();
    }

    @Test
    void a_file_without_structure_becomes_overlapping_windows_within_the_limits() {
        SourceFile f = new SourceFile("a.txt", "text", lines(35, "x"));
        List<Chunk> chunks = assembler.assemble(f, List.of());
        assertTrue(chunks.size() >= 4);
        for (Chunk c : chunks) {
            assertTrue(c.endLine() - c.startLine() + 1 <= LIMITS.maxLines());
            assertTrue(c.text().length() <= LIMITS.maxChars());
            assertEquals("lines", c.kind());
        }
        assertEquals(1, chunks.get(0).startLine());
        assertEquals(35, chunks.get(chunks.size() - 1).endLine());
        for (int i = 1; i < chunks.size(); i++) {
            assertEquals(chunks.get(i - 1).endLine() - LIMITS.overlapLines() + 1, chunks.get(i).startLine(),
                    "consecutive windows overlap by the configured lines");
        }
    }

    @Test
    void windows_of_long_lines_overlap_a_little_never_sliding_by_one_line() {
        // 100-character lines: a window holds 3 of them; an overlap of 2 would move each window by one line
        String text = lines(30, "x".repeat(76));
        List<Chunk> chunks = assembler.assemble(new SourceFile("notes.txt", "text", text), List.of());
        for (int i = 1; i < chunks.size(); i++) {
            Chunk a = chunks.get(i - 1);
            Chunk b = chunks.get(i);
            int shared = Math.max(0, a.endLine() - b.startLine() + 1);
            assertTrue(shared * 4 <= a.endLine() - a.startLine() + 1,
                    "windows " + a.startLine() + "-" + a.endLine() + " and " + b.startLine() + "-" + b.endLine()
                            + " share " + shared + " lines");
        }
        assertEquals(30, chunks.get(chunks.size() - 1).endLine());
    }

    @Test
    void every_non_blank_line_is_in_some_chunk() {
        String text = "int a = 1;\n\nvoid f() {\n" + lines(25, "  body") + "}\nint b = 2; // trailing state\n";
        SourceFile f = new SourceFile("a.c", "c", text);
        List<Chunk> chunks = assembler.assemble(f, List.of(new Region(3, 28, "f", "function")));
        String[] ls = text.split("\n");
        for (int i = 0; i < ls.length; i++) {
            if (ls[i].strip().length() > 1) {
                int line = i + 1;
                assertTrue(chunks.stream().anyMatch(c -> c.startLine() <= line && line <= c.endLine()),
                        "line " + line + " not covered");
            }
        }
        assertTrue(chunks.stream().filter(c -> c.symbol().equals("f")).count() >= 3, "long function is split");
    }

    @Test
    void each_window_of_a_long_definition_records_the_definition_and_a_whole_chunk_is_its_own_region() {
        String text = "int a = 1;\n\nvoid f() {\n" + lines(25, "  body") + "}\nvoid g() {\n  go();\n}\n";
        List<Chunk> chunks = assembler.assemble(new SourceFile("a.c", "c", text),
                List.of(new Region(3, 28, "f", "function"), new Region(29, 31, "g", "function")));
        List<Chunk> f = chunks.stream().filter(c -> c.symbol().equals("f")).toList();
        assertTrue(f.size() >= 3, "long function is split: " + f);
        for (Chunk w : f) {
            assertEquals(List.of(3, 28), List.of(w.regionStart(), w.regionEnd()), w.toString());
        }
        Chunk g = chunks.stream().filter(c -> c.symbol().equals("g")).findFirst().orElseThrow();
        assertEquals(List.of(29, 31, 29, 31), List.of(g.startLine(), g.endLine(), g.regionStart(), g.regionEnd()));
        Chunk a = chunks.get(0);
        assertEquals(List.of(1, 2, 1, 2), List.of(a.startLine(), a.endLine(), a.regionStart(), a.regionEnd()));
    }

    @Test
    void a_leading_comment_joins_the_region_below_it() {
        String text = "#include <x.h>\n\n// Adds two numbers\n// carefully.\nint add(int a, int b) {\n  return a + b;\n}\n";
        List<Chunk> chunks = assembler.assemble(new SourceFile("a.c", "c", text),
                List.of(new Region(5, 7, "add", "function")));
        Chunk add = chunks.stream().filter(c -> c.symbol().equals("add")).findFirst().orElseThrow();
        assertEquals(3, add.startLine());
        assertTrue(add.text().startsWith("// Adds two numbers"));
    }

    @Test
    void trivial_gaps_make_no_chunks_but_meaningful_ones_do() {
        String text = "void a() {\n  work();\n}\n}\n\nvoid b() {\n  more();\n}\n";
        List<Chunk> chunks = assembler.assemble(new SourceFile("a.c", "c", text),
                List.of(new Region(1, 3, "a", "function"), new Region(6, 8, "b", "function")));
        assertEquals(List.of("a", "b"), chunks.stream().map(Chunk::symbol).toList());
    }

    @Test
    void a_single_huge_line_is_cut_into_pieces_that_fit() {
        String text = "x".repeat(1000) + "\n";
        List<Chunk> chunks = assembler.assemble(new SourceFile("min.js", "javascript", text), List.of());
        assertEquals(3, chunks.size());
        chunks.forEach(c -> assertTrue(c.text().length() <= LIMITS.maxChars()));
    }

    @Test
    void chunk_hashes_follow_the_text_only() {
        SourceFile f1 = new SourceFile("a.txt", "text", "alpha beta gamma delta epsilon\n");
        SourceFile f2 = new SourceFile("b/c.txt", "text", "alpha beta gamma delta epsilon\n");
        SourceFile f3 = new SourceFile("a.txt", "text", "alpha beta gamma delta epsilon!\n");
        String h1 = assembler.assemble(f1, List.of()).get(0).hash();
        assertEquals(h1, assembler.assemble(f2, List.of()).get(0).hash());
        assertNotEquals(h1, assembler.assemble(f3, List.of()).get(0).hash());
    }

    @Test
    void overlapping_regions_from_a_broken_parser_are_dropped_not_duplicated() {
        String text = lines(8, "y");
        List<Region> regions = new ArrayList<>(List.of(new Region(1, 5, "a", "function"), new Region(3, 8, "b", "function")));
        List<Chunk> chunks = assembler.assemble(new SourceFile("a.c", "c", text), regions);
        assertEquals("a", chunks.get(0).symbol());
        assertTrue(chunks.stream().noneMatch(c -> c.symbol().equals("b")));
        assertEquals(8, chunks.get(chunks.size() - 1).endLine());
    }

    @Test
    void a_token_budget_shrinks_windows_and_cuts_long_lines_until_they_fit() {
        TokenBudget tiny = new TokenBudget() {
            @Override
            public boolean fits(Header header, String text) {
                return text.length() <= 100;
            }

            @Override
            public String fingerprint() {
                return "test/100";
            }
        };
        ChunkAssembler fitted = new ChunkAssembler(LIMITS, tiny);
        String text = lines(12, "x") + "y".repeat(250) + "\n" + lines(3, "z");
        List<Chunk> chunks = fitted.assemble(new SourceFile("a.txt", "text", text), List.of());
        for (Chunk c : chunks) {
            assertTrue(c.text().length() <= 100, c.text());
        }
        assertTrue(chunks.stream().anyMatch(c -> c.text().startsWith("yyy")), "the long line is kept, in pieces");
        assertEquals(16, chunks.get(chunks.size() - 1).endLine(), "the file is covered to its end");
    }
}
