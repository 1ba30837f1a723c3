package dev.codeindex.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.SymbolStats;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapDbManifestTest {
    @TempDir
    Path dir;

    static ManifestEntry entry(String hash, int chunks) {
        List<ChunkRef> refs = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            refs.add(new ChunkRef(hash + i, i * 10 + 1, i * 10 + 10));
        }
        return new ManifestEntry(100, 12345, hash, "java", FileState.INDEXED, new SymbolStats(3, 1, 2), false, 7, refs);
    }

    /** The totals without {@link Manifest#PENDING_NEW}, which is counted, not stored. */
    static Map<String, Long> stored(Manifest m) {
        Map<String, Long> t = new java.util.TreeMap<>(m.totals());
        t.remove(Manifest.PENDING_NEW);
        return t;
    }

    /**
     * Coverage counted a changed or deleted file waiting for a pass twice (in the index and waiting), so
     * {@code files} could exceed the tree's file count. The manifest counts the waiting files it holds no
     * entry for, through writes, a rollback, a reopen and a cleared work list.
     */
    @Test
    void only_new_files_waiting_for_a_pass_add_to_the_files_coverage_counts() {
        Path file = dir.resolve("m.db");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            for (String p : List.of("a.java", "b.java", "c.java")) {
                m.put(p, entry(p, 1));
                m.addTotal("files", 1);
            }
            m.commit();
            m.addPending(new PendingFile("a.java", 10, 1)); // changed
            m.markGone("b.java", "b.java"); // deleted
            m.addPending(new PendingFile("d.java", 10, 1)); // new
            m.addPending(new PendingFile("d.java", 11, 2)); // seen again: still one
            long pending = m.pendingCount() + m.goneCount();
            assertEquals(3, pending);
            assertEquals(1L, m.totals().get(Manifest.PENDING_NEW));
            assertEquals(4, dev.codeindex.api.Coverage.of(m.totals(), pending, true).files(), "a, b, c in the index, d new");
            m.commit();

            m.rollback(); // nothing since the commit
            assertEquals(1L, m.totals().get(Manifest.PENDING_NEW));
            m.put("d.java", entry("d", 1)); // indexed: no longer new, though still on the list until removed
            assertEquals(0L, m.totals().get(Manifest.PENDING_NEW));
            m.rollback();
            assertEquals(1L, m.totals().get(Manifest.PENDING_NEW), "counted again after a rollback");
            m.removePending("d.java"); // vanished before its pass
            assertEquals(0L, m.totals().get(Manifest.PENDING_NEW));
            m.addPending(new PendingFile("d.java", 10, 1));
            m.remove("a.java"); // a changed file whose entry goes while it waits is new again
            assertEquals(2L, m.totals().get(Manifest.PENDING_NEW));
            m.commit();
        }
        try (MapDbManifest m = MapDbManifest.open(file)) {
            assertEquals(2L, m.totals().get(Manifest.PENDING_NEW), "counted at open");
            m.clearWork();
            assertEquals(0L, m.totals().get(Manifest.PENDING_NEW));
        }
        // a skipped file (too large, binary) is not in the files total: waiting, it counts as new, and once indexed
        // it is in the total instead (review: it counted zero times)
        try (MapDbManifest m = MapDbManifest.open(dir.resolve("skipped.db"))) {
            m.put("big.bin", new ManifestEntry(9, 1, "", "text", FileState.TOO_LARGE, new SymbolStats(0, 0, 0), false,
                    7, List.of()));
            m.addPending(new PendingFile("big.bin", 10, 2));
            assertEquals(1L, m.totals().get(Manifest.PENDING_NEW));
            m.put("big.bin", entry("b", 1));
            assertEquals(0L, m.totals().get(Manifest.PENDING_NEW));
            m.put("big.bin", new ManifestEntry(9, 1, "", "text", FileState.BINARY, new SymbolStats(0, 0, 0), false,
                    7, List.of()));
            assertEquals(1L, m.totals().get(Manifest.PENDING_NEW));
            m.commit();
        }
        try (MapDbManifest m = MapDbManifest.open(dir.resolve("skipped.db"))) {
            assertEquals(1L, m.totals().get(Manifest.PENDING_NEW), "counted at open by the entry's state");
        }
        // a status from a daemon that does not count them (no key): every waiting file counts, as before
        assertEquals(5, dev.codeindex.api.Coverage.of(Map.of("files", 3L), 2, false).files());
    }

    @Test
    void committed_entries_survive_a_reopen_and_uncommitted_ones_do_not() {
        Path file = dir.resolve("m.db");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            m.put("a/B.java", entry("h1", 2));
            m.addTotal("files", 1);
            m.commit();
            m.put("c.java", entry("h2", 1));
            m.addTotal("files", 1);
            m.rollback();
        }
        try (MapDbManifest m = MapDbManifest.open(file)) {
            assertEquals(entry("h1", 2), m.get("a/B.java").orElseThrow());
            assertTrue(m.get("c.java").isEmpty());
            assertEquals(Map.of("files", 1L), stored(m));
        }
    }

    @Test
    void totals_changed_since_the_last_commit_are_seen_before_it_and_dropped_by_a_rollback() {
        Path file = dir.resolve("m.db");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            m.addTotal("files", 2);
            m.addTotal("lang.java", 1);
            assertEquals(Map.of("files", 2L, "lang.java", 1L), stored(m)); // before any commit
            m.commit();
            m.addTotal("files", 3);
            m.addTotal("lang.java", -1); // back to zero: the key goes
            m.addTotal("lang.go", 4);
            assertEquals(Map.of("files", 5L, "lang.go", 4L), stored(m));
            m.rollback();
            assertEquals(Map.of("files", 2L, "lang.java", 1L), stored(m));
            m.addTotal("lang.java", -1);
            m.commit();
            m.addTotal("files", 100); // never committed: closing drops it, as it drops every uncommitted change
        }
        try (MapDbManifest m = MapDbManifest.open(file)) {
            assertEquals(Map.of("files", 2L), stored(m));
        }
    }

    @Test
    void entries_iterate_in_string_order_like_the_walk() {
        List<String> paths = new ArrayList<>(List.of("b", "a/b", "a.txt", "a-b", "A", "a0", "é/x", "z", "\u4e2d.c",
                "a/b/c", "emoji\uD83D\uDE00.txt", "\uFFFD.c"));
        try (MapDbManifest m = MapDbManifest.open(dir.resolve("m.db"))) {
            for (String p : paths) {
                m.put(p, entry("h", 0));
            }
            List<String> seen = new ArrayList<>();
            m.entries().forEachRemaining(e -> seen.add(e.getKey()));
            List<String> expected = new ArrayList<>(paths);
            expected.sort(String::compareTo);
            assertEquals(expected, seen);
        }
    }

    @Test
    void paths_with_hash_follow_puts_and_removes() {
        try (MapDbManifest m = MapDbManifest.open(dir.resolve("m.db"))) {
            m.put("x", entry("same", 1));
            m.put("y", entry("same", 1));
            m.put("z", entry("other", 1));
            assertEquals(List.of("x", "y"), m.pathsWithHash("same", 10));
            assertEquals(List.of("x"), m.pathsWithHash("same", 1));
            m.remove("x");
            m.put("y", entry("changed", 1));
            assertEquals(List.of(), m.pathsWithHash("same", 10));
            assertEquals(List.of("y"), m.pathsWithHash("changed", 10));
        }
    }

    @Test
    void pending_work_is_served_in_path_order_after_a_cursor() {
        try (MapDbManifest m = MapDbManifest.open(dir.resolve("m.db"))) {
            for (String p : List.of("d", "b", "a", "c")) {
                m.addPending(new PendingFile(p, 1, 2));
            }
            assertEquals(List.of("a", "b"), m.pendingAfter("", 2).stream().map(PendingFile::relPath).toList());
            assertEquals(List.of("c", "d"), m.pendingAfter("b", 5).stream().map(PendingFile::relPath).toList());
            m.markGone("q", "h1");
            m.markGone("r", "");
            assertTrue(m.isGone("q"));
            assertEquals(List.of("q"), m.gonePathsWithHash("h1", 5));
            m.unmarkGone("q");
            assertEquals(List.of(), m.gonePathsWithHash("h1", 5));
            m.markGone("q", "h1");
            m.clearWork();
            assertEquals(0, m.pendingCount());
            assertFalse(m.isGone("q"));
            assertEquals(List.of(), m.gonePathsWithHash("h1", 5));
        }
    }

    @Test
    void checkpoint_round_trips() {
        Checkpoint c = new Checkpoint("run-1", Checkpoint.Phase.INDEX, 10, 20, 3, "src/x y.java", false, 5, 6);
        try (MapDbManifest m = MapDbManifest.open(dir.resolve("m.db"))) {
            assertEquals(Checkpoint.NONE, m.checkpoint());
            m.saveCheckpoint(c);
            m.commit();
        }
        try (MapDbManifest m = MapDbManifest.open(dir.resolve("m.db"))) {
            assertEquals(c, m.checkpoint());
        }
    }

    @Test
    void a_second_lock_on_the_same_directory_is_refused_with_its_path() throws Exception {
        try (DataDirLock first = DataDirLock.acquire(dir)) {
            DataDirInUseException e = assertThrows(DataDirInUseException.class, () -> DataDirLock.acquire(dir));
            assertTrue(e.getMessage().contains(dir.toString()));
        }
        try (DataDirLock again = DataDirLock.acquire(dir)) {
            assertTrue(again != null, "released locks can be taken again");
        }
    }

    @Test
    void a_manifest_of_another_format_is_refused_with_a_remedy() {
        Path file = dir.resolve("m.db");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            m.put("a", entry("h", 1));
            m.putMeta("format", "999");
            m.commit();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MapDbManifest.open(file));
        assertTrue(e.getMessage().contains("format 999"), e.getMessage());
        assertTrue(e.getMessage().contains("remove " + dir), e.getMessage());
    }

    /**
     * A manifest of format 3 (before entries could be minified) opens, keeps its entries and says 4 from then
     * on, so that a codeindex that reads only 3 refuses the file with its own message instead of failing on
     * a minified entry at every run, or emptying a store of a newer format first (an upgrade trial).
     */
    @Test
    void a_format_3_manifest_is_read_and_marked_4_so_older_readers_refuse_it() {
        Path file = dir.resolve("m.db");
        try (MapDbManifest m = MapDbManifest.open(file)) {
            m.put("a", entry("h", 1));
            m.putMeta("format", "3");
            m.commit();
        }
        try (MapDbManifest m = MapDbManifest.open(file)) {
            assertEquals(entry("h", 1), m.get("a").orElseThrow());
            assertEquals(Optional.of("4"), m.meta("format"));
        }
    }

    @Test
    void entry_heads_carry_what_a_scan_compares() {
        String hash = "0123456789abcdef00ff00ff00ff00ff";
        try (MapDbManifest m = MapDbManifest.open(dir.resolve("m.db"))) {
            m.put("a.txt", entry(hash, 1));
            m.put("b.bin", new ManifestEntry(5, 6, "", "", FileState.BINARY, SymbolStats.ZERO, false, 7, List.of()));
            List<EntryHeader> heads = new ArrayList<>();
            m.headers().forEachRemaining(heads::add);
            assertEquals(List.of(new EntryHeader("a.txt", 100, 12345, FileState.INDEXED, 7, hash),
                    new EntryHeader("b.bin", 5, 6, FileState.BINARY, 7, "")), heads);
        }
    }
}
