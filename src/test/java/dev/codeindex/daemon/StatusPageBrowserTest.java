package dev.codeindex.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codeindex.embed.http.Sleeper;
import dev.codeindex.index.RunSettings;
import dev.codeindex.index.SemanticSink;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.search.Searcher;
import dev.codeindex.server.javalin.JavalinServer;
import dev.codeindex.store.lucene.LuceneStore;
import dev.codeindex.testing.FakeEmbedder;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser (Debian's chromium, driven by playwright-core from npm through
 * {@code src/test/browser/status-page.mjs}) while a real daemon runs its first pass over a temp tree:
 * the bar advances, a time left appears, the checkpoint is the run's, a search shows a result, pause
 * stops the progress and resume continues it. The embedder takes 120 ms a call, so the pass lasts
 * long enough to watch. Screenshots are kept in {@code target/browser-test/}.
 *
 * <p>Skipped only when chromium or node is missing; {@code .ci/run} installs both.
 */
class StatusPageBrowserTest {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path BROWSER_DIR = Path.of("src/test/browser");
    static final Path OUT = Path.of("target/browser-test");
    static final int FILES = 500;

    @TempDir
    Path tmp;

    final ExecutorService workers = Executors.newFixedThreadPool(2);
    MapDbManifest manifest;
    LuceneStore store;
    Daemon daemon;
    JavalinServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (daemon != null) {
            daemon.stop(10_000);
        }
        if (store != null) {
            store.close();
        }
        if (manifest != null) {
            manifest.close();
        }
        workers.shutdownNow();
    }

    @Test
    void the_status_page_tells_the_truth_during_a_first_pass_in_chromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM
                + ": install Debian's package (apt-get install -y chromium) to run the browser test");
        assumeTrue(onPath("node"), "no node on the PATH: install Node.js to run the browser test");
        ensurePlaywright();

        // a root whose path is long, as real ones are, to see that the page keeps it on one line
        Path root = Files.createDirectories(tmp.resolve("src").resolve("a-rather-long-directory-name-for-a-project")
                .resolve("with-modules-nested-several-levels-deep").resolve("and-one-more-level-of-packages"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(root.resolve("Aaa.java"), "class PaymentGateway {\n    void chargeCard(long cents) {}\n}\n");
        for (int i = 0; i < FILES; i++) {
            Files.writeString(root.resolve(String.format("Module%04d.java", i)), String.format(
                    "class Module%04d {\n    int compute%d(int x) {\n        return x * %d;\n    }\n}\n", i, i, i));
        }
        manifest = MapDbManifest.open(data.resolve("m.db"));
        store = new LuceneStore(data.resolve("lucene"));
        FakeEmbedder embedder = FakeEmbedder.hashed().withLatency(Duration.ofMillis(120), Sleeper.REAL);
        SemanticSink sink = new SemanticSink(embedder, store, manifest, "test");
        // one phase: every batch is embedded as it is stored, so the files indexed grow while the page is watched
        WatchedRoot watched = RealRoots.of(root, manifest, sink, workers,
                        new RunSettings(10, 1 << 20, 1 << 20, 0, false), Long.MAX_VALUE)
                .settings(new WatchSettings(50, 500, 1000, 600_000, 1_000, 50, 400))
                .describedAs("embedded", "hash-8")
                .build();
        daemon = new Daemon(List.of(new Daemon.Root(watched, new Searcher(embedder, store))), "test-version",
                Clock.systemUTC());
        server = new JavalinServer(daemon, "127.0.0.1", 0, null);
        watched.start();

        Files.createDirectories(OUT);
        Path log = OUT.resolve("status-page.log");
        Process node = new ProcessBuilder("node", BROWSER_DIR.resolve("status-page.mjs").toString(),
                "http://127.0.0.1:" + server.port() + "/", OUT.toString(), "PaymentGateway", "Aaa.java")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = awaitDumpingWhenSlow(node, log, OUT.resolve("threads-when-slow.txt"));
        if (!ended) {
            node.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (out.contains("SLOW:")) { // a stall the page caught up with: evidence, not a failure
            System.err.println("StatusPageBrowserTest: the page was slow to show a change (threads at that moment in "
                    + OUT.resolve("threads-when-slow.txt") + "):\n" + out);
        }
        assertTrue(ended, "the browser script did not end within 150 s:\n" + out);
        assertEquals(0, node.exitValue(), "the status page in chromium:\n" + out);
        assertTrue(Files.size(OUT.resolve("status-page.png")) > 0, "a screenshot is kept");
    }

    /**
     * Waits up to 150 s for the browser script. When it reports a page slow to show a change (a line
     * starting "SLOW: still waiting"), dumps this JVM's threads to {@code dump} at once, while the stall
     * may still hold: it tells whether the daemon's event stream was stuck, and where.
     */
    static boolean awaitDumpingWhenSlow(Process node, Path log, Path dump) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        boolean dumped = false;
        while (System.nanoTime() < end) {
            if (node.waitFor(200, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!dumped && Files.readString(log, StandardCharsets.UTF_8).contains("SLOW: still waiting")) {
                dumped = true;
                StringBuilder b = new StringBuilder();
                for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                    b.append(t.getThreadName()).append(" (").append(t.getThreadState()).append(")");
                    if (t.getLockName() != null) {
                        b.append(" on ").append(t.getLockName()).append(" held by ").append(t.getLockOwnerName());
                    }
                    b.append('\n');
                    for (StackTraceElement e : t.getStackTrace()) {
                        b.append("    at ").append(e).append('\n');
                    }
                }
                Files.writeString(dump, b.toString(), StandardCharsets.UTF_8);
            }
        }
        return false;
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** playwright-core as package-lock.json pins it: installed by {@code npm ci} when missing. */
    static void ensurePlaywright() throws IOException, InterruptedException {
        if (Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
            return;
        }
        assertTrue(onPath("npm"), "playwright-core is not installed in " + BROWSER_DIR + " and there is no npm:"
                + " run 'npm ci' there");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(BROWSER_DIR.toFile())
                .redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(npm.waitFor(300, TimeUnit.SECONDS) && npm.exitValue() == 0,
                "'npm ci' in " + BROWSER_DIR + " failed; run it by hand:\n" + out);
    }
}
