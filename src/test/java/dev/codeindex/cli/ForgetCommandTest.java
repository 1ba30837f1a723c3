package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.manifest.DataDirLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codeindex forget}: a root's index leaves the data directory whole (manifest, vector cache,
 * embedded store), other roots' stay, the tree is never touched; a root in use, or never indexed, is
 * refused with nothing deleted; {@code --gone} finds the roots whose directory was deleted, and
 * {@code status} points at them.
 */
class ForgetCommandTest {
    @TempDir
    Path tmp;
    Path data;
    Path keep;
    Path drop;

    @BeforeEach
    void twoIndexedRoots() throws Exception {
        data = tmp.resolve("data");
        keep = tree("keep");
        drop = tree("drop");
        for (Path root : new Path[] {keep, drop}) {
            CliRunner.json("index", root.toString(), "--offline", "--data-dir", data.toString(), "--json", "--no-progress");
        }
        assertTrue(Files.isDirectory(folder(keep)) && Files.isDirectory(folder(drop)));
    }

    Path tree(String name) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        Files.writeString(root.resolve("A.java"), "class A {\n  int f() { return 1; }\n}\n");
        Files.writeString(root.resolve("b.py"), "def g():\n    return 2\n");
        return root;
    }

    Path folder(Path root) {
        return RootDirs.of(data, root.toAbsolutePath().normalize());
    }

    @Test
    void a_root_is_forgotten_whole_and_nothing_else_is_touched() throws Exception {
        long bytes = dev.codeindex.util.DiskSpace.used(folder(drop));
        CliRunner.Result r = CliRunner.run("forget", drop + "/.", "--data-dir", data.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Forgot " + drop + ": "), r.out());
        assertTrue(r.out().contains(" of files deleted"), r.out());
        assertTrue(bytes > 0);
        assertFalse(RootDirs.holdsIndex(folder(drop)), "only its lock file stays (two processes must never lock two files"
                + " of one name)");
        assertTrue(Files.exists(folder(drop).resolve("lock")));
        CliRunner.Result twice = CliRunner.run("forget", drop.toString(), "--data-dir", data.toString());
        assertEquals(Main.FAILED, twice.exit(), "forgotten already: " + twice.out());
        JsonNode doctor = CliRunner.json("doctor", "--data-dir", data.toString(), "--json");
        assertEquals(1, doctor.path("roots").size(), "doctor passes over the lock file alone: " + doctor);
        assertTrue(Files.exists(folder(keep).resolve("manifest.db")), "the other root's index stays");
        assertTrue(Files.exists(drop.resolve("A.java")) && Files.exists(drop.resolve("b.py")), "the tree is never touched");

        JsonNode status = CliRunner.json("status", "--data-dir", data.toString(), "--json");
        assertEquals(1, status.path("roots").size(), status.toString());
        assertEquals(keep.toString(), status.path("roots").get(0).path("root").asText());

        // indexed again, it starts afresh
        JsonNode again = CliRunner.json("index", drop.toString(), "--offline", "--data-dir", data.toString(), "--json",
                "--no-progress");
        assertEquals(2, again.path("files").path("indexed").asInt(), again.toString());
    }

    @Test
    void a_semantic_index_goes_with_its_embedded_store_and_vector_cache() throws Exception {
        Path sem = tree("semantic");
        CliRunner.json("index", sem.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
        try (Stream<Path> s = Files.list(folder(sem))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("lucene-")), "an embedded store was made");
        }
        assertTrue(Files.exists(folder(sem).resolve("vectors.db")));
        JsonNode out = CliRunner.json("forget", sem.toString(), "--data-dir", data.toString(), "--json");
        assertEquals(sem.toString(), out.path("forgotten").get(0).path("root").asText(), out.toString());
        assertFalse(out.path("forgotten").get(0).has("qdrantCollection"), out.toString());
        assertFalse(RootDirs.holdsIndex(folder(sem)));
    }

    @Test
    void a_root_in_use_is_refused_with_exit_3_and_keeps_every_file() throws Exception {
        long before = files(folder(drop));
        try (DataDirLock held = DataDirLock.acquire(folder(drop))) {
            CliRunner.Result r = CliRunner.run("forget", drop.toString(), "--data-dir", data.toString());
            assertEquals(Main.IN_USE, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("in use by a running codeindex process"), r.err());
            assertTrue(r.err().contains("stop it first"), r.err());
        }
        assertEquals(before, files(folder(drop)), "nothing of it was deleted");
    }

    /** doctor named a folder in use by its data-directory path (found by a new-user trial): now by its root. */
    @Test
    void doctor_names_the_root_of_an_index_that_a_run_holds() throws Exception {
        try (DataDirLock held = DataDirLock.acquire(folder(drop))) {
            Files.writeString(folder(drop).resolve(ProgressFile.NAME), "{\"pid\":" + ProcessHandle.current().pid()
                    + ",\"root\":\"" + drop + "\",\"progress\":{}}");
            CliRunner.Result r = CliRunner.run("doctor", "--data-dir", data.toString(), "--json");
            assertEquals(Main.IN_USE, r.exit(), r.err());
            JsonNode roots = new ObjectMapper().readTree(r.out()).path("roots");
            assertTrue(java.util.stream.StreamSupport.stream(roots.spliterator(), false)
                    .anyMatch(n -> n.path("busy").asBoolean() && n.path("root").asText().equals(drop.toString())),
                    roots.toString());
        } finally {
            Files.deleteIfExists(folder(drop).resolve(ProgressFile.NAME));
        }
    }

    @Test
    void a_root_never_indexed_is_refused_with_exit_1_and_the_indexed_ones_named() {
        Path other = tmp.resolve("never");
        CliRunner.Result r = CliRunner.run("forget", other.toString(), "--data-dir", data.toString());
        assertEquals(Main.FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(other + ": no index of it in " + data), r.err());
        assertTrue(r.err().contains(keep.toString()) && r.err().contains(drop.toString()), "names what is indexed: " + r.err());
        assertFalse(Files.exists(folder(other)), "no folder is made for it");
        assertTrue(Files.exists(folder(keep)) && Files.exists(folder(drop)));
    }

    @Test
    void nothing_named_is_a_usage_error() {
        CliRunner.Result r = CliRunner.run("forget", "--data-dir", data.toString());
        assertEquals(Main.USAGE, r.exit());
        assertTrue(r.err().contains("--gone"), r.err());
    }

    @Test
    void gone_forgets_only_the_roots_whose_directory_was_deleted_and_status_points_at_them() throws Exception {
        delete(drop);
        CliRunner.Result status = CliRunner.run("status", "--data-dir", data.toString());
        assertEquals(0, status.exit());
        String dropLine = status.out().lines().filter(l -> l.contains(drop.toString())).findFirst().orElseThrow();
        assertTrue(dropLine.contains("its directory is gone: if it is not coming back") && dropLine.contains("'codeindex forget --gone' deletes this index"), status.out());
        String keepLine = status.out().lines().filter(l -> l.contains(keep.toString())).findFirst().orElseThrow();
        assertFalse(keepLine.contains("gone"), status.out());

        CliRunner.Result dry = CliRunner.run("forget", "--gone", "--dry-run", "--data-dir", data.toString());
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().startsWith("Would forget " + drop + ": "), dry.out());
        assertFalse(dry.out().contains(keep.toString()), dry.out());
        assertTrue(Files.exists(folder(drop).resolve("manifest.db")), "a dry run deletes nothing");

        JsonNode out = CliRunner.json("forget", "--gone", "--data-dir", data.toString(), "--json");
        assertEquals(1, out.path("forgotten").size(), out.toString());
        assertEquals(drop.toString(), out.path("forgotten").get(0).path("root").asText());
        assertFalse(RootDirs.holdsIndex(folder(drop)));
        assertTrue(Files.exists(folder(keep).resolve("manifest.db")));

        CliRunner.Result none = CliRunner.run("forget", "--gone", "--data-dir", data.toString());
        assertEquals(0, none.exit());
        assertTrue(none.out().startsWith("Nothing to forget"), none.out());
    }

    @Test
    void gone_passes_over_an_index_in_use_without_failing() throws Exception {
        delete(drop);
        try (DataDirLock held = DataDirLock.acquire(folder(keep))) {
            JsonNode out = new ObjectMapper().readTree(
                    CliRunner.run("forget", "--gone", "--data-dir", data.toString(), "--json").out());
            assertEquals(1, out.path("forgotten").size(), out.toString());
            assertEquals(folder(keep).toString(), out.path("notChecked").get(0).asText(), out.toString());
        }
        assertTrue(Files.exists(folder(keep).resolve("manifest.db")));
    }

    /**
     * A gone root that a daemon still holds was passed over as "not checked", and refusals did not say
     * who holds a root (found by a new-user trial): --gone now refuses it naming the daemon, and a root
     * a daemon holds whose tree is there is simply not gone.
     */
    @Test
    void gone_refuses_a_gone_root_a_daemon_holds_and_names_that_daemon() throws Exception {
        delete(drop);
        Path daemonFile = WatchCommand.writeDaemonFile(data, "http://127.0.0.1:7399", java.util.Set.of(keep, drop));
        try (DataDirLock a = DataDirLock.acquire(folder(keep)); DataDirLock b = DataDirLock.acquire(folder(drop))) {
            CliRunner.Result r = CliRunner.run("forget", "--gone", "--data-dir", data.toString());
            assertEquals(Main.IN_USE, r.exit(), r.out() + r.err());
            String who = "the watch daemon at http://127.0.0.1:7399 (pid " + ProcessHandle.current().pid() + ")";
            assertTrue(r.err().contains("codeindex: " + drop + ": in use by " + who), r.err());
            assertTrue(r.err().contains("take the root out of its config"), r.err());
            assertFalse(r.out().contains("Not checked"), "the root the daemon keeps is there: not gone: " + r.out());
            assertFalse(r.err().contains(keep.toString()), r.err());

            CliRunner.Result named = CliRunner.run("forget", keep.toString(), "--data-dir", data.toString());
            assertEquals(Main.IN_USE, named.exit());
            assertTrue(named.err().contains("in use by " + who), named.err());
        } finally {
            Files.delete(daemonFile);
        }
        assertTrue(Files.exists(folder(drop).resolve("manifest.db")), "nothing of it was deleted");
        assertEquals(0, CliRunner.run("forget", "--gone", "--data-dir", data.toString()).exit(), "once let go, it goes");
        assertFalse(Files.exists(folder(drop).resolve("manifest.db")));
    }

    /** An index whose manifest cannot say which root it is is forgotten by its folder (found in review). */
    @Test
    void a_folder_of_the_data_directory_is_forgotten_by_its_path() throws Exception {
        Path manifest = folder(drop).resolve("manifest.db");
        Files.write(manifest, new byte[0]); // damaged: it names no root
        CliRunner.Result gone = CliRunner.run("forget", "--gone", "--data-dir", data.toString());
        assertEquals(0, gone.exit(), gone.err());
        assertTrue(Files.exists(manifest), "--gone cannot tell its root: left");
        CliRunner.Result r = CliRunner.run("forget", folder(drop).toString(), "--data-dir", data.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertFalse(RootDirs.holdsIndex(folder(drop)));
        assertTrue(RootDirs.holdsIndex(folder(keep)));
    }

    static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.count();
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
