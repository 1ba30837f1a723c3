package dev.codeindex.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codeindex watch} as a service manager runs it: a child JVM, signals, HTTP, restarts. */
class WatchCommandTest {
    @TempDir
    Path tmp;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    /** A child running watch, with its stderr lines queued for {@link #waitForLine}. */
    record Child(Process process, LinkedBlockingQueue<String> lines) {}

    Child watch(Path root, Path data, String... extra) throws IOException {
        List<String> cmd = ChildJvm.command("watch", root.toString(), "--data-dir", data.toString(), "--port", "0",
                "--no-progress", "--debounce", "50ms");
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CODEINDEX_LOG_LEVEL", "debug");
        pb.environment().put("CODEINDEX_EMBEDDER_MODEL", "minilm");
        Process p = pb.start();
        children.add(p);
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Child(p, lines);
    }

    static boolean waitForLine(Child c, String marker) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            String line = c.lines().poll(1, TimeUnit.SECONDS);
            if (line != null && line.contains(marker)) {
                return true;
            }
            if (line == null && !c.process().isAlive()) {
                return false;
            }
        }
        return false;
    }

    /** The daemon's URL from the file it writes into the data directory. */
    String url(Path data, Process p) throws Exception {
        Path file = data.resolve(WatchCommand.DAEMONS_DIR).resolve(p.pid() + ".json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file) || !p.isAlive());
        assertTrue(p.isAlive(), "the daemon exited");
        return json.readTree(Files.readString(file)).path("url").asText();
    }

    JsonNode get(String url) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    JsonNode post(String url) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void watch_serves_search_keeps_the_index_current_and_stops_cleanly_on_sigterm() throws Exception {
        Path root = tmp.resolve("tree");
        Path data = tmp.resolve("data");
        write(root, "src/Config.java", "class Config {\n    /** Reads the settings file. */\n    void load() {}\n}\n");
        write(root, "README.md", "# Demo\n");
        Child c = watch(root, data);
        String url = url(data, c.process());
        assertEquals("ok", get(url + "/health").path("status").asText());
        // start-up names each root and the status page, not only the JSON route
        assertTrue(waitForLine(c, "watching " + root), "the root is printed");
        assertTrue(waitForLine(c, "status page: " + url + "/ "), "the status page URL is printed");
        await().atMost(Duration.ofSeconds(120)).until(() -> status(url + "/ready") == 200);

        write(root, "src/net/Socket.java", "class Socket {\n    void closeQuietly() {}\n}\n");
        Files.delete(root.resolve("README.md"));
        assertTrue(post(url + "/sync").path("synced").asBoolean());
        JsonNode hits = get(url + "/search?q=" + URLEncoder.encode("Socket.closeQuietly", StandardCharsets.UTF_8));
        assertEquals("src/net/Socket.java", hits.path("results").get(0).path("path").asText());
        assertEquals(0, hits.path("pending").asLong());
        JsonNode status = get(url + "/status");
        assertEquals("watching", status.path("state").asText());
        assertEquals(2, status.path("roots").get(0).path("files").path("indexed").asLong());
        assertTrue(status.path("roots").get(0).path("embedder").asText().contains("minilm"));
        JsonNode viaSearch = CliRunner.json("search", "Socket.closeQuietly", "--root", root.toString(), "--data-dir",
                data.toString(), "--json");
        assertEquals("src/net/Socket.java", viaSearch.path("results").get(0).path("path").asText(),
                "search asks the running daemon");
        assertEquals(0, viaSearch.path("pending").asLong());
        JsonNode viaCli = CliRunner.json("status", "--data-dir", data.toString(), "--json");
        assertEquals("watching", viaCli.path("state").asText(), "status asks the running daemon");
        assertEquals(root.toString(), viaCli.path("roots").get(0).path("root").asText());

        c.process().destroy(); // SIGTERM
        assertTrue(c.process().waitFor(WatchCommand.SHUTDOWN_SECONDS + 10, TimeUnit.SECONDS));
        assertFalse(Files.exists(data.resolve(WatchCommand.DAEMONS_DIR).resolve(c.process().pid() + ".json")));
        assertTrue((Boolean) CrashResumeTest.dump(data).get("cleanShutdown"));
    }

    /**
     * A root watched through a symbolic link, searched from its real directory (the shell's {@code cd link}
     * gives that as the working directory): search said nothing was indexed and to index the real directory,
     * which made a second index that went stale beside the daemon's (a user trial).
     */
    @Test
    void a_root_watched_through_a_link_is_searched_from_its_real_directory_through_the_daemon() throws Exception {
        Path real = tmp.resolve("tiny");
        Path data = tmp.resolve("data");
        write(real, "src/Config.java", "class Config {\n    /** Reads the settings file. */\n    void load() {}\n}\n");
        Path link = Files.createSymbolicLink(tmp.resolve("tinylink"), real);
        Child c = watch(link, data);
        String url = url(data, c.process());
        await().atMost(Duration.ofSeconds(120)).until(() -> status(url + "/ready") == 200);
        write(real, "src/net/Socket.java", "class Socket {\n    void closeQuietly() {}\n}\n");
        assertTrue(post(url + "/sync").path("synced").asBoolean());

        for (Path dir : List.of(real, real.resolve("src/net"))) {
            CliRunner.Result r = CliRunner.run("search", "Socket.closeQuietly", "--root", dir.toString(), "--data-dir",
                    data.toString(), "--json");
            assertEquals(0, r.exit(), r.err());
            JsonNode hit = json.readTree(r.out()).path("results").get(0);
            assertEquals("src/net/Socket.java", hit.path("path").asText(), "the daemon's index answers: " + r.out());
            assertEquals(link.toString(), hit.path("root").asText(), r.out());
        }

        CliRunner.Result index = CliRunner.run("index", real.toString(), "--data-dir", data.toString(), "--no-progress");
        assertEquals(3, index.exit(), index.err());
        assertTrue(index.err().contains("keeps " + link + " indexed"), index.err());
        assertEquals(List.of(RootDirs.of(data, link)), RootDirs.all(data), "no second index of the same directory");

        // the daemon stopped, `watch` of the real path keeps the same index (it made a second one that went stale)
        c.process().destroy();
        assertTrue(c.process().waitFor(60, TimeUnit.SECONDS));
        Child again = watch(real, data);
        try {
            assertTrue(waitForLine(again, "watching " + link + ": it is the same directory as " + real));
            String url2 = url(data, again.process());
            await().atMost(Duration.ofSeconds(120)).until(() -> status(url2 + "/ready") == 200);
            assertEquals(List.of(RootDirs.of(data, link)), RootDirs.all(data), "still one index of the directory");
        } finally {
            again.process().destroy();
            again.process().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void kill_9_during_the_initial_pass_then_changes_while_down_then_restart_converges_to_a_fresh_index() throws Exception {
        Path root = tmp.resolve("tree");
        for (int i = 0; i < 300; i++) {
            write(root, "pkg" + (i % 7) + "/C" + i + ".java", "package pkg;\nclass C" + i + " {\n  int f() { return "
                    + i + "; }\n}\n");
        }
        Path data = tmp.resolve("data");
        Child first = watch(root, data, "--offline", "--batch-size", "2", "--threads", "1");
        assertTrue(waitForLine(first, "batch 10 committed"));
        first.process().destroyForcibly();
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));

        // while the daemon is down: delete, modify, add, move
        Files.delete(root.resolve("pkg0/C0.java"));
        write(root, "pkg1/C1.java", "package pkg;\nclass C1 { int changed() { return 1; } }\n");
        write(root, "added/D.java", "package added;\nclass D {}\n");
        Files.move(root.resolve("pkg2/C2.java"), root.resolve("added/C2.java"));

        Child second = watch(root, data, "--offline");
        String url = url(data, second.process());
        await().atMost(Duration.ofSeconds(120)).until(() -> status(url + "/ready") == 200);
        write(root, "added/E.java", "package added;\nclass E {}\n");
        assertTrue(post(url + "/sync").path("synced").asBoolean());
        JsonNode checkpoint = get(url + "/checkpoint");
        assertEquals("done", checkpoint.path("phase").asText());
        second.process().destroy();
        assertTrue(second.process().waitFor(WatchCommand.SHUTDOWN_SECONDS + 10, TimeUnit.SECONDS));

        Path clean = tmp.resolve("clean");
        CliRunner.json("index", root.toString(), "--offline", "--data-dir", clean.toString(), "--json", "--no-progress");
        assertEquals(CrashResumeTest.dump(clean).get("entries"), CrashResumeTest.dump(data).get("entries"));
        assertEquals(CrashResumeTest.dump(clean).get("totals"), CrashResumeTest.dump(data).get("totals"));
    }

    @Test
    void sigterm_during_a_batch_of_the_initial_pass_exits_within_the_bound_with_a_clean_checkpoint() throws Exception {
        Path root = tmp.resolve("tree");
        for (int i = 0; i < 300; i++) {
            write(root, "p/C" + i + ".java", "class C" + i + " { void f() {} }\n");
        }
        Path data = tmp.resolve("data");
        Child c = watch(root, data, "--offline", "--batch-size", "2", "--threads", "1");
        assertTrue(waitForLine(c, "batch 3 committed"));
        long t0 = System.nanoTime();
        c.process().destroy();
        assertTrue(c.process().waitFor(WatchCommand.SHUTDOWN_SECONDS + 10, TimeUnit.SECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) <= WatchCommand.SHUTDOWN_SECONDS + 5);
        var state = CrashResumeTest.dump(data);
        assertTrue((Boolean) state.get("cleanShutdown"), state.toString());
        try (Stream<Path> s = Files.list(data.resolve(WatchCommand.DAEMONS_DIR))) {
            assertEquals(0, s.count(), "the daemon file is removed on exit");
        }
    }

    /**
     * The bundled model embedding a large batch when SIGTERM comes: the daemon stores the files it
     * has finished and exits at once, instead of waiting for the whole batch past its bound and
     * exiting with the model still running (a crash inside the native runtime). 800 files make the
     * first pass two-phase: every file is stored for keyword search first, and the model runs in the
     * embed phase, where the stop keeps the vectors of the files finished.
     */
    @Test
    void sigterm_while_the_model_embeds_a_large_batch_stores_the_finished_files_and_exits_promptly() throws Exception {
        Path root = tmp.resolve("tree");
        int files = 800;
        for (int i = 0; i < files; i++) {
            StringBuilder src = new StringBuilder("class C" + i + " {\n");
            for (int k = 0; k < 4; k++) {
                src.append("    /** Parses record ").append(k).append(" of table ").append(i)
                        .append(". */\n    int parse").append(k).append("(String line) { return line.indexOf(")
                        .append(i * 7 + k).append("); }\n");
            }
            write(root, "p/C" + i + ".java", src.append("}\n").toString());
        }
        Path data = tmp.resolve("data");
        Child c = watch(root, data, "--batch-size", String.valueOf(files), "--threads", "1");
        String url = url(data, c.process());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode p = get(url + "/status").path("roots").get(0).path("progress");
                    return "embed".equals(p.path("phase").asText()) && p.path("done").asLong() > 0;
                });
        long t0 = System.nanoTime();
        c.process().destroy(); // SIGTERM
        assertTrue(c.process().waitFor(WatchCommand.SHUTDOWN_SECONDS + 10, TimeUnit.SECONDS));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertEquals(143, c.process().exitValue(), "a clean SIGTERM exit, not a crash");
        var state = CrashResumeTest.dump(data);
        assertTrue((Boolean) state.get("cleanShutdown"), state.toString());
        assertEquals(files, ((Map<?, ?>) state.get("entries")).size(), "every file is keyword-indexed");
        assertEquals(0L, state.get("pending"));
        long unembedded = (Long) ((Map<?, ?>) state.get("totals")).get("unembedded");
        long embedded = files - unembedded;
        assertTrue(embedded > 0 && embedded < files,
                "a part of the one batch is stored with vectors: " + embedded + " (in " + seconds + " s)");
    }

    @Test
    void bad_watch_setups_exit_2_with_a_message_before_anything_is_indexed() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "roots:\n  - {path: " + a + ", collection: same}\n  - {path: " + b
                + ", collection: same}\n");
        CliRunner.Result shared = CliRunner.run("watch", "--config", config.toString(), "--data-dir",
                tmp.resolve("d1").toString(), "--port", "0");
        assertEquals(2, shared.exit(), shared.err());
        assertTrue(shared.err().contains("share collection 'same'"), shared.err());

        // a root inside another, or one directory twice through a link: indexed and found twice (a new-user trial)
        Path inner = Files.createDirectories(a.resolve("lib"));
        CliRunner.Result nested = CliRunner.run("watch", a.toString(), inner.toString(), "--offline", "--port", "0",
                "--data-dir", tmp.resolve("d5").toString());
        assertEquals(2, nested.exit(), nested.err());
        assertTrue(nested.err().contains("root " + inner + " lies inside root " + a), nested.err());
        Path link = Files.createSymbolicLink(tmp.resolve("a-link"), a);
        CliRunner.Result twice = CliRunner.run("watch", a.toString(), link.toString(), "--offline", "--port", "0",
                "--data-dir", tmp.resolve("d5").toString());
        assertEquals(2, twice.exit(), twice.err());
        assertTrue(twice.err().contains("are the same directory"), twice.err());
        assertFalse(Files.exists(tmp.resolve("d5").resolve("roots")), "refused before any root was opened");

        CliRunner.Result open = CliRunner.run("watch", a.toString(), "--offline", "--bind", "0.0.0.0", "--port", "0",
                "--data-dir", tmp.resolve("d2").toString());
        assertEquals(2, open.exit(), open.err());
        assertTrue(open.err().contains("token"), open.err());
        assertFalse(Files.exists(tmp.resolve("d2").resolve("roots")), "refused before any root was opened");

        write(a, "A.java", "class A { void f() {} }\n");
        // Javalin's own "Failed to start" ERROR is not logged before the message (found by a new-user trial)
        ch.qos.logback.classic.Logger javalin = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "io.javalin.Javalin");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        javalin.addAppender(logged);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRunner.Result busy = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRunner.run("watch",
                    a.toString(), "--offline", "--port", Integer.toString(taken.getLocalPort()), "--no-progress",
                    "--data-dir", tmp.resolve("d4").toString()));
            assertEquals(2, busy.exit(), busy.err());
            assertTrue(busy.err().contains("cannot serve HTTP") && busy.err().contains("--port"), busy.err());
        } finally {
            javalin.detachAppender(logged);
        }
        assertEquals(List.of(), logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(
                ch.qos.logback.classic.Level.ERROR)).map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .toList(), "no error of Javalin's own");

        CliRunner.Result missing = CliRunner.run("watch", tmp.resolve("nope").toString(), "--port", "0",
                "--data-dir", tmp.resolve("d3").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("not a directory"), missing.err());
    }

    @Test
    void watch_without_a_root_exits_2_with_the_fix_and_never_falls_back_to_the_working_directory() throws Exception {
        Path config = tmp.resolve("empty.yaml");
        Files.writeString(config, "roots: []\n");
        Path data = tmp.resolve("data");
        CliRunner.Result none = CliRunner.run("watch", "--config", config.toString(), "--data-dir", data.toString(),
                "--port", "0", "--offline", "--no-progress");
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().contains("no root to watch"), none.err());
        assertTrue(none.err().contains("codeindex watch ."), "the message gives the fix: " + none.err());
        assertTrue(none.err().contains(config.toString()), "names the config file to edit: " + none.err());
        assertFalse(none.err().contains("Exception"), none.err());
        assertFalse(Files.exists(data.resolve("roots")), "nothing was indexed");
    }

    @Test
    void one_daemon_watches_the_roots_of_the_config_file_each_with_its_own_manifest() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        write(a, "A.java", "class A { void f() {} }\n");
        write(b, "b.py", "def g():\n    return 1\n");
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "roots:\n  - " + a + "\n  - {path: " + b + ", collection: bee}\n");
        Path data = tmp.resolve("data");
        Process p = watchConfig(config, data, "--offline");
        String url = readyUrl(data, p);
        write(a, "A2.java", "class A2 {}\n");
        write(b, "c.py", "x = 1\n");
        assertTrue(post(url + "/sync").path("synced").asBoolean());
        JsonNode status = get(url + "/status");
        assertEquals(2, status.path("roots").size());
        assertEquals(a.toString(), status.path("roots").get(0).path("root").asText());
        assertEquals(2, status.path("roots").get(0).path("files").path("indexed").asLong());
        assertEquals(2, status.path("roots").get(1).path("files").path("indexed").asLong());
        assertEquals(2, get(url + "/checkpoint").path("roots").size());
        assertTrue(get(url + "/search?q=x").path("error").asText().contains("offline"));
        // a one-shot index of a watched root: exit 3, and the message names the daemon that holds it
        CliRunner.Result busy = CliRunner.run("index", a.toString(), "--offline", "--data-dir", data.toString(),
                "--no-progress");
        assertEquals(3, busy.exit());
        assertTrue(busy.err().contains("watch daemon (pid " + p.pid() + ", " + url + ")"), busy.err());
        CliRunner.Result second = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRunner.run("watch",
                b.toString(), "--offline", "--data-dir", data.toString(), "--port", "0", "--no-progress"));
        assertEquals(3, second.exit(), second.err());
        assertTrue(second.err().contains("watch daemon (pid " + p.pid() + ", " + url + ") keeps " + b), second.err());
        p.destroy();
        assertTrue(p.waitFor(WatchCommand.SHUTDOWN_SECONDS + 10, TimeUnit.SECONDS));
        try (Stream<Path> s = Files.list(data.resolve("roots"))) {
            assertEquals(2, s.count(), "one manifest per root");
        }
    }

    /** A child watching the roots of {@code config}, its output discarded. */
    Process watchConfig(Path config, Path data, String... extra) throws IOException {
        List<String> cmd = ChildJvm.command("watch", "--config", config.toString(), "--data-dir", data.toString(),
                "--port", "0", "--no-progress");
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        children.add(p);
        return p;
    }

    /** The daemon's URL once its initial pass is done. */
    String readyUrl(Path data, Process p) throws Exception {
        String url = url(data, p);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(url + "/ready") == 200);
        return url;
    }

    @Test
    void the_roots_of_a_semantic_daemon_share_one_embedder() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        write(a, "A.java", "class A { void openSocket() {} }\n");
        write(b, "b.py", "def parse_args():\n    return 1\n");
        try (dev.codeindex.embed.http.FakeEmbeddingServer server = new dev.codeindex.embed.http.FakeEmbeddingServer()) {
            Path config = tmp.resolve("c.yaml");
            Files.writeString(config, "embedder:\n  model: http\n  url: " + server.baseUrl() + "\n  httpModel: m\n"
                    + "roots:\n  - " + a + "\n  - {path: " + b + ", collection: bee}\n");
            Path data = tmp.resolve("data");
            Process p = watchConfig(config, data);
            String url = readyUrl(data, p);
            long probes = server.requests().stream()
                    .filter(r -> r.input().equals(List.of(dev.codeindex.embed.http.HttpEmbedder.PROBE_TEXT)))
                    .count();
            assertEquals(1, probes, "one embedder opened for both roots");
            assertEquals("A.java", get(url + "/search?q=openSocket&root=" + a).path("results").get(0).path("path").asText());
            assertEquals("b.py", get(url + "/search?q=parse_args&root=" + b).path("results").get(0).path("path").asText());
            p.destroy();
            assertTrue(p.waitFor(WatchCommand.SHUTDOWN_SECONDS + 10, TimeUnit.SECONDS));
        }
    }

    /** A daemon bound to all interfaces advertised http://0.0.0.0:PORT/, which browsers refuse (a new-user trial). */
    @Test
    void a_daemon_bound_to_all_interfaces_is_advertised_at_loopback() {
        assertEquals("http://127.0.0.1:7341", WatchCommand.url("0.0.0.0", 7341));
        assertEquals("http://[::1]:7341", WatchCommand.url("::", 7341));
        assertEquals("http://[fe80::1]:7341", WatchCommand.url("fe80::1", 7341));
        assertEquals("http://10.0.0.5:7341", WatchCommand.url("10.0.0.5", 7341));
        // short IPv4 forms bind, but `status` could not reach http://127.1:PORT/ ("unsupported URI"; a trial)
        assertEquals("http://127.0.0.1:7341", WatchCommand.url("127.1", 7341));
        assertEquals("http://127.0.0.1:7341", WatchCommand.url("2130706433", 7341));
        assertEquals("http://127.0.0.1:7341", WatchCommand.url("0", 7341));
    }

    /**
     * One root of the config missing at start (unmounted, say) stopped watch for every root with exit 2, which
     * the service does not restart on (a new-user trial); a root deleted while watching was already tolerated.
     * Now the others are watched, and the missing one is indexed once it is there.
     */
    @Test
    void a_config_root_missing_at_start_is_watched_once_it_is_there_and_the_others_meanwhile() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        write(a, "A.java", "class A { void present() {} }\n");
        Path later = tmp.resolve("later");
        Path config = Files.writeString(tmp.resolve("c.yaml"), "roots:\n  - " + a + "\n  - " + later + "\n");
        Path data = tmp.resolve("data");
        List<String> cmd = ChildJvm.command("watch", "--config", config.toString(), "--data-dir", data.toString(),
                "--port", "0", "--no-progress", "--offline", "--debounce", "50ms");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        children.add(p);
        String url = url(data, p);
        await().atMost(Duration.ofSeconds(60)).until(() -> get(url + "/status").path("roots").size() == 2
                && get(url + "/status").path("roots").get(0).path("files").path("indexed").asLong() == 1);
        JsonNode missing = get(url + "/status").path("roots").get(1);
        assertEquals("degraded", missing.path("state").asText(), missing.toString());
        assertTrue(missing.path("reason").asText().contains("does not exist (not created yet"), missing.toString());

        write(later, "L.java", "class L { void arrived() {} }\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> get(url + "/status").path("roots").get(1).path("files")
                .path("indexed").asLong() == 1);
        assertEquals("watching", get(url + "/status").path("roots").get(1).path("state").asText());

        // a ROOT typed on the command line that is not there is a mistake to fix, as before
        CliRunner.Result typo = CliRunner.run("watch", tmp.resolve("typo").toString(), "--port", "0", "--data-dir",
                tmp.resolve("d2").toString());
        assertEquals(2, typo.exit(), typo.err());
    }

    /**
     * An index run (an MCP session's index tool, say) held one root of the config, and watch exited 3 for every
     * root: a service does not restart on 3, so it stayed down for good. Now the other roots are watched, the
     * held one says who holds it (status, answers), and it is watched once the run lets go.
     */
    @Test
    void a_root_an_index_run_holds_is_watched_once_the_run_lets_go_and_the_others_meanwhile() throws Exception {
        Path a = tmp.resolve("a");
        Path held = tmp.resolve("held");
        write(a, "A.java", "class A { void present() {} }\n");
        write(held, "H.java", "class H { void waited() {} }\n");
        Path config = Files.writeString(tmp.resolve("c.yaml"), "roots:\n  - " + a + "\n  - " + held + "\n");
        Path data = tmp.resolve("data");
        Path folder = RootDirs.of(data, held);
        long pid = ProcessHandle.current().pid();
        try (dev.codeindex.manifest.DataDirLock lock = dev.codeindex.manifest.DataDirLock.acquire(folder)) {
            Files.writeString(folder.resolve(ProgressFile.NAME), "{\"pid\":" + pid + ",\"root\":\"" + held
                    + "\",\"progress\":{}}");
            Process p = watchConfig(config, data, "--offline", "--debounce", "50ms");
            String url = url(data, p);
            await().atMost(Duration.ofSeconds(60)).until(() -> get(url + "/status").path("roots").size() == 2
                    && get(url + "/status").path("roots").get(0).path("files").path("indexed").asLong() == 1);
            // past two tries of the lock: the reason still names the run (a version that listed the waiting root in
            // its daemon file took its own file for another daemon's)
            Thread.sleep(2 * WatchCommand.WAIT_RETRY_MILLIS + 500);
            Path daemonFile = data.resolve(WatchCommand.DAEMONS_DIR).resolve(p.pid() + ".json");
            JsonNode listed = json.readTree(Files.readString(daemonFile)).path("roots");
            assertEquals(1, listed.size(), listed.toString());
            assertEquals(a.toString(), listed.get(0).asText(), "a waiting root is left to the index on disk (search, MCP)");
            JsonNode waiting = get(url + "/status").path("roots").get(1);
            assertEquals(held.toString(), waiting.path("root").asText());
            assertEquals("degraded", waiting.path("state").asText(), waiting.toString());
            assertTrue(waiting.path("reason").asText().contains("an index run (pid " + pid + ") holds its index"),
                    waiting.toString());
            assertTrue(get(url + "/context?path=" + held.resolve("H.java") + "&line=1&root=" + held).path("error")
                    .asText().contains(held + " is not watched yet: an index run (pid " + pid + ")"));
            assertTrue(post(url + "/sync").path("error").asText().contains("is not watched yet"));
            assertTrue(p.isAlive(), "the daemon serves the other root meanwhile");
            Files.delete(folder.resolve(ProgressFile.NAME));
        }
        Process p = children.get(children.size() - 1);
        String url = url(data, p);
        await().atMost(Duration.ofSeconds(60)).until(() -> get(url + "/status").path("roots").get(1).path("files")
                .path("indexed").asLong() == 1);
        JsonNode root = get(url + "/status").path("roots").get(1);
        assertEquals(held.toString(), root.path("root").asText());
        List<String> advertised = new ArrayList<>();
        json.readTree(Files.readString(data.resolve(WatchCommand.DAEMONS_DIR).resolve(p.pid() + ".json")))
                .path("roots").forEach(n -> advertised.add(n.asText()));
        assertEquals(List.of(a.toString(), held.toString()), advertised, "the daemon file names the root taken over");
        assertTrue(post(url + "/sync").path("synced").asBoolean());
        write(held, "H2.java", "class H2 {}\n");
        assertTrue(post(url + "/sync").path("synced").asBoolean());
        assertEquals(2, get(url + "/status").path("roots").get(1).path("files").path("indexed").asLong(),
                "the root taken over is watched: a new file is indexed");
        p.destroy();
        assertTrue(p.waitFor(WatchCommand.SHUTDOWN_SECONDS + 10, TimeUnit.SECONDS));
    }
}
