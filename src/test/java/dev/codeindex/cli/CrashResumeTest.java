package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.index.IndexRun;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.store.lucene.LuceneStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kill -9 a real child JVM in the middle of an index run, rerun, and compare with a clean run.
 *
 * <p>Every case indexes the same tree, which none of them changes, so the uninterrupted run each
 * compares with is made once, by the first case that needs it ({@link #clean}).
 */
class CrashResumeTest {
    /**
     * Java files in the tree, and as many text files: a first semantic index of the tree reads a few
     * more files than a pass needs to run in two phases, so it has both phases with as little to
     * embed as that allows.
     */
    private static final int SOURCES = (int) (IndexRun.TWO_PHASE_MIN_FILES / 2) + 10;
    /**
     * Files per batch of the two-phase children. Every batch of the structural pass commits the
     * store, and the embed phase starts only once that pass is over: with 2 files per batch, a child
     * took 8-13 s to get there, with 6 about 3.5 s (2 cores).
     */
    private static final int TWO_PHASE_BATCH = 6;

    @TempDir
    static Path shared;
    /** The tree every case indexes. */
    static Path root;
    /** A part of the tree with fewer files than a two-phase pass needs: a semantic index of it embeds batch by batch. */
    static Path small;
    /** Uninterrupted runs by root and kind, each made once ({@link #clean}). */
    private static final Map<String, Clean> CLEAN = new HashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void tree() throws IOException {
        CLEAN.clear();
        root = shared.resolve("tree");
        for (int i = 0; i < SOURCES; i++) {
            Path p = root.resolve("pkg" + (i % 7)).resolve("C" + i + ".java");
            Files.createDirectories(p.getParent());
            Files.writeString(p, "package pkg;\nimport java.util.*;\nclass C" + i + " {\n  int f" + i
                    + "() { return " + i + "; }\n  class In { void g() {} }\n}\n");
            Files.writeString(root.resolve("pkg" + (i % 7)).resolve("notes" + i + ".txt"), "note number " + i + "\n");
        }
        small = root.resolve("pkg0");
    }

    /** An uninterrupted run: its data directory and the summary it printed. */
    private record Clean(Path dataDir, JsonNode summary) {}

    /** The uninterrupted run of {@code dir}, offline or semantic, made by the first call that asks for it. */
    private static synchronized Clean clean(Path dir, boolean offline) throws Exception {
        String key = dir + (offline ? " offline" : " semantic");
        Clean c = CLEAN.get(key);
        if (c == null) {
            Path data = Files.createTempDirectory(shared, "clean-");
            List<String> args = new ArrayList<>(List.of("index", dir.toString(), "--data-dir", data.toString(), "--json",
                    "--no-progress"));
            if (offline) {
                args.add("--offline");
            }
            JsonNode fresh = CliRunner.json(args.toArray(String[]::new));
            assertEquals(false, fresh.path("resumed").asBoolean(), fresh.toString());
            c = new Clean(data, fresh);
            CLEAN.put(key, c);
        }
        return c;
    }

    /** @param killAfter kill once this many batches are committed (0: as soon as the scan is done) */
    @ParameterizedTest
    @ValueSource(ints = {0, 5, 60})
    void a_run_killed_mid_way_resumes_and_ends_with_the_manifest_of_a_clean_run(int killAfter) throws Exception {
        Path crashed = tmp.resolve("crashed");
        Process child = startChild(root, crashed, true, 2);
        String marker = killAfter == 0 ? "scan:" : "batch " + killAfter + " committed";
        assertNotNull(waitForLine(child, marker), "child never logged '" + marker + "'");
        assertTrue(child.isAlive(), "the child finished before it could be killed; make the tree bigger");
        child.destroyForcibly(); // SIGKILL on Linux and macOS
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));

        JsonNode resumed = CliRunner.json("index", root.toString(), "--offline", "--data-dir", crashed.toString(),
                "--json", "--no-progress");
        assertTrue(resumed.path("resumed").asBoolean(), resumed.toString());

        Clean clean = clean(root, true);
        JsonNode fresh = clean.summary();
        assertEquals(fresh.path("symbols"), resumed.path("symbols"));
        assertEquals(fresh.path("chunks").path("total"), resumed.path("chunks").path("total"));
        assertEquals(dump(clean.dataDir()), dump(crashed));
    }

    /**
     * A semantic index of a part of the tree too small for two phases embeds and stores each batch
     * before the manifest commits it: killed after {@code "batch N committed"}, the rerun ends with
     * the manifest and points of an uninterrupted run, no point duplicated, orphaned or missing.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 10})
    void a_semantic_run_killed_mid_way_ends_with_no_duplicate_orphan_or_missing_point(int killAfter) throws Exception {
        Path crashed = tmp.resolve("crashed-semantic");
        Process child = startChild(small, crashed, false, 2);
        List<String> log = waitForLine(child, "batch " + killAfter + " committed");
        assertNotNull(log, "child never logged 'batch " + killAfter + " committed'");
        assertTrue(log.stream().noneMatch(l -> l.contains("two phases")), "one phase: " + log);
        assertTrue(child.isAlive(), "the child finished before it could be killed");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        long cachedBefore = cachedVectors(crashed);

        JsonNode resumed = CliRunner.json("index", small.toString(), "--data-dir", crashed.toString(), "--json",
                "--no-progress");
        assertConverged(clean(small, false), crashed, resumed, cachedBefore);
    }

    /**
     * A semantic first index of the tree runs in two phases: killed in the structural pass (after
     * {@code "batch N committed"}) or in the embed phase ({@code "embed batch N committed"}), the
     * rerun ends with exactly the manifest and points of an uninterrupted run, every point with its
     * vector, and embeds only what the killed run had not cached.
     *
     * <p>The child commits {@value #TWO_PHASE_BATCH} files per batch, 46 batches in each phase. The
     * kills are early in the structural pass, early in the embed phase (little cached yet), and
     * about two fifths into it (much cached).
     */
    @ParameterizedTest
    @ValueSource(strings = {"batch 3 committed", "embed batch 2 committed", "embed batch 18 committed"})
    void a_two_phase_run_killed_in_either_phase_converges_to_an_uninterrupted_one(String marker) throws Exception {
        Path crashed = tmp.resolve("crashed-two-phase");
        Process child = startChild(root, crashed, false, TWO_PHASE_BATCH);
        List<String> log = waitForLine(child, marker);
        assertNotNull(log, "child never logged '" + marker + "'");
        assertTrue(log.stream().anyMatch(l -> l.contains("two phases")), "two phases: " + log);
        assertTrue(child.isAlive(), "the child finished before it could be killed");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        long cachedBefore = cachedVectors(crashed);
        Map<String, Object> killed = dump(crashed);
        if (marker.startsWith("embed")) {
            assertEquals(0L, killed.get("pending"), "the structural pass had finished: " + killed);
            Map<?, ?> totals = (Map<?, ?>) killed.get("totals");
            assertTrue(((Long) totals.get("unembedded")) > 0, "vectors were still to come: " + totals);
            assertEquals(totals.get("files"), (long) ((Map<?, ?>) killed.get("entries")).size() - skipped(killed),
                    "every file keyword-indexed");
        } else {
            assertTrue((Long) killed.get("pending") > 0, "killed in the structural pass: " + killed);
        }

        JsonNode resumed = CliRunner.json("index", root.toString(), "--data-dir", crashed.toString(), "--json",
                "--no-progress");
        assertConverged(clean(root, false), crashed, resumed, cachedBefore);
    }

    /**
     * The rerun of a killed semantic run ended where the uninterrupted one did: same manifest entries
     * and totals, every file embedded, one point per chunk and each with its vector, and only what the
     * killed run had not cached was embedded.
     */
    private static void assertConverged(Clean clean, Path crashed, JsonNode resumed, long cachedBefore)
            throws IOException {
        assertTrue(resumed.path("resumed").asBoolean(), resumed.toString());
        JsonNode fresh = clean.summary();
        long chunks = resumed.path("chunks").path("total").asLong();
        assertEquals(fresh.path("chunks").path("total").asLong(), chunks);
        assertEquals(fresh.path("chunks").path("embedded").asLong() - cachedBefore,
                resumed.path("chunks").path("embedded").asLong(), "the rerun embeds exactly what was not cached");
        Map<String, Object> a = dump(clean.dataDir());
        Map<String, Object> b = dump(crashed);
        assertEquals(a.get("entries"), b.get("entries"));
        assertEquals(a.get("totals"), b.get("totals"));
        assertEquals(false, ((Map<?, ?>) b.get("totals")).containsKey("unembedded"), "every file embedded");
        assertEquals(chunks, points(crashed), "every chunk has exactly one point");
        assertEquals(points(clean.dataDir()), points(crashed));
        assertEquals(chunks, pointsWithVectors(crashed), "every chunk has one point, and it has its vector");
    }

    private static long skipped(Map<String, Object> dump) {
        return ((Map<?, ?>) dump.get("entries")).values().stream()
                .filter(e -> ((ManifestEntry) e).state() != dev.codeindex.manifest.FileState.INDEXED).count();
    }

    private static long cachedVectors(Path dataDir) throws IOException {
        try (var s = Files.list(dataDir.resolve("roots"))) {
            Path dir = s.findFirst().orElseThrow();
            try (MapDbManifest m = MapDbManifest.open(dir.resolve("manifest.db"))) {
                return m.cachedVectors();
            }
        }
    }

    /** Points with a vector, over the paths of the manifest's entries. */
    private static long pointsWithVectors(Path dataDir) throws IOException {
        Map<String, Object> state = dump(dataDir);
        try (var s = Files.list(dataDir.resolve("roots"))) {
            Path dir = s.findFirst().orElseThrow();
            try (var stores = Files.list(dir)) {
                Path store = stores.filter(p -> p.getFileName().toString().startsWith("lucene-")).findFirst().orElseThrow();
                try (LuceneStore ls = new LuceneStore(store)) {
                    long n = 0;
                    for (Object path : ((Map<?, ?>) state.get("entries")).keySet()) {
                        n += ls.chunksOf((String) path).stream().filter(c -> c.vector() != null).count();
                    }
                    return n;
                }
            }
        }
    }

    private static long points(Path dataDir) throws IOException {
        try (var s = Files.list(dataDir.resolve("roots"))) {
            Path dir = s.findFirst().orElseThrow();
            try (var stores = Files.list(dir)) {
                Path store = stores.filter(p -> p.getFileName().toString().startsWith("lucene-")).findFirst().orElseThrow();
                try (LuceneStore ls = new LuceneStore(store)) {
                    return ls.count();
                }
            }
        }
    }

    @Test
    void sigterm_lets_the_batch_in_flight_commit_and_leaves_a_clean_checkpoint() throws Exception {
        Path data = tmp.resolve("term");
        Process child = startChild(root, data, true, 2);
        assertNotNull(waitForLine(child, "batch 3 committed"));
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(IndexCommand.SHUTDOWN_WAIT_SECONDS + 10, TimeUnit.SECONDS));
        Map<String, Object> state = dump(data);
        assertTrue((Boolean) state.get("cleanShutdown"), state.toString());
        assertTrue(!"done".equals(state.get("phase")), "stopped before the end: " + state);
        JsonNode resumed = CliRunner.json("index", root.toString(), "--offline", "--data-dir", data.toString(),
                "--json", "--no-progress");
        assertTrue(resumed.path("resumed").asBoolean());
        assertEquals(dump(clean(root, true).dataDir()).get("entries"), dump(data).get("entries"));
    }

    /**
     * {@code codeindex index dir} in a child JVM, on C1 code only, as bin/codeindex runs an offline
     * index: a child lives a few seconds, and C2's compiles would take much of the CPU it has
     * (measured on 2 cores: a semantic child of this test reached its 18th embed batch in 10-12 s
     * instead of 16 s; a whole semantic run took 10-13 s of CPU instead of 18-20 s). It runs the
     * same code either way.
     */
    private Process startChild(Path dir, Path dataDir, boolean offline, int batchSize) throws IOException {
        List<String> cmd = ChildJvm.command("index", dir.toString(), "--data-dir", dataDir.toString(), "--batch-size",
                Integer.toString(batchSize), "--threads", "1", "--no-progress");
        if (offline) {
            cmd.add("--offline");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CODEINDEX_LOG_LEVEL", "debug");
        return pb.start();
    }

    /** The lines the child logged up to the first that contains {@code marker}; null when it ended before one did. */
    private static List<String> waitForLine(Process p, String marker) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = err.readLine()) != null) {
            lines.add(line);
            if (line.contains(marker)) {
                return lines;
            }
        }
        return null;
    }

    static Map<String, Object> dump(Path dataDir) throws IOException {
        Path dir;
        try (var s = Files.list(dataDir.resolve("roots"))) {
            dir = s.findFirst().orElseThrow();
        }
        Map<String, Object> out = new TreeMap<>();
        try (MapDbManifest m = MapDbManifest.open(dir.resolve("manifest.db"))) {
            Map<String, ManifestEntry> entries = new TreeMap<>();
            m.entries().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
            out.put("entries", entries);
            out.put("totals", m.totals());
            out.put("pending", m.pendingCount());
            out.put("gone", m.goneCount());
            out.put("phase", m.checkpoint().phase().id());
            out.put("cleanShutdown", m.checkpoint().cleanShutdown());
        }
        return out;
    }
}
