package dev.codeindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.api.Coverage;
import dev.codeindex.chunk.SymbolStats;
import dev.codeindex.manifest.ChunkRef;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "vectors pending" flag of an entry, its total and its queue move together, in one transaction. */
class VectorsPendingTotalsTest {
    @TempDir
    Path dir;

    static ManifestEntry entry(String hash, long mtime) {
        return new ManifestEntry(10, mtime, hash, "java", FileState.INDEXED, SymbolStats.ZERO, false, 7,
                List.of(new ChunkRef(hash + "c", 1, 3)));
    }

    @Test
    void the_totals_key_is_the_one_coverage_reads() {
        assertEquals(Coverage.UNEMBEDDED, Totals.UNEMBEDDED);
    }

    @Test
    void a_pending_entry_counts_as_keyword_indexed_not_embedded_and_is_queued_until_it_has_vectors() {
        Path file = dir.resolve("m.db");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            ManifestEntry a = entry("a", 100).withVectorsPending(true);
            ManifestEntry b = entry("b", 200).withVectorsPending(true);
            ManifestEntry c = entry("c", 300);
            m.put("src/A.java", a);
            Totals.replace(m, "src/A.java", null, a);
            m.put("src/test/BTest.java", b);
            Totals.replace(m, "src/test/BTest.java", null, b);
            m.put("src/C.java", c);
            Totals.replace(m, "src/C.java", null, c);
            m.commit();
        }
        try (MapDbManifest m = MapDbManifest.open(file)) {
            Coverage cov = Coverage.of(m.totals(), 0, false);
            assertEquals(3, cov.keyword());
            assertEquals(1, cov.embedded());
            assertFalse(cov.complete());
            List<Map.Entry<String, String>> queue = m.vectorQueueAfter("", 10);
            assertEquals(List.of("src/A.java", "src/test/BTest.java"), queue.stream().map(Map.Entry::getValue).toList(),
                    "source before tests");
            assertEquals(List.of("src/test/BTest.java"),
                    m.vectorQueueAfter(queue.get(0).getKey(), 10).stream().map(Map.Entry::getValue).toList());

            // a touch (new mtime, same content) keeps it queued, under its new key
            ManifestEntry a = m.get("src/A.java").orElseThrow();
            ManifestEntry touched = a.withStat(10, 150);
            m.put("src/A.java", touched);
            Totals.replace(m, "src/A.java", a, touched);
            assertEquals(2, m.vectorQueueSize());

            // vectors stored: out of the queue, counted as embedded; uncommitted, so a rollback undoes both
            ManifestEntry done = touched.withVectorsPending(false);
            m.put("src/A.java", done);
            Totals.replace(m, "src/A.java", touched, done);
            assertEquals(1, m.vectorQueueSize());
            assertEquals(2, Coverage.of(m.totals(), 0, false).embedded());
            m.rollback();
            assertEquals(2, m.vectorQueueSize());
            assertEquals(1, Coverage.of(m.totals(), 0, false).embedded());

            // a deleted file leaves the queue with its entry
            ManifestEntry b = m.get("src/test/BTest.java").orElseThrow();
            m.remove("src/test/BTest.java");
            Totals.replace(m, "src/test/BTest.java", b, null);
            m.commit();
            assertEquals(List.of("src/A.java"),
                    m.vectorQueueAfter("", 10).stream().map(Map.Entry::getValue).toList());
            Coverage after = Coverage.of(m.totals(), 0, false);
            assertEquals(2, after.keyword());
            assertEquals(1, after.embedded());
            assertTrue(m.get("src/A.java").orElseThrow().awaitsVectors());
        }
    }
}
