package dev.codeindex.chunk.treesitter;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.ParseFailure;
import dev.codeindex.chunk.Region;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.Structure;
import dev.codeindex.chunk.StructureParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers shared by the tree-sitter tests: real parsing, no mocks. */
final class TreeSitterTesting {
    private TreeSitterTesting() {}

    static Structure parse(String language, String text) throws ParseFailure {
        StructureParser parser = TreeSitterParsers.forLanguage(language);
        assertNotNull(parser, language);
        Structure s = parser.parse(new SourceFile("fixture", language, text));
        assertNonOverlapping(s.regions());
        return s;
    }

    static String fixture(String name) {
        try (InputStream in = TreeSitterTesting.class.getResourceAsStream("/fixtures/treesitter/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertNonOverlapping(List<Region> regions) {
        int lastEnd = 0;
        for (Region r : regions) {
            assertTrue(r.startLine() > lastEnd, "regions overlap or are unsorted at " + r + " in " + regions);
            lastEnd = r.endLine();
        }
    }

    /** Regions as "start-end kind symbol" lines: one readable assertion per fixture. */
    static String describe(Structure s) {
        return s.regions().stream()
                .map(r -> r.startLine() + "-" + r.endLine() + " " + r.kind() + " " + r.symbol())
                .collect(Collectors.joining("\n"));
    }

    static String counts(Structure s) {
        return "functions=" + s.symbols().functions() + " classes=" + s.symbols().classes()
                + " imports=" + s.symbols().imports();
    }
}
