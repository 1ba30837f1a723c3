package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar ({@code target/codeindex.jar}, run by the failsafe plugin after {@code package}):
 * the shade filters left out debug symbols and other platforms' natives
 * and nothing this machine needs. Every native library is loaded for real: the ONNX runtime and
 * DJL's tokenizers (the bundled model embeds), tree-sitter (every grammar parses), and the HTTP
 * server answers.
 */
class JarIT {
    static final Path JAR = Path.of("target", "codeindex.jar");
    @TempDir
    Path root;
    @TempDir
    Path data;
    final ObjectMapper json = new ObjectMapper();
    final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    record Run(int exit, String out, String err) {}

    Process start(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        children.add(p);
        return p;
    }

    Run run(String... args) throws Exception {
        Path err = Files.createTempFile(data, "err", ".txt");
        Process p = start(err, args);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "codeindex " + String.join(" ", args) + " ended");
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    @Test
    void a_one_platform_jar_is_under_120_mb_without_debug_symbols_or_other_platforms_natives() throws Exception {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        boolean linuxX64 = os.contains("linux") && arch.equals("amd64");
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            List<String> names = zip.stream().map(e -> e.getName()).toList();
            assertFalse(names.stream().anyMatch(n -> n.endsWith(".pdb") || n.contains(".dSYM/")), "no debug symbols");
            long onnxPlatforms = names.stream().filter(n -> n.matches("ai/onnxruntime/native/[^/]+/[^/]+[.](so|dylib|dll)"))
                    .map(n -> n.split("/")[3]).distinct().count();
            assertTrue(onnxPlatforms >= 1, "the ONNX runtime's native library is in the jar");
            if (onnxPlatforms == 1) { // not a -Dplatform=all build
                assertTrue(Files.size(JAR) <= 120_000_000L, "jar size " + Files.size(JAR));
            }
            if (linuxX64 && onnxPlatforms == 1) {
                assertTrue(names.contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so"));
                assertTrue(names.contains("native/lib/linux-x86_64/cpu/libtokenizers.so"));
                assertTrue(names.contains("lib/x86_64-linux-gnu-tree-sitter-python.so"));
                List<String> foreign = names.stream()
                        .filter(n -> n.matches("(ai/onnxruntime/native/|native/lib/|lib/).+[.](so|dll|dylib)"))
                        .filter(n -> !n.matches(".*(linux-x64/|linux-x86_64/|x86_64-linux-gnu-).*")).toList();
                assertEquals(List.of(), foreign, "natives of other platforms");
            }
        }
    }

    @Test
    void the_jar_prints_its_version_indexes_with_every_native_searches_and_serves_http() throws Exception {
        Run version = run("--version");
        assertEquals(0, version.exit(), version.err());
        assertEquals("codeindex " + VersionTest.pomVersion(), version.out().trim().replaceAll(" \\(.*\\)$", ""));

        SampleSources.write(root, "settings.py");
        SampleSources.write(root, "Geometry.java");
        Files.writeString(root.resolve("add.go"), "package main\n\nfunc Add(a, b int) int { return a + b }\n");
        Files.writeString(root.resolve("greet.js"), "function greet(name) { return 'hello ' + name; }\n");
        Files.writeString(root.resolve("shape.ts"), "export function area(r: number): number { return 3.14 * r * r; }\n");
        Files.writeString(root.resolve("view.tsx"), "export function View() { return <div/>; }\n");
        Files.writeString(root.resolve("main.rs"), "fn main() { println!(\"hi\"); }\n");
        Files.writeString(root.resolve("sum.c"), "int sum(int a, int b) { return a + b; }\n");
        Files.writeString(root.resolve("box.cpp"), "class Box { public: int size() { return 1; } };\n");

        Run index = run("index", root.toString(), "--data-dir", data.toString(), "--json", "--no-progress");
        assertEquals(0, index.exit(), index.err());
        JsonNode summary = json.readTree(index.out());
        assertEquals(9, summary.path("files").path("indexed").asInt(), index.out());
        assertEquals(0, summary.path("files").path("parseFallback").asInt(), "every grammar loaded: " + index.out());
        assertEquals(9, summary.path("languages").size(), index.out());
        assertTrue(summary.path("chunks").path("embedded").asInt() > 0, index.out());

        Run search = run("search", "add two integers", "--root", root.toString(), "--data-dir", data.toString(), "--json");
        assertEquals(0, search.exit(), search.err());
        JsonNode results = json.readTree(search.out()).path("results");
        assertTrue(results.size() > 0, search.out());

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process watch = start(data.resolve("watch.log"), "watch", root.toString(), "--data-dir", data.toString(),
                "--port", Integer.toString(port));
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpResponse<String> status = null;
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until && watch.isAlive()) {
            try {
                status = http.send(HttpRequest.newBuilder(base.resolve("/ready")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        assertTrue(status != null && status.statusCode() == 200, "ready: " + Files.readString(data.resolve("watch.log")));
        JsonNode st = json.readTree(http.send(HttpRequest.newBuilder(base.resolve("/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(version.out().trim(), "codeindex " + st.path("version").asText());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html"), "status page");
        HttpResponse<String> sync = http.send(HttpRequest.newBuilder(base.resolve("/sync"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, sync.statusCode(), sync.body());
        watch.destroy();
        assertTrue(watch.waitFor(40, TimeUnit.SECONDS), "watch stops on SIGTERM");
        assertFalse(Files.readString(data.resolve("watch.log")).contains("NoClassDefFoundError"));
        assertTrue(new File(JAR.toString()).isFile());
    }
}
