package dev.codeindex.manifest.mapdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.SymbolStats;
import dev.codeindex.manifest.ChunkRef;
import dev.codeindex.manifest.EntryHeader;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.PendingFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manifest written with MapDB's default node size (releases before 16) reads and grows under the current code. */
class NodeSizeTest {
    @TempDir
    Path dir;

    private static ManifestEntry entry(int i) {
        String hash = String.format("%032x", i + 1);
        return new ManifestEntry(i, 1000L + i, hash, "java", FileState.INDEXED, new SymbolStats(1, 1, 0), false, 7,
                List.of(new ChunkRef(hash, 1, 2)));
    }

    @Test
    void a_manifest_made_with_32_keys_per_node_is_read_and_extended_with_16() {
        Path file = dir.resolve("m.db");
        TreeMap<String, ManifestEntry> expected = new TreeMap<>();
        try (MapDbManifest m = MapDbManifest.open(file, 32)) {
            for (int i = 0; i < 500; i += 2) { // enough keys for a tree of several levels
                String p = "d" + (i % 7) + "/f" + i + ".java";
                m.put(p, entry(i));
                m.addPending(new PendingFile(p, i, i));
                expected.put(p, entry(i));
            }
            m.commit();
        }
        try (MapDbManifest m = MapDbManifest.open(file)) {
            for (int i = 1; i < 500; i += 2) { // keys between the old ones: splits of nodes made at 32
                String p = "d" + (i % 7) + "/f" + i + ".java";
                m.put(p, entry(i));
                expected.put(p, entry(i));
            }
            for (int i = 0; i < 500; i += 10) {
                String p = "d" + (i % 7) + "/f" + i + ".java";
                m.remove(p);
                m.removePending(p);
                expected.remove(p);
            }
            m.commit();
        }
        try (MapDbManifest m = MapDbManifest.open(file)) {
            List<String> heads = new ArrayList<>();
            m.headers().forEachRemaining(h -> heads.add(h.relPath()));
            assertEquals(new ArrayList<>(expected.keySet()), heads);
            expected.forEach((p, e) -> assertEquals(e, m.get(p).orElseThrow(), p));
            EntryHeader h = m.headersUnder("d3").next();
            assertEquals(expected.get(h.relPath()).hash(), h.hash());
            assertEquals(List.of("d1/f1.java"), m.pathsWithHash(String.format("%032x", 2), 10));
            assertEquals(250 - 50, m.pendingCount()); // the even ones, less every tenth
            assertTrue(m.pendingAfter("", 1000).stream().allMatch(f -> f.relPath().endsWith(".java")));
        }
    }
}
