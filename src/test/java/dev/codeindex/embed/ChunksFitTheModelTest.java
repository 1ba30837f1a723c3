package dev.codeindex.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.Chunk;
import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.embed.onnx.BundledModel;
import dev.codeindex.embed.onnx.OnnxEmbedder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nothing a chunk holds is invisible to its embedding: chunks are cut in the model's own tokens. */
class ChunksFitTheModelTest {
    private static ExecutorService pool;
    private static OnnxEmbedder minilm;

    @BeforeAll
    static void load() {
        pool = Executors.newFixedThreadPool(2);
        minilm = new OnnxEmbedder(BundledModel.MINILM, pool); // the short 128-token window makes the point
    }

    @AfterAll
    static void close() {
        minilm.close();
        pool.shutdownNow();
    }

    /** A method whose lines are dense in tokens: far past 128 tokens within the default line and char limits. */
    static String source(String lastStatement) {
        StringBuilder sb = new StringBuilder("package p;\n\nclass Config {\n    int load(java.util.Map<String, Integer> m) {\n");
        for (int i = 0; i < 20; i++) {
            sb.append("        m.put(\"k").append(i).append("\", m.getOrDefault(\"k").append(i).append("\", 0) + ").append(i)
                    .append(");\n");
        }
        return sb.append("        ").append(lastStatement).append("\n    }\n}\n").toString();
    }

    private static List<Chunk> chunks(String text) {
        SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, new ModelTokenBudget(minilm),
                Map.of("java", new JavaStructureParser()), 1 << 20);
        return chunker.chunk(new SourceFile("src/p/Config.java", "java", text)).chunks();
    }

    @Test
    void every_chunk_with_its_header_fits_the_model_window() {
        List<Chunk> chunks = chunks(source("return m.size();"));
        assertTrue(chunks.size() > 2, "the long method is split: " + chunks.size());
        for (Chunk c : chunks) {
            int tokens = minilm.countTokens(EmbeddingText.of(c));
            assertTrue(tokens <= minilm.maxTokens(), tokens + " tokens in " + c);
        }
        assertEquals("Config.load", chunks.get(chunks.size() - 1).symbol());
        // the header is counted as it is, not reserved for the worst case: windows use the model's window
        List<Chunk> inMethod = chunks.stream().filter(c -> c.symbol().equals("Config.load")).toList();
        for (Chunk c : inMethod.subList(0, inMethod.size() - 1)) {
            int tokens = minilm.countTokens(EmbeddingText.of(c));
            assertTrue(tokens > minilm.maxTokens() * 3 / 4, "a full window holds only " + tokens + " tokens: " + c);
        }
    }

    @Test
    void two_chunks_that_differ_only_near_their_end_get_different_vectors() {
        List<Chunk> a = chunks(source("return m.size();"));
        List<Chunk> b = chunks(source("return m.hashCode();"));
        Chunk lastA = a.get(a.size() - 1);
        Chunk lastB = b.get(b.size() - 1);
        assertEquals(lastA.startLine(), lastB.startLine());
        List<float[]> v = minilm.embed(List.of(EmbeddingText.of(lastA), EmbeddingText.of(lastB)));
        assertTrue(OnnxEmbedderTest.cosine(v.get(0), v.get(1)) < 0.99999, "the last statement is seen");
        // and without the budget the same method is one chunk whose end the model cannot see
        SourceChunker blind = new SourceChunker(ChunkLimits.DEFAULT, Map.of("java", new JavaStructureParser()), 1 << 20);
        Chunk wholeA = last(blind.chunk(new SourceFile("src/p/Config.java", "java", source("return m.size();"))).chunks());
        Chunk wholeB = last(blind.chunk(new SourceFile("src/p/Config.java", "java", source("return m.hashCode();"))).chunks());
        assertTrue(minilm.countTokens(EmbeddingText.of(wholeA)) > minilm.maxTokens());
        List<float[]> w = minilm.embed(List.of(EmbeddingText.of(wholeA), EmbeddingText.of(wholeB)));
        assertTrue(OnnxEmbedderTest.cosine(w.get(0), w.get(1)) > 0.99999, "past the window the difference is lost");
    }

    private static Chunk last(List<Chunk> chunks) {
        return chunks.stream().filter(c -> c.symbol().equals("Config.load")).reduce((x, y) -> y).orElseThrow();
    }
}
