package dev.codeindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.testing.InterceptingManifest;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.Walker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexRunTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private ChunkLimits limits = ChunkLimits.DEFAULT;
    private long maxFiles = 0;
    private long maxFileSize = 1000;

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    static final String JAVA = """
            package a;
            import java.util.List;
            class A {
                int f() { return 1; }
                int g() { return 2; }
            }
            """;

    private void write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private IndexSummary index() throws Exception {
        return index(data, null);
    }

    /** A full pass when {@code paths} is null, else a pass over those paths only. */
    private IndexSummary index(Path dataDir, java.util.Collection<String> paths) throws Exception {
        return index(dataDir, paths, false);
    }

    /** As {@link #index(Path, java.util.Collection)}; a full pass compares content when {@code compareContent}. */
    private IndexSummary index(Path dataDir, java.util.Collection<String> paths, boolean compareContent)
            throws Exception {
        try (MapDbManifest m = MapDbManifest.open(dataDir.resolve("m.db"))) {
            SourceChunker chunker = new SourceChunker(limits, Map.of("java", new JavaStructureParser()), 2 << 20);
            IndexRun run = IndexRun.builder().root(root).manifest(m)
                    .walker(new Walker(root, new WalkOptions(false, true, List.of(), null))).chunker(chunker)
                    .workers(workers).settings(new RunSettings(3, 1 << 20, maxFileSize, maxFiles, true))
                    .clock(Clock.systemUTC()).progress(ProgressListener.NONE).stopWhen(() -> false).build();
            IndexSummary s = paths != null ? run.runPaths(paths) : compareContent ? run.runComparingContent() : run.run();
            // what lets the next full pass skip clearing the work list: a finished pass drained it
            assertEquals("done", m.checkpoint().phase().id());
            assertEquals(List.of(0L, 0L), List.of(m.pendingCount(), m.goneCount()), "work list drained");
            return s;
        }
    }

    private Map<String, ManifestEntry> manifest() {
        return manifest(data);
    }

    private Map<String, ManifestEntry> manifest(Path dataDir) {
        Map<String, ManifestEntry> out = new TreeMap<>();
        try (MapDbManifest m = MapDbManifest.open(dataDir.resolve("m.db"))) {
            m.entries().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    private Map<String, Long> totals(Path dataDir) {
        try (MapDbManifest m = MapDbManifest.open(dataDir.resolve("m.db"))) {
            return new TreeMap<>(m.totals());
        }
    }

    @Test
    void passes_over_changed_paths_end_where_a_fresh_full_index_of_the_final_tree_does(@TempDir Path freshData)
            throws Exception {
        write("a/A.java", JAVA);
        write("a/b/B.java", JAVA.replace("class A", "class B"));
        write("a-b/C.java", JAVA.replace("class A", "class C"));
        write("gone/x/D.java", JAVA.replace("class A", "class D"));
        write("gone/y.txt", "words\n");
        write("keep.md", "# keep\n");
        index();
        // modify, create, delete, move, directory delete, new nested directories, an ignored file
        write("a/A.java", JAVA.replace("int g()", "int h()"));
        write("a/New.java", JAVA.replace("class A", "class New"));
        Files.delete(root.resolve("a-b/C.java"));
        Files.move(root.resolve("keep.md"), root.resolve("a/b/moved.md"));
        try (var files = Files.walk(root.resolve("gone"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        write("n1/n2/n3/E.java", JAVA.replace("class A", "class E"));
        write("n1/n2/notes.txt", "notes\n");
        write("node_modules/m/index.js", "x");
        IndexSummary s = index(data, List.of("a/A.java", "a/New.java", "a-b/C.java", "keep.md", "a/b/moved.md", "gone",
                "n1", "n1/n2/n3/E.java", "node_modules/m/index.js", "never/existed"));
        assertEquals(5, s.scanned(), "the changed paths only, n1/n2/n3/E.java once");
        assertEquals(4, s.indexed()); // A changed, New, E, notes
        assertEquals(1, s.moved()); // keep.md -> a/b/moved.md reuses its chunks
        assertEquals(3, s.deleted()); // C, gone/x/D, gone/y
        index(freshData, null);
        assertEquals(manifest(freshData), manifest());
        assertEquals(totals(freshData), totals(data));
    }

    @Test
    void a_rerun_without_changes_reads_nothing_and_changes_nothing() throws Exception {
        for (int i = 0; i < 10; i++) {
            write("src/A" + i + ".java", JAVA.replace("class A", "class A" + i));
        }
        IndexSummary first = index();
        assertEquals(10, first.indexed());
        assertEquals(new SymbolTotals(20, 10, 10), SymbolTotals.of(first));
        Map<String, ManifestEntry> before = manifest();
        IndexSummary second = index();
        assertEquals(0, second.indexed());
        assertEquals(10, second.unchanged());
        assertEquals(10, second.scanned());
        assertEquals(SymbolTotals.of(first), SymbolTotals.of(second), "totals describe the index, not the run");
        assertEquals(before, manifest());
    }

    @Test
    void a_touched_file_with_the_same_content_only_updates_its_stat() throws Exception {
        write("A.java", JAVA);
        index();
        Files.setLastModifiedTime(root.resolve("A.java"), FileTime.fromMillis(1_000_000));
        IndexSummary s = index();
        assertEquals(0, s.indexed());
        assertEquals(1, s.unchanged());
        assertEquals(1_000_000, manifest().get("A.java").mtimeMillis());
    }

    /**
     * Writes {@code text} over {@code rel}, which must keep its size, and puts its mtime back: what a copy
     * that keeps the mtime does ({@code cp -p}, {@code rsync -a}, {@code tar x}).
     */
    private void rewriteKeepingStat(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        FileTime mtime = Files.getLastModifiedTime(p);
        assertEquals(Files.size(p), text.getBytes(StandardCharsets.UTF_8).length, "the same size");
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, mtime);
    }

    @Test
    void a_pass_over_a_path_finds_a_change_that_kept_size_and_mtime() throws Exception {
        write("src/A.java", JAVA);
        write("src/B.java", JAVA.replace("class A", "class B"));
        index();
        String before = manifest().get("src/A.java").hash();
        rewriteKeepingStat("src/A.java", JAVA.replace("int g()", "int h()"));
        IndexSummary s = index(data, List.of("src/A.java"));
        assertEquals(1, s.indexed());
        assertFalse(before.equals(manifest().get("src/A.java").hash()), "the new content is indexed");
        assertEquals(manifest(), freshIndex(), "as a fresh index of the tree as it is now");
    }

    @Test
    void a_pass_over_a_path_whose_content_is_unchanged_reads_it_and_chunks_nothing() throws Exception {
        write("src/A.java", JAVA);
        index();
        Map<String, ManifestEntry> before = manifest();
        root.resolve("src/A.java").toFile().setExecutable(true); // a chmod: an event, and the same stat
        IndexSummary s = index(data, List.of("src/A.java"));
        assertEquals(0, s.indexed());
        assertEquals(1, s.unchanged());
        assertEquals(before, manifest());
    }

    @Test
    void a_rescan_comparing_content_finds_a_change_that_kept_size_and_mtime_and_one_by_stat_does_not()
            throws Exception {
        write("src/A.java", JAVA);
        write("src/B.java", JAVA.replace("class A", "class B"));
        index();
        Map<String, ManifestEntry> before = manifest();
        rewriteKeepingStat("src/A.java", JAVA.replace("int g()", "int h()"));
        IndexSummary byStat = index();
        assertEquals(List.of(0L, 2L), List.of(byStat.indexed(), byStat.unchanged()), "the timer's rescan stays cheap");
        assertEquals(before, manifest(), "taken as unchanged, unread");
        IndexSummary byContent = index(data, null, true);
        assertEquals(List.of(1L, 1L), List.of(byContent.indexed(), byContent.unchanged()));
        assertEquals(manifest(), freshIndex(), "as a fresh index of the tree as it is now");
    }

    /**
     * A comparing pass that is stopped (or killed) after its scan found a change that kept size and mtime: the
     * next pass, which goes by stat and clears the interrupted pass's work list, must still index it; only the
     * comparing scan knew of it, and it was lost for good.
     */
    @Test
    void a_content_change_found_by_an_interrupted_comparing_pass_is_indexed_by_the_next_pass() throws Exception {
        write("src/A.java", JAVA);
        write("src/B.java", JAVA.replace("class A", "class B"));
        index();
        rewriteKeepingStat("src/A.java", JAVA.replace("int g()", "int h()"));
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            // stopped as its index phase starts: the finding is only queued
            comparingRun(m, name -> stop.compareAndSet(false, "index".equals(name)), stop::get).runComparingContent();
            assertEquals(1, m.pendingCount(), "the scan found the change");
            assertEquals("index", m.checkpoint().phase().id(), "and the pass did not finish");
        }
        IndexSummary next = index(); // by stat, as a daemon's first pass after a restart
        assertEquals(1, next.indexed(), "the change is indexed");
        assertEquals(manifest(), freshIndex(), "as a fresh index of the tree as it is now");
    }

    /**
     * A rescan that compares content reads every file: a stop (a pause, a shutdown) ends it within a file, not
     * after the whole tree; what it found so far is kept for the next pass.
     */
    @Test
    void a_comparing_scan_ends_early_when_a_stop_is_asked_and_its_findings_are_kept() throws Exception {
        for (int i = 0; i < 8; i++) {
            write("src/C" + i + ".java", JAVA.replace("class A", "class C" + i));
        }
        index();
        for (int i = 0; i < 8; i++) {
            rewriteKeepingStat("src/C" + i + ".java", JAVA.replace("class A", "class C" + i).replace("int g()", "int h()"));
        }
        java.util.concurrent.atomic.AtomicLong looked = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean scanning = new java.util.concurrent.atomic.AtomicBoolean();
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            IndexRun run = comparingRun(m, name -> scanning.set("scan".equals(name)),
                    () -> scanning.get() && looked.incrementAndGet() > 3); // asked once a file
            IndexSummary s = run.runComparingContent();
            assertTrue(s.scanned() <= 3, "the scan ended at the stop, not after 8 files: " + s.scanned());
            assertEquals(3, m.pendingCount(), "the changes it found");
            assertEquals(0, m.goneCount(), "the files it did not reach are not gone");
        }
        index(data, null, true); // the request again, to its end
        assertEquals(manifest(), freshIndex(), "as a fresh index of the tree as it is now");
    }

    /** A run over {@code root} into {@code m} that tells {@code phases} each phase and stops when {@code stop} says. */
    private IndexRun comparingRun(MapDbManifest m, java.util.function.Consumer<String> phases,
                                  java.util.function.BooleanSupplier stop) {
        SourceChunker chunker = new SourceChunker(limits, Map.of("java", new JavaStructureParser()), 2 << 20);
        return IndexRun.builder().root(root).manifest(m)
                .walker(new Walker(root, new WalkOptions(false, true, List.of(), null))).chunker(chunker)
                .workers(workers).settings(new RunSettings(3, 1 << 20, maxFileSize, maxFiles, true))
                .clock(Clock.systemUTC()).progress(new ProgressListener() {
                    @Override
                    public void phase(String name, long total) {
                        phases.accept(name);
                    }
                }).stopWhen(stop).build();
    }

    /** The manifest a fresh full index of the tree as it is now makes. */
    private Map<String, ManifestEntry> freshIndex() throws Exception {
        Path fresh = Files.createTempDirectory(data, "fresh");
        index(fresh, null);
        return manifest(fresh);
    }

    @Test
    void changed_deleted_and_moved_files_are_applied() throws Exception {
        write("A.java", JAVA);
        write("B.java", JAVA.replace("class A", "class B"));
        write("docs/readme.md", "# Readme\nSome words about the project.\n");
        index();
        write("A.java", JAVA.replace("int g()", "int h()"));
        Files.delete(root.resolve("B.java"));
        Files.createDirectories(root.resolve("moved"));
        Files.move(root.resolve("docs/readme.md"), root.resolve("moved/README.md"));
        IndexSummary s = index();
        assertEquals(1, s.indexed());
        assertEquals(1, s.deleted());
        assertEquals(1, s.moved());
        Map<String, ManifestEntry> m = manifest();
        assertEquals(List.of("A.java", "moved/README.md"), List.copyOf(m.keySet()));
        assertEquals(Map.of("java", 1L, "markdown", 1L), s.languages());
    }

    @Test
    void many_files_with_one_content_are_copies_and_a_renamed_one_is_a_move() throws Exception {
        for (int i = 0; i < 300; i++) {
            write("pkg" + i + "/__init__.py", "");
        }
        write("A.java", JAVA);
        index();
        write("copy/A.java", JAVA);
        Files.move(root.resolve("pkg7/__init__.py"), root.resolve("pkg7/renamed.py"));
        IndexSummary s = index();
        assertEquals(1, s.indexed(), "the copy reuses A.java's chunks");
        assertEquals(1, s.moved());
        assertEquals(0, s.deleted());
        assertEquals(2, s.classes(), "both copies count");
        assertEquals(manifest().get("A.java").chunks(), manifest().get("copy/A.java").chunks());
    }

    @Test
    void bad_input_is_skipped_counted_and_remembered() throws Exception {
        write("ok.java", JAVA);
        Files.write(root.resolve("nul.dat"), new byte[] {'a', 0, 'b'});
        Files.write(root.resolve("big.txt"), "x".repeat(2000).getBytes(StandardCharsets.UTF_8));
        Files.write(root.resolve("empty.py"), new byte[0]);
        Files.write(root.resolve("latin1.c"), "/* caf\u00e9 */ int x;\n".getBytes(StandardCharsets.ISO_8859_1));
        write("Broken.java", "class Broken { void f( { }");
        IndexSummary s = index();
        assertEquals(6, s.scanned());
        assertEquals(1, s.binary());
        assertEquals(1, s.tooLarge());
        assertEquals(1, s.parseFallback());
        assertEquals(1, s.encodingFallback());
        Map<String, ManifestEntry> m = manifest();
        assertEquals(FileState.BINARY, m.get("nul.dat").state());
        assertEquals(FileState.TOO_LARGE, m.get("big.txt").state());
        assertEquals(0, m.get("empty.py").chunks().size());
        assertTrue(m.get("latin1.c").chunks().size() > 0, "mis-encoded text is still indexed");
        assertTrue(m.get("Broken.java").chunks().size() > 0, "unparsable sources are line-chunked, not dropped");
        IndexSummary again = index();
        assertEquals(0, again.indexed());
        assertEquals(6, again.unchanged(), "skipped files are only stat'ed on a rerun");
        assertEquals(1, again.binary());
    }

    @Test
    void a_file_skipped_as_too_large_is_indexed_once_the_cap_allows_it() throws Exception {
        Files.write(root.resolve("big.txt"), "word ".repeat(400).getBytes(StandardCharsets.UTF_8));
        assertEquals(1, index().tooLarge());
        maxFileSize = 5000;
        IndexSummary s = index();
        assertEquals(0, s.tooLarge());
        assertEquals(1, s.indexed());
        assertEquals(FileState.INDEXED, manifest().get("big.txt").state());
    }

    @Test
    void changing_chunk_settings_rechunks_every_file() throws Exception {
        write("A.java", JAVA);
        write("b.txt", "some text that is long enough to chunk\n");
        index();
        limits = new ChunkLimits(30, 1000, 3);
        IndexSummary s = index();
        assertEquals(2, s.indexed());
        assertEquals(0, s.unchanged());
    }

    @Test
    void max_files_stops_the_walk_without_deleting_what_lies_beyond() throws Exception {
        for (String n : List.of("a.txt", "b.txt", "c.txt", "d.txt")) {
            write(n, "content of " + n + "\n");
        }
        index();
        maxFiles = 2;
        IndexSummary s = index();
        assertTrue(s.truncated());
        assertEquals(2, s.scanned());
        assertEquals(0, s.deleted());
        assertEquals(4, manifest().size());
    }

    @Test
    void a_file_that_vanishes_after_the_scan_is_dropped_not_failed() {
        FileProcessor p = new FileProcessor(root, new SourceReader(1000),
                new SourceChunker(limits, Map.of(), 1000), null);
        FileOutcome o = p.process("gone.txt", null);
        assertEquals(FileOutcome.Kind.VANISHED, o.kind());
        assertFalse(o.encodingFallback());
    }

    @Test
    void the_next_batch_is_chunked_while_the_one_before_is_stored_and_commits_stay_in_order() throws Exception {
        for (int i = 0; i < 4; i++) {
            write("f" + i + ".txt", "file " + i + "\n");
        }
        java.util.concurrent.CountDownLatch secondChunked = new java.util.concurrent.CountDownLatch(1);
        List<Boolean> overlapped = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> storedOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void progress(long done, String detail) {
                if (detail.equals("f1.txt")) {
                    secondChunked.countDown();
                }
            }
        };
        ChunkSink sink = sink(outcomes -> {
            outcomes.forEach(o -> storedOrder.add(o.relPath()));
            if (outcomes.get(0).relPath().equals("f0.txt")) {
                try { // batch f1 must be chunking now, while f0 is "stored"
                    overlapped.add(secondChunked.await(10, java.util.concurrent.TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            IndexSummary s = oneFileBatches(m, progress, sink).run();
            assertEquals(4, s.indexed());
            assertEquals(4, m.checkpoint().batchesCommitted());
        }
        assertEquals(List.of(true), overlapped, "f1 was read and chunked while f0 was being stored");
        assertEquals(List.of("f0.txt", "f1.txt", "f2.txt", "f3.txt"), storedOrder);
        assertEquals(4, manifest().size());
    }

    @Test
    void a_failing_store_commits_nothing_of_its_batch_and_stops_the_run() throws Exception {
        for (int i = 0; i < 4; i++) {
            write("f" + i + ".txt", "file " + i + "\n");
        }
        ChunkSink sink = sink(outcomes -> {
            if (outcomes.get(0).relPath().equals("f2.txt")) {
                throw new IllegalStateException("store down");
            }
        });
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            IndexRun run = oneFileBatches(m, ProgressListener.NONE, sink);
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, run::run);
            assertEquals("store down", e.getMessage());
            m.rollback();
        }
        assertEquals(List.of("f0.txt", "f1.txt"), List.copyOf(manifest().keySet()));
    }

    @Test
    void a_pass_stopped_mid_way_leaves_work_that_the_next_full_pass_rescans_not_trusts() throws Exception {
        for (int i = 0; i < 4; i++) {
            write("f" + i + ".txt", "file " + i + "\n");
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            IndexRun.builder().root(root).manifest(m).walker(new Walker(root, WalkOptions.defaults()))
                    .chunker(new SourceChunker(limits, Map.of(), 1000)).workers(workers)
                    .settings(new RunSettings(1, 1 << 20, 1000, 0, true)).sink(sink(outcomes -> stop.set(true)))
                    .clock(Clock.systemUTC()).progress(ProgressListener.NONE).stopWhen(stop::get).build().run();
            assertTrue(m.pendingCount() > 0, "stopped with files left to do");
            assertEquals("index", m.checkpoint().phase().id());
        }
        write(".codeindexignore", "f3.txt\n"); // what was pending is now ignored
        index();
        assertFalse(manifest().containsKey("f3.txt"), "the stale work list was cleared, not replayed");
        assertTrue(manifest().keySet().containsAll(List.of("f0.txt", "f1.txt", "f2.txt")));
    }

    @Test
    void a_copy_found_by_hash_while_the_batch_before_rewrites_that_file_takes_no_chunks_of_other_content()
            throws Exception {
        write("B.txt", "same\n");
        index();
        write("B.txt", "other\nlines\nof\ntext\n"); // batch 1: B changes content
        write("D.txt", "same\n");                      // batch 2: D has B's old content
        // the worker chunking D lists B by its old hash before batch 1 is applied, and reads B's
        // entry after: the interleaving the pipeline allows
        java.util.concurrent.CountDownLatch bCommitted = new java.util.concurrent.CountDownLatch(1);
        Thread runThread = Thread.currentThread();
        try (MapDbManifest real = MapDbManifest.open(data.resolve("m.db"))) {
            dev.codeindex.manifest.Manifest m = new InterceptingManifest(real).beforeGet(path -> {
                if (path.equals("B.txt") && Thread.currentThread() != runThread) {
                    assertTrue(bCommitted.await(10, java.util.concurrent.TimeUnit.SECONDS));
                }
            }).afterCommit(n -> {
                if (real.get("B.txt").orElseThrow().size() > 5) {
                    bCommitted.countDown();
                }
            });
            IndexRun.builder().root(root).manifest(m).walker(new Walker(root, WalkOptions.defaults()))
                    .chunker(new SourceChunker(limits, Map.of(), 1000)).workers(workers)
                    .settings(new RunSettings(1, 1 << 20, 1000, 0, true)).sink(sink(o -> {})).clock(Clock.systemUTC())
                    .progress(ProgressListener.NONE).stopWhen(() -> false).build().run();
        }
        Path fresh = Files.createTempDirectory(data, "fresh");
        index(fresh, null); // an uninterrupted, unraced run over the same tree
        ManifestEntry d = manifest().get("D.txt");
        assertEquals(manifest(fresh).get("D.txt").chunks(), d.chunks(), "D's chunks are those of D's text");
        assertEquals(manifest(fresh).get("D.txt").hash(), d.hash());
    }

    @Test
    void a_run_that_fails_while_starting_a_batch_returns_only_after_the_files_it_submitted() throws Exception {
        write("f0.txt", "zero\n");
        write("f1.txt", "one\n");
        java.util.concurrent.atomic.AtomicInteger inWorker = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
        List<String> lateReads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread runThread = Thread.currentThread();
        try (MapDbManifest real = MapDbManifest.open(data.resolve("m.db"))) {
            dev.codeindex.manifest.Manifest m = new InterceptingManifest(real).beforeAnyCall(call -> {
                if (Thread.currentThread() != runThread && returned.get()) {
                    lateReads.add(call);
                }
            }).beforeGet(path -> {
                if (path.equals("f1.txt") && Thread.currentThread() == runThread) {
                    failed.countDown();
                    throw new IllegalStateException("manifest read failed");
                }
            }).beforeGonePathsWithHash(hash -> {
                if (Thread.currentThread() != runThread) {
                    inWorker.incrementAndGet();
                    try { // a slow file: still being read when the run fails, and until the run waits for it
                        assertTrue(failed.await(10, java.util.concurrent.TimeUnit.SECONDS));
                        Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                                .pollInterval(java.time.Duration.ofMillis(1))
                                .until(() -> runThread.getState() == Thread.State.WAITING
                                        || runThread.getState() == Thread.State.TIMED_WAITING);
                        held.set(true);
                    } finally {
                        inWorker.decrementAndGet();
                    }
                }
            });
            IndexRun run = IndexRun.builder().root(root).manifest(m).walker(new Walker(root, WalkOptions.defaults()))
                    .chunker(new SourceChunker(limits, Map.of(), 1000)).workers(workers)
                    .settings(new RunSettings(2, 1 << 20, 1000, 0, true)).sink(sink(o -> {})).clock(Clock.systemUTC())
                    .progress(ProgressListener.NONE).stopWhen(() -> false).build();
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, run::run);
            returned.set(true);
            assertEquals(0, inWorker.get(), "no worker still reads the manifest for the failed run");
            assertTrue(held.get(), "the run waited for the worker reading f0.txt");
            m.rollback();
            workers.shutdown(); // whatever the workers still had queued or running is done after this
            assertTrue(workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of(), lateReads, "manifest reads by a worker after the run returned");
        }
    }

    @Test
    void progress_from_the_workers_never_goes_backwards_and_ends_at_the_file_count() throws Exception {
        for (int i = 0; i < 300; i++) {
            write("d" + (i % 7) + "/f" + i + ".txt", "file " + i + "\n");
        }
        List<Long> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void progress(long done, String detail) {
                reports.add(done);
            }
        };
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            IndexRun.builder().root(root).manifest(m).walker(new Walker(root, WalkOptions.defaults()))
                    .chunker(new SourceChunker(limits, Map.of(), 1000)).workers(workers)
                    .settings(new RunSettings(40, 1 << 20, 1000, 0, true)).clock(Clock.systemUTC()).progress(progress)
                    .stopWhen(() -> false).build().run();
        }
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i) > reports.get(i - 1), "at " + i + ": " + reports.subList(Math.max(0, i - 3), i + 1));
        }
        assertEquals(300L, reports.get(reports.size() - 1));
    }

    /** A test sink: each batch's outcomes go to {@code onBatch}. */
    private static ChunkSink sink(java.util.function.Consumer<List<FileOutcome>> onBatch) {
        return new ChunkSink() {
            @Override
            public int apply(List<FileOutcome> outcomes, List<ManifestEntry> olds, SinkCounters counters,
                             java.util.function.IntConsumer stored, java.util.function.BooleanSupplier stop) {
                onBatch.accept(outcomes);
                return outcomes.size();
            }

            @Override
            public void removed(List<String> paths, List<ManifestEntry> olds, SinkCounters counters) {}

            @Override
            public boolean reusesChunkRefs() {
                return true;
            }
        };
    }

    private IndexRun oneFileBatches(MapDbManifest m, ProgressListener progress, ChunkSink sink) {
        return IndexRun.builder().root(root).manifest(m).walker(new Walker(root, WalkOptions.defaults()))
                .chunker(new SourceChunker(limits, Map.of(), 1000)).workers(workers)
                .settings(new RunSettings(1, 1 << 20, 1000, 0, true)).sink(sink).clock(Clock.systemUTC())
                .progress(progress).stopWhen(() -> false).build();
    }

    record SymbolTotals(long functions, long classes, long imports) {
        static SymbolTotals of(IndexSummary s) {
            return new SymbolTotals(s.functions(), s.classes(), s.imports());
        }
    }
    /**
     * Found by a user trial: a root on 30 s rescans logged the same unreadable files and directory at
     * every rescan. Needs a user whom permissions deny (not root).
     */
    @Test
    void an_unreadable_file_or_directory_is_warned_about_once_until_it_changes() throws Exception {
        write("a.txt", "a\n");
        write("secret.txt", "s\n");
        write("closed/x.txt", "x\n");
        Path file = root.resolve("secret.txt");
        Path dir = root.resolve("closed");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> none = java.util.Set.of();
        Files.setPosixFilePermissions(file, none);
        Files.setPosixFilePermissions(dir, none);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.codeindex.index");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file) || Files.isReadable(dir),
                    "permissions do not deny this user (root)");
            index();
            index();
            index();
            java.util.function.Supplier<List<String>> warnings = () -> logged.list.stream()
                    .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
            assertEquals(List.of("closed/: cannot be read (permission denied): nothing under it is indexed or watched",
                    "secret.txt: unreadable, skipped (permission denied)"), warnings.get());

            // readable for a pass, then not again: said again (the file, indexed meanwhile with an
            // unchanged stat, is not read again)
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            index();
            Files.setPosixFilePermissions(dir, none);
            index();
            index();
            assertEquals(3, warnings.get().size(), String.join("\n", warnings.get()));
            assertEquals(warnings.get().get(0), warnings.get().get(2));
        } finally {
            logger.detachAppender(logged);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
