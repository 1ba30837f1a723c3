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
        return index(List.of("Crc.java", "Net.java"), embedder);
    }

    /** Chunks the files of {@code src/} with JavaParser and stores them, with their regions, in a Lucene store. */
    private List<Chunk> index(List<String> names, FakeEmbedder embedder) throws IOException {
        Path src = dir.resolve("src");
        SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, Map.of("java", new JavaStructureParser()), 2_000_000);
        List<Chunk> all = new ArrayList<>();
        try (LuceneStore store = new LuceneStore(dir.resolve("store"))) {
            List<StoredChunk> points = new ArrayList<>();
            for (String name : names) {
                String rel = "src/" + name;
                for (Chunk c : chunker.chunk(new SourceFile(rel, "java", Files.readString(src.resolve(name)))).chunks()) {
                    all.add(c);
                    points.add(new StoredChunk(rel + "#" + c.startLine(), rel, c.startLine(), c.endLine(), c.symbol(),
                            c.kind(), c.language(), c.text(), c.hash(), embedder.embed(List.of(c.text())).get(0),
                            c.regionStart(), c.regionEnd()));
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
            // the snippet is the matching window's: it says where it starts (an agent took it for the method's
            // first lines and could not cite them; a trial)
            SearchHit hit = method.get(0);
            Chunk shown = windows.stream().filter(c -> c.startLine() == hit.snippetStart()).findFirst().orElseThrow();
            assertTrue(hit.snippet().startsWith(shown.text().lines().findFirst().orElseThrow().strip())
                    || shown.text().contains(hit.snippet().lines().findFirst().orElseThrow().strip()),
                    hit.snippetStart() + ": " + hit.snippet());
            assertTrue(hits.stream().anyMatch(h -> h.path().equals("src/Net.java")), "other files still answer");

            List<SearchHit> symbol = s.findSymbol("Crc.checksum", 10);
            assertEquals(1, symbol.size(), "find_symbol lists the method once: " + symbol);
            assertEquals(first + "-" + last, symbol.get(0).startLine() + "-" + symbol.get(0).endLine());
            noTwoOverlap(s.search("checksum", 10, null, null));
        }
    }

    /**
     * A method of more windows than a symbol look-up fetches: it showed only the windows fetched (1-756 of
     * a 1-1202 function; a new-user trial). The hit is the definition, so it shows the whole of it.
     */
    @Test
    void a_symbol_look_up_shows_the_whole_of_a_definition_of_more_windows_than_it_fetches() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        StringBuilder sb = new StringBuilder("package p;\n\npublic class Giant {\n    public long giant(long x) {\n");
        for (int i = 0; i < 3_600; i++) {
            sb.append("        x = x * 31 + ").append(i).append(";\n");
        }
        Files.writeString(src.resolve("Giant.java"), sb.append("        return x;\n    }\n}\n").toString());
        List<Chunk> windows = index(List.of("Giant.java"), embedder).stream()
                .filter(c -> c.symbol().equals("Giant.giant")).toList();
        assertTrue(windows.size() > HitMerge.POOL, "more windows than a look-up fetches: " + windows.size());
        try (LuceneStore store = LuceneStore.openReadOnly(dir.resolve("store"))) {
            List<SearchHit> symbol = new Searcher(embedder, store).findSymbol("Giant.giant", 5);
            assertEquals(1, symbol.size(), symbol.toString());
            assertEquals(windows.get(0).startLine() + "-" + windows.get(windows.size() - 1).endLine(),
                    symbol.get(0).startLine() + "-" + symbol.get(0).endLine());
        }
    }

    /**
     * A method long enough for four windows, whose first and last windows speak of the socket and whose
     * middle ones do not: in a store with many other matches only the first and last are found, and they
     * do not overlap. The result lists the method once, over both.
     */
    @Test
    void windows_of_one_method_that_do_not_overlap_are_still_one_hit() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        StringBuilder sb = new StringBuilder("public class Digest {\n    /** Reads a frame from the socket. */\n"
                + "    public long digest(byte[] data) {\n        long h = 0;\n");
        for (int i = 0; i < 140; i++) {
            sb.append("        h = h * 31 + data[").append(i).append("] ^ ").append(i * 7).append(";\n");
        }
        Files.writeString(src.resolve("Digest.java"), sb.append("        // hand the frame back to the socket\n"
                + "        return h;\n    }\n}\n").toString());
        List<String> names = new ArrayList<>(List.of("Digest.java"));
        // other matches, nearer than the middle windows and less near than the first; not all alike, as
        // a graph of many equal vectors is one the vector search gets lost in
        List<String> vocab = new ArrayList<>(VOCAB);
        for (int i = 0; i < 60; i++) {
            vocab.add("word" + (char) ('a' + i % 20) + "x");
            names.add("F" + i + ".java");
            Files.writeString(src.resolve("F" + i + ".java"), "class F" + i + " {\n    // socket, word" + (char) ('a' + i % 20)
                    + "x\n    void open" + i + "() {\n        parse();\n    }\n}\n");
        }
        FakeEmbedder embedder = FakeEmbedder.words(vocab.stream().distinct().toList());
        List<Chunk> windows = index(names, embedder).stream().filter(c -> c.symbol().equals("Digest.digest")).toList();
        assertTrue(windows.size() >= 3, "the method is long enough to be split: " + windows);
        Chunk first = windows.get(0);
        Chunk last = windows.get(windows.size() - 1);
        try (LuceneStore store = LuceneStore.openReadOnly(dir.resolve("store"))) {
            List<SearchHit> hits = new Searcher(embedder, store).search("read the socket", 10, null, null);
            List<SearchHit> method = hits.stream().filter(h -> h.symbol().equals("Digest.digest")).toList();
            assertEquals(1, method.size(), "the method is listed once: " + hits);
            assertEquals(first.startLine() + "-" + last.endLine(), method.get(0).startLine() + "-" + method.get(0).endLine(),
                    "over its first and last window");
            assertEquals(0, hits.indexOf(method.get(0)), "and first: " + hits);
            assertEquals(10, hits.size(), "the other nine places are other hits: " + hits);
        }
    }
}
