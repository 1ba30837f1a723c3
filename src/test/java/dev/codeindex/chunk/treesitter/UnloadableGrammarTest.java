package dev.codeindex.chunk.treesitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.ChunkResult;
import dev.codeindex.chunk.ParseFailure;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.SourceFile;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A grammar whose native library cannot be loaded on this platform: its files are parse failures
 * (line windows, counted), the load is tried once, and nothing escapes to fail a batch.
 */
class UnloadableGrammarTest {
    @Test
    void files_of_a_grammar_that_cannot_load_are_line_chunked_and_the_load_is_not_retried() {
        AtomicInteger loads = new AtomicInteger();
        TreeSitterParsers.Parser go = new TreeSitterParsers.Parser("go", () -> {
            loads.incrementAndGet();
            throw new UnsatisfiedLinkError("no tree-sitter-go library for this platform");
        });
        SourceFile file = new SourceFile("main.go", "go", "package main\n\nfunc main() {\n\tprintln(1)\n}\n");
        ParseFailure first = assertThrows(ParseFailure.class, () -> go.parse(file));
        assertTrue(first.getMessage().contains("no tree-sitter-go library"), first.getMessage());
        assertThrows(ParseFailure.class, () -> go.parse(file));
        assertEquals(1, loads.get(), "a grammar that failed to load is not loaded again for every file");

        SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, Map.of("go", go), 1 << 20);
        ChunkResult r = chunker.chunk(file);
        assertTrue(r.parseFallback());
        assertFalse(r.chunks().isEmpty());
        assertEquals("package main", r.chunks().get(0).text().lines().findFirst().orElseThrow());
    }
}
