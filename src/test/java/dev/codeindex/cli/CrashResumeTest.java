package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kill -9 a real child JVM in the middle of an index run, rerun, and compare with a clean run. */
class CrashResumeTest {
    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void tree() throws IOException {
        root = tmp.resolve("tree");
        for (int i = 0; i < 300; i++) {
            Path p = root.resolve("pkg" + (i % 7)).resolve("C" + i + ".java");
            Files.createDirectories(p.getParent());
            Files.writeString(p, "package pkg;\nimport java.util.*;\nclass C" + i + " {\n  int f" + i
                    + "() { return " + i + "; }\n  class In { void g() {} }\n}\n");
            Files.writeString(root.resolve("pkg" + (i % 7)).resolve("notes" + i + ".txt"), "note number " + i + "\n");
        }
    }

    /** @param killAfter kill once this many batches are committed (0: as soon as the scan is done) */
    @ParameterizedTest
    @ValueSource(ints = {0, 5, 60})
    void a_run_killed_mid_way_resumes_and_ends_with_the_manifest_of_a_clean_run(int killAfter) throws Exception {
        Path crashed = tmp.resolve("crashed");
        Process child = startChild(crashed);
        String marker = killAfter == 0 ? "scan:" : "batch " + killAfter + " committed";
        boolean seen = waitForLine(child, marker);
        assertTrue(seen, "child never logged '" + marker + "'");
        assertTrue(child.isAlive(), "the child finished before it could be killed; make the tree bigger");
        child.destroyForcibly(); // SIGKILL on Linux and macOS
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));

        JsonNode resumed = CliRunner.json("index", root.toString(), "--offline", "--data-dir", crashed.toString(),
                "--json", "--no-progress");
        assertTrue(resumed.path("resumed").asBoolean(), resumed.toString());

        Path clean = tmp.resolve("clean");
        JsonNode fresh = CliRunner.json("index", root.toString(), "--offline", "--data-dir", clean.toString(),
                "--json", "--no-progress");
        assertEquals(false, fresh.path("resumed").asBoolean());
        assertEquals(fresh.path("symbols"), resumed.path("symbols"));
        assertEquals(fresh.path("chunks").path("total"), resumed.path("chunks").path("total"));
        assertEquals(dump(clean), dump(crashed));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 20})
    void a_semantic_run_killed_mid_way_ends_with_no_duplicate_orphan_or_missing_point(int killAfter) throws Exception {
        Path crashed = tmp.resolve("crashed-semantic");
        Process child = startChild(crashed, false);
        assertTrue(waitForLine(child, "batch " + killAfter + " committed"));
        assertTrue(child.isAlive());
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        JsonNode resumed = CliRunner.json("index", root.toString(), "--data-dir", crashed.toString(), "--json",
                "--no-progress");
        assertTrue(resumed.path("resumed").asBoolean());
        long chunks = resumed.path("chunks").path("total").asLong();
        assertEquals(chunks, points(crashed), "every chunk has exactly one point");
        Path clean = tmp.resolve("clean-semantic");
        JsonNode fresh = CliRunner.json("index", root.toString(), "--data-dir", clean.toString(), "--json", "--no-progress");
        assertEquals(fresh.path("chunks").path("total").asLong(), chunks);
        assertEquals(points(clean), points(crashed));
        assertEquals(dump(clean).get("entries"), dump(crashed).get("entries"));
    }

    /**
     * A semantic first index of this tree (600 files) runs in two phases: killed in the structural
     * pass (after {@code "batch N committed"}) or in the embed phase ({@code "embed batch N
     * committed"}), the rerun ends with exactly the manifest and points of an uninterrupted run,
     * every point with its vector, and embeds only what the killed run had not cached.
     */
    @ParameterizedTest
    @ValueSource(strings = {"batch 30 committed", "embed batch 3 committed", "embed batch 120 committed"})
    void a_two_phase_run_killed_in_either_phase_converges_to_an_uninterrupted_one(String marker) throws Exception {
        Path crashed = tmp.resolve("crashed-two-phase");
        Process child = startChild(crashed, false);
        assertTrue(waitForLine(child, marker), "child never logged '" + marker + "'");
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
        }

        JsonNode resumed = CliRunner.json("index", root.toString(), "--data-dir", crashed.toString(), "--json",
                "--no-progress");
        assertTrue(resumed.path("resumed").asBoolean(), resumed.toString());

        Path clean = tmp.resolve("clean-two-phase");
        JsonNode fresh = CliRunner.json("index", root.toString(), "--data-dir", clean.toString(), "--json",
                "--no-progress");
        assertEquals(fresh.path("chunks").path("total"), resumed.path("chunks").path("total"));
        assertEquals(fresh.path("chunks").path("embedded").asLong() - cachedBefore,
                resumed.path("chunks").path("embedded").asLong(), "the rerun embeds exactly what was not cached");
        Map<String, Object> a = dump(clean);
        Map<String, Object> b = dump(crashed);
        assertEquals(a.get("entries"), b.get("entries"));
        assertEquals(a.get("totals"), b.get("totals"));
        assertEquals(false, ((Map<?, ?>) b.get("totals")).containsKey("unembedded"), "every file embedded");
        assertEquals(points(clean), points(crashed));
        assertEquals(resumed.path("chunks").path("total").asLong(), pointsWithVectors(crashed),
                "every chunk has one point, and it has its vector");
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
        Process child = startChild(data);
        assertTrue(waitForLine(child, "batch 3 committed"));
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(IndexCommand.SHUTDOWN_WAIT_SECONDS + 10, TimeUnit.SECONDS));
        Map<String, Object> state = dump(data);
        assertTrue((Boolean) state.get("cleanShutdown"), state.toString());
        assertTrue(!"done".equals(state.get("phase")), "stopped before the end: " + state);
        JsonNode resumed = CliRunner.json("index", root.toString(), "--offline", "--data-dir", data.toString(),
                "--json", "--no-progress");
        assertTrue(resumed.path("resumed").asBoolean());
        Path clean = tmp.resolve("clean2");
        CliRunner.json("index", root.toString(), "--offline", "--data-dir", clean.toString(), "--json", "--no-progress");
        assertEquals(dump(clean).get("entries"), dump(data).get("entries"));
    }

    private Process startChild(Path dataDir) throws IOException {
        return startChild(dataDir, true);
    }

    private Process startChild(Path dataDir, boolean offline) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "index", root.toString(),
                "--data-dir", dataDir.toString(), "--batch-size", "2", "--threads", "1", "--no-progress"));
        if (offline) {
            cmd.add("--offline");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CODEINDEX_LOG_LEVEL", "debug");
        return pb.start();
    }

    private static boolean waitForLine(Process p, String marker) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            if (line.contains(marker)) {
                return true;
            }
        }
        return false;
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
