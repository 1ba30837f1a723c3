package dev.codeindex.manifest.mapdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.SymbolStats;
import dev.codeindex.manifest.DataCorruptException;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.ManifestEntry;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manifest file that cannot be read is named with what is wrong, and the vector cache outlives it. */
class DamagedManifestTest {
    @TempDir
    Path dir;

    private Path written() {
        Path file = dir.resolve("manifest.db");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            for (int i = 0; i < 200; i++) {
                m.put("src/F" + i + ".java", new ManifestEntry(100 + i, 1_000 + i, "h" + i, "java", FileState.INDEXED,
                        SymbolStats.ZERO, false, 7, List.of()));
                m.cacheVector("model", "chunk" + i, new float[] {i, i + 1, i + 2});
            }
            m.commit();
        }
        return file;
    }

    private void assertNamed(Path file, Runnable open) {
        DataCorruptException e = assertThrows(DataCorruptException.class, open::run);
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(!e.what().isBlank(), e.getMessage());
    }

    @Test
    void an_empty_manifest_file_is_named_as_damaged() throws Exception {
        Path file = written();
        Files.write(file, new byte[0]);
        assertNamed(file, () -> MapDbManifest.open(file));
    }

    @Test
    void a_truncated_manifest_file_is_named_as_damaged() throws Exception {
        Path file = written();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() / 3);
        }
        assertNamed(file, () -> {
            try (MapDbManifest m = MapDbManifest.open(file)) {
                m.entries().forEachRemaining(e -> { }); // damage may only show when records are read
            }
        });
    }

    @Test
    void an_overwritten_header_is_named_as_damaged() throws Exception {
        Path file = written();
        byte[] junk = new byte[64];
        new Random(7).nextBytes(junk);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(junk);
        }
        assertNamed(file, () -> MapDbManifest.open(file));
    }

    @Test
    void the_vector_cache_lives_in_its_own_file_and_survives_a_lost_manifest() throws Exception {
        Path file = written();
        Files.delete(file); // what moving a damaged manifest aside leaves
        try (MapDbManifest m = MapDbManifest.open(file)) {
            assertEquals(0, m.size());
            assertArrayEquals(new float[] {5, 6, 7}, m.cachedVector("model", "chunk5", 3).orElseThrow());
        }
    }

    @Test
    void vectors_computed_in_a_pass_that_is_rolled_back_stay_cached() throws Exception {
        Path file = dir.resolve("manifest.db");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            m.put("a.py", new ManifestEntry(1, 1, "h", "python", FileState.INDEXED, SymbolStats.ZERO, false, 7, List.of()));
            m.cacheVector("model", "c", new float[] {1, 2});
            m.rollback();
        }
        try (MapDbManifest m = MapDbManifest.open(file)) {
            assertEquals(0, m.size());
            assertArrayEquals(new float[] {1, 2}, m.cachedVector("model", "c", 2).orElseThrow());
        }
    }
}
