package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged data directory, with the real bundled model and embedded store: commands that only read
 * name the damaged file and exit 5 with the fix; doctor says what is wrong and what repairing costs;
 * the next index moves the damage aside and rebuilds without embedding anything again.
 */
class DamagedDataDirTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    @BeforeEach
    void indexed() throws Exception {
        SampleSources.write(root, "settings.py");
        SampleSources.write(root, "Geometry.java");
        SampleSources.write(root, "net.py");
        JsonNode first = index();
        assertTrue(first.path("chunks").path("embedded").asLong() >= 4, first.toString());
    }

    private JsonNode index() throws Exception {
        return CliRunner.json("index", root.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
    }

    private CliRunner.Result search() {
        return CliRunner.run("search", "distance between two points", "--root", root.toString(), "--data-dir",
                data.toString(), "--json", "-k", "3");
    }

    private Path rootDir() throws Exception {
        try (Stream<Path> s = Files.list(data.resolve("roots"))) {
            return s.findFirst().orElseThrow();
        }
    }

    private Path storeDir() throws Exception {
        try (Stream<Path> s = Files.list(rootDir())) {
            return s.filter(p -> p.getFileName().toString().startsWith("lucene-")).findFirst().orElseThrow();
        }
    }

    @Test
    void an_empty_manifest_is_named_then_rebuilt_by_a_rescan_with_every_vector_from_the_cache() throws Exception {
        Path manifest = rootDir().resolve("manifest.db");
        Files.write(manifest, new byte[0]);

        CliRunner.Result s = search();
        assertEquals(5, s.exit(), s.err());
        assertTrue(s.err().contains(manifest.toString()) && s.err().contains("empty"), s.err());
        assertTrue(s.err().contains("codeindex doctor"), s.err());

        CliRunner.Result doctor = CliRunner.run("doctor", "--data-dir", data.toString());
        assertEquals(5, doctor.exit(), doctor.out() + doctor.err());
        assertTrue(doctor.out().contains("manifest.db: damaged: the file is empty"), doctor.out());
        assertTrue(doctor.out().contains("nothing is embedded again"), doctor.out());
        assertTrue(Files.exists(manifest), "doctor without --fix changes nothing");

        JsonNode again = index();
        assertEquals(0, again.path("chunks").path("embedded").asLong(), "vectors come from the cache: " + again);
        assertTrue(again.path("chunks").path("reused").asLong() >= 4, again.toString());
        assertTrue(Files.exists(rootDir().resolve("damaged-1").resolve("manifest.db")), "the damaged file is kept aside");
        assertEquals(0, search().exit());
        assertTrue(CliRunner.json("search", "distance between two points", "--root", root.toString(), "--data-dir",
                data.toString(), "--json", "-k", "1").path("results").get(0).path("path").asText().endsWith(".java"));
        assertEquals(0, CliRunner.run("doctor", "--data-dir", data.toString()).exit());
    }

    @Test
    void a_truncated_store_file_is_named_moved_aside_by_doctor_fix_and_rebuilt_from_the_cache() throws Exception {
        Path store = storeDir();
        Path biggest;
        try (Stream<Path> s = Files.list(store)) {
            biggest = s.filter(p -> !p.getFileName().toString().equals("write.lock"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(biggest.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }

        CliRunner.Result s = search();
        assertEquals(5, s.exit(), s.err());
        assertTrue(s.err().contains(store.toString()) && s.err().contains("damaged"), s.err());
        assertTrue(s.err().contains("rebuilds it from the vector cache"), s.err());

        CliRunner.Result doctor = CliRunner.run("doctor", "--data-dir", data.toString(), "--json");
        assertEquals(5, doctor.exit(), doctor.err());
        JsonNode findings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(doctor.out()).path("roots").get(0)
                .path("findings");
        boolean named = false;
        for (JsonNode f : findings) {
            named |= f.path("file").asText().equals(store.toString()) && f.path("state").asText().startsWith("damaged");
        }
        assertTrue(named, findings.toString());

        CliRunner.Result fixed = CliRunner.run("doctor", "--fix", "--data-dir", data.toString());
        assertEquals(0, fixed.exit(), fixed.out() + fixed.err());
        assertTrue(Files.isDirectory(store.resolveSibling(store.getFileName() + ".damaged-1")), fixed.out());

        JsonNode again = index();
        assertEquals(0, again.path("chunks").path("embedded").asLong(), "the store is rebuilt from the cache: " + again);
        assertEquals(0, search().exit());
        assertEquals(0, CliRunner.run("doctor", "--data-dir", data.toString()).exit());
    }

    @Test
    void a_truncated_store_is_moved_aside_by_the_next_index_run_itself() throws Exception {
        Path store = storeDir();
        try (Stream<Path> s = Files.list(store)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                    f.setLength(f.length() - 8);
                }
            }
        }
        JsonNode again = index();
        assertEquals(0, again.path("chunks").path("embedded").asLong(), again.toString());
        assertTrue(Files.isDirectory(store.resolveSibling(store.getFileName() + ".damaged-1")));
        assertEquals(0, search().exit());
    }

    /**
     * Overwrites with random bytes every used 4 KB page of vectors.db from its second megabyte on,
     * where MapDB keeps the records (the first holds the header and the hash tree's top nodes, so
     * the file still opens): the damage shows only when vectors are read.
     */
    private static void overwriteRecords(Path vectors) throws Exception {
        byte[] all = Files.readAllBytes(vectors);
        java.util.Random random = new java.util.Random(3);
        byte[] junk = new byte[4096];
        int pages = 0;
        try (RandomAccessFile f = new RandomAccessFile(vectors.toFile(), "rw")) {
            for (int page = 256; page < all.length / 4096; page++) {
                boolean used = false;
                for (int i = page * 4096; i < (page + 1) * 4096 && !used; i++) {
                    used = all[i] != 0;
                }
                if (used) {
                    random.nextBytes(junk);
                    f.seek(page * 4096L);
                    f.write(junk);
                    pages++;
                }
            }
        }
        assertTrue(pages > 0, "the cache holds records past its first megabyte");
    }

    @Test
    void overwritten_pages_of_the_vector_cache_are_named_by_doctor_and_moved_aside_by_the_next_index() throws Exception {
        Path vectors = rootDir().resolve("vectors.db");
        overwriteRecords(vectors);

        CliRunner.Result doctor = CliRunner.run("doctor", "--data-dir", data.toString());
        assertEquals(5, doctor.exit(), doctor.out() + doctor.err());
        assertTrue(doctor.out().contains("vectors.db: damaged: "), doctor.out());
        assertTrue(doctor.out().contains("embedded again"), doctor.out());
        assertTrue(Files.exists(vectors) && !Files.exists(rootDir().resolve("damaged-1")), "doctor without --fix changes nothing");

        try (Stream<Path> files = Files.walk(storeDir())) { // the store is rebuilt from the cache: every vector is read
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        CliRunner.Result again = CliRunner.run("index", root.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
        assertEquals(0, again.exit(), again.err());
        JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(again.out());
        assertTrue(summary.path("chunks").path("embedded").asLong() > 0, "what the damaged cache held is embedded again: " + summary);
        assertTrue(Files.exists(rootDir().resolve("damaged-1").resolve("vectors.db")), "the damaged file is kept aside");
        assertEquals(0, search().exit());
        assertTrue(CliRunner.json("search", "distance between two points", "--root", root.toString(), "--data-dir",
                data.toString(), "--json", "-k", "1").path("results").get(0).path("path").asText().endsWith(".java"));
        CliRunner.Result sound = CliRunner.run("doctor", "--data-dir", data.toString());
        assertEquals(0, sound.exit(), sound.out() + sound.err());
    }

    @Test
    void doctor_fix_moves_an_overwritten_vector_cache_aside() throws Exception {
        Path vectors = rootDir().resolve("vectors.db");
        overwriteRecords(vectors);

        CliRunner.Result fixed = CliRunner.run("doctor", "--fix", "--data-dir", data.toString());
        assertEquals(0, fixed.exit(), fixed.out() + fixed.err());
        assertTrue(fixed.out().contains("vectors.db: damaged: "), fixed.out());
        assertTrue(Files.exists(rootDir().resolve("damaged-1").resolve("vectors.db")), fixed.out());
        assertEquals(0, CliRunner.run("doctor", "--data-dir", data.toString()).exit());
        assertEquals(0, index().path("chunks").path("embedded").asLong(), "the store still holds every file's vectors");
    }

    @Test
    void a_store_without_its_segments_file_is_damage_for_search_and_doctor_and_the_next_index_rebuilds_it() throws Exception {
        Path store = storeDir();
        try (Stream<Path> s = Files.list(store)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                Files.delete(p);
            }
        }
        CliRunner.Result s = CliRunner.run("search", "Point", "--symbol", "--root", root.toString(), "--data-dir",
                data.toString());
        assertEquals(5, s.exit(), s.out() + s.err());
        assertTrue(s.err().contains(store.toString()) && s.err().contains("no commit"), s.err());
        assertTrue(s.err().contains("codeindex index"), s.err());

        CliRunner.Result doctor = CliRunner.run("doctor", "--data-dir", data.toString());
        assertEquals(5, doctor.exit(), doctor.out() + doctor.err());
        assertTrue(doctor.out().contains(store.getFileName() + ": damaged: it has no commit"), doctor.out());

        assertEquals(0, index().path("chunks").path("embedded").asLong(), "rebuilt from the cache");
        assertEquals(0, search().exit());
        assertEquals(0, CliRunner.run("doctor", "--data-dir", data.toString()).exit());
    }

    @Test
    void a_missing_store_directory_is_damage_for_search_and_doctor_and_the_next_index_rebuilds_it() throws Exception {
        Path store = storeDir();
        try (Stream<Path> files = Files.walk(store)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        CliRunner.Result s = search();
        assertEquals(5, s.exit(), s.out() + s.err());
        assertTrue(s.err().contains(store.toString()) && s.err().contains("missing"), s.err());

        CliRunner.Result doctor = CliRunner.run("doctor", "--data-dir", data.toString());
        assertEquals(5, doctor.exit(), doctor.out() + doctor.err());
        assertTrue(doctor.out().contains(store.getFileName() + ": damaged: it is missing"), doctor.out());
        CliRunner.Result fixed = CliRunner.run("doctor", "--fix", "--data-dir", data.toString());
        assertEquals(0, fixed.exit(), fixed.out() + fixed.err());

        assertEquals(0, index().path("chunks").path("embedded").asLong(), "rebuilt from the cache");
        assertEquals(0, search().exit());
        assertEquals(0, CliRunner.run("doctor", "--data-dir", data.toString()).exit());
    }
}
