package dev.codeindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.Chunk;
import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long method is stored as several overlapping windows; a query all of them match must list the
 * method once, over its whole range. Real chunking (JavaParser) and a real Lucene store.
 */
class NearDuplicateHitsTest {
    static final List<String> VOCAB = List.of("checksum", "socket", "parse");

    @TempDir
    Path dir;
    final FakeEmbedder embedder = FakeEmbedder.words(VOCAB);

    private static String longMethod() {
        StringBuilder sb = new StringBuilder("package p;\n\npublic class Crc {\n    /** Computes the checksum of a buffer. */\n"
                + "    public long checksum(byte[] data) {\n        long checksum = 0;\n");
        for (int i = 0; i < 150; i++) {
            sb.append("        checksum = checksum * 31 + data[").append(i).append("] ^ ").append(i * 7).append(";\n");
        }
        return sb.append("        return checksum;\n    }\n\n    void other() {\n        parse();\n    }\n}\n").toString();
    }

    private List<Chunk> indexTree() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("Crc.java"), longMethod());
        Files.writeString(src.resolve("Net.java"), "package p;\n\nclass Net {\n    void socket() {\n        checksum();\n    }\n}\n");
        SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, Map.of("java", new JavaStructureParser()), 2_000_000);
        List<Chunk> all = new ArrayList<>();
        try (LuceneStore store = new LuceneStore(dir.resolve("store"))) {
            List<StoredChunk> points = new ArrayList<>();
            for (String name : List.of("Crc.java", "Net.java")) {
                String rel = "src/" + name;
                for (Chunk c : chunker.chunk(new SourceFile(rel, "java", Files.readString(src.resolve(name)))).chunks()) {
                    all.add(c);
                    points.add(new StoredChunk(rel + "#" + c.startLine(), rel, c.startLine(), c.endLine(), c.symbol(),
                            c.kind(), c.language(), c.text(), c.hash(), embedder.embed(List.of(c.text())).get(0)));
                }
            }
            store.upsert(points);
            store.commit();
        }
        return all;
    }

    private static void noTwoOverlap(List<SearchHit> hits) {
        for (int i = 0; i < hits.size(); i++) {
            for (int j = i + 1; j < hits.size(); j++) {
                assertFalse(HitMerge.overlap(hits.get(i), hits.get(j)), "near-duplicates " + hits.get(i) + " and " + hits.get(j));
            }
        }
    }

    @Test
    void the_windows_of_one_long_method_are_one_hit_over_the_method() throws IOException {
        List<Chunk> chunks = indexTree();
        List<Chunk> windows = chunks.stream().filter(c -> c.symbol().equals("Crc.checksum")).toList();
        assertTrue(windows.size() >= 3, "the method is long enough to be split: " + windows.size());
        int first = windows.get(0).startLine();
        int last = windows.get(windows.size() - 1).endLine();
        try (LuceneStore store = LuceneStore.openReadOnly(dir.resolve("store"))) {
            Searcher s = new Searcher(embedder, store);
            List<SearchHit> hits = s.search("compute the checksum", 10, null, null);
            noTwoOverlap(hits);
            List<SearchHit> method = hits.stream().filter(h -> h.path().equals("src/Crc.java")
                    && h.symbol().equals("Crc.checksum")).toList();
            assertEquals(1, method.size(), hits.toString());
            assertEquals(first, method.get(0).startLine());
            assertEquals(last, method.get(0).endLine());
            assertTrue(hits.stream().anyMatch(h -> h.path().equals("src/Net.java")), "other files still answer");

            List<SearchHit> symbol = s.findSymbol("Crc.checksum", 10);
            assertEquals(1, symbol.size(), "find_symbol lists the method once: " + symbol);
            assertEquals(first + "-" + last, symbol.get(0).startLine() + "-" + symbol.get(0).endLine());
            noTwoOverlap(s.search("checksum", 10, null, null));
        }
    }
}
