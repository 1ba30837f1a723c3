package dev.codeindex.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Markdown and reStructuredText are chunked by section and paragraph, never in sliding windows. */
class ProseChunkingTest {
    @TempDir
    Path dir;
    private final SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, Map.of(), 2_000_000);

    private List<Chunk> chunks(String name, String language, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return chunker.chunk(new SourceFile(name, language, Files.readString(f))).chunks();
    }

    private static String paragraph(int n) {
        return ("Sentence " + n + " explains how the cookie parser reads a header value and decodes it. ").repeat(3).strip();
    }

    private static String markdown() {
        StringBuilder sb = new StringBuilder("# cookie\n\nBasic HTTP cookie parser.\n\n## Installation\n\n```sh\nnpm install cookie\n\n# done\n```\n\n## API\n\n### cookie.parse(str)\n\n");
        for (int i = 0; i < 40; i++) {
            sb.append(paragraph(i)).append('\n').append(paragraph(i + 100)).append("\n\n");
        }
        return sb.append("Options\n-------\n\nThe last section.\n").toString();
    }

    @Test
    void markdown_sections_become_chunks_and_a_long_section_is_cut_between_paragraphs_without_overlap() throws IOException {
        String md = markdown();
        List<String> lines = md.lines().toList();
        List<Chunk> chunks = chunks("README.md", "markdown", md);
        for (int i = 1; i < chunks.size(); i++) {
            assertTrue(chunks.get(i).startLine() > chunks.get(i - 1).endLine(),
                    "chunks overlap: " + chunks.get(i - 1).startLine() + "-" + chunks.get(i - 1).endLine() + " and "
                            + chunks.get(i).startLine() + "-" + chunks.get(i).endLine());
        }
        for (Chunk c : chunks) {
            assertEquals("section", c.kind());
            assertTrue(c.text().length() <= ChunkLimits.DEFAULT.maxChars());
            int before = c.startLine() - 2; // index of the line above, 0-based
            assertTrue(before < 0 || lines.get(before).isBlank(), "a chunk starts a paragraph: line " + c.startLine());
        }
        for (String heading : List.of("# cookie", "## Installation", "Options")) {
            int line = lines.indexOf(heading) + 1;
            assertTrue(chunks.stream().anyMatch(c -> c.startLine() == line), heading + " starts a chunk");
        }
        Chunk install = chunks.stream().filter(c -> c.text().startsWith("## Installation")).findFirst().orElseThrow();
        assertTrue(install.text().contains("npm install cookie") && install.text().contains("# done"),
                "a fenced block is kept whole and its # line is not a heading");
        Chunk api = chunks.stream().filter(c -> c.text().startsWith("## API")).findFirst().orElseThrow();
        assertTrue(api.text().contains("### cookie.parse(str)") && api.text().contains("Sentence 0 "),
                "a heading with nothing under it joins the section that follows");
        assertTrue(chunks.stream().filter(c -> c.text().contains("Sentence")).count() >= 3, "the long section is cut");
    }

    @Test
    void restructured_text_titles_start_sections() throws IOException {
        String rst = "=====\nTitle\n=====\n\nIntro text.\n\nUsage\n-----\n\nCall it.\n\nLimits\n~~~~~~\n\nNone known.\n";
        List<Chunk> chunks = chunks("index.rst", "rst", rst);
        assertEquals(List.of(1, 7, 12), chunks.stream().map(Chunk::startLine).toList());
        assertFalse(chunks.get(0).text().contains("Usage"));
    }
}
