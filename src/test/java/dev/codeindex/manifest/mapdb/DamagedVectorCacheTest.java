package dev.codeindex.manifest.mapdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.manifest.DataCorruptException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A vector cache whose pages were overwritten opens as usual (its header and catalog are whole):
 * the damage shows only when records are read, and must then be named as damage of vectors.db (or,
 * for a writer that asked, replaced by an empty cache), never thrown as what MapDB met.
 */
class DamagedVectorCacheTest {
    static final int DIM = 384;
    static final int VECTORS = 3000;

    @TempDir
    Path dir;

    private Path written() throws Exception {
        Path file = dir.resolve("manifest.db");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            for (int i = 0; i < VECTORS; i++) {
                m.cacheVector("model", "chunk" + i, vector(i));
            }
            m.commit();
        }
        return file;
    }

    private static float[] vector(int i) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) Math.sin(i + d * 0.01);
        }
        return v;
    }

    /** Overwrites {@code pages} 4 KB pages from {@code offset} with random bytes. */
    private static void overwrite(Path file, long offset, int pages, long seed) throws Exception {
        Random r = new Random(seed);
        byte[] page = new byte[4096];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (int p = 0; p < pages; p++) {
                r.nextBytes(page);
                f.seek(offset + p * 4096L);
                f.write(page);
            }
        }
    }

    private Path damaged() throws Exception {
        Path file = written();
        Path vectors = MapDbManifest.vectorFile(file);
        long used = usedLength(vectors);
        overwrite(vectors, (used / 2) & ~4095L, 50, 1);
        return file;
    }

    /** The end of the last page that is not all zeros (MapDB grows the file in steps ahead of its use). */
    private static long usedLength(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        int end = all.length;
        while (end > 0 && all[end - 1] == 0) {
            end--;
        }
        return end;
    }

    @Test
    void reading_every_vector_of_an_overwritten_cache_names_vectors_db() throws Exception {
        Path file = damaged();
        try (MapDbManifest m = MapDbManifest.open(file)) {
            DataCorruptException e = assertThrows(DataCorruptException.class, m::cachedVectors);
            assertEquals(MapDbManifest.vectorFile(file), e.file());
            assertTrue(!e.what().isBlank(), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {12 * 4096, (1 << 20) + 40 * 4096}) // among the hash tree's nodes; among the vectors
    void one_overwritten_page_is_found_by_reading_every_vector(long offset) throws Exception {
        Path file = written();
        overwrite(MapDbManifest.vectorFile(file), offset, 1, 2);
        try (MapDbManifest m = MapDbManifest.open(file)) {
            assertEquals(MapDbManifest.vectorFile(file), assertThrows(DataCorruptException.class, m::cachedVectors).file());
        }
    }

    @Test
    void a_reader_meets_the_damage_as_damage_of_vectors_db_and_nothing_else() throws Exception {
        Path file = damaged();
        int damage = 0;
        try (MapDbManifest m = MapDbManifest.open(file)) {
            for (int i = 0; i < VECTORS && damage < 5; i++) { // each of a few is enough (a huge length costs a full GC)
                try {
                    m.cachedVector("model", "chunk" + i, DIM);
                } catch (DataCorruptException e) {
                    assertEquals(MapDbManifest.vectorFile(file), e.file());
                    damage++;
                }
            }
        }
        assertTrue(damage > 0, "the overwritten pages hold records that are read");
    }

    @Test
    void a_writer_that_asked_gets_an_empty_cache_in_place_of_the_damaged_one_and_goes_on() throws Exception {
        Path file = damaged();
        List<Path> moved = new ArrayList<>();
        int found = 0;
        int writtenBefore = 0; // into the damaged cache, and gone with it
        try (MapDbManifest m = MapDbManifest.open(file)) {
            m.replaceVectorCacheWhenDamaged((damage, aside) -> {
                assertEquals(MapDbManifest.vectorFile(file), damage.file());
                moved.add(aside);
            });
            for (int i = 0; i < VECTORS; i++) {
                if (m.cachedVector("model", "chunk" + i, DIM).isPresent()) {
                    found++;
                }
                m.cacheVector("model", "chunk" + i, vector(i)); // what embedding again does
                if (moved.isEmpty()) {
                    writtenBefore++;
                }
            }
            m.commit();
            assertEquals(VECTORS - writtenBefore, m.cachedVectors());
        }
        assertEquals(1, moved.size(), "moved aside once");
        assertEquals(dir.resolve("damaged-1"), moved.get(0));
        assertTrue(Files.exists(moved.get(0).resolve("vectors.db")), "the damaged file is kept for a person to look at");
        assertTrue(found < VECTORS, "vectors read after the damage was met come from the new, empty cache");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            assertEquals(VECTORS - writtenBefore, m.cachedVectors(), "the new cache is sound");
            assertArrayEquals(vector(VECTORS - 1), m.cachedVector("model", "chunk" + (VECTORS - 1), DIM).orElseThrow());
        }
    }

    @Test
    void a_vector_of_another_length_than_the_models_is_damage_not_a_vector() throws Exception {
        Path file = dir.resolve("manifest.db");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            m.cacheVector("model", "c", new float[] {1, 2, 3});
            m.commit();
            DataCorruptException e = assertThrows(DataCorruptException.class, () -> m.cachedVector("model", "c", DIM));
            assertEquals(MapDbManifest.vectorFile(file), e.file());
            assertArrayEquals(new float[] {1, 2, 3}, m.cachedVector("model", "c", 3).orElseThrow());
        }
    }
}
