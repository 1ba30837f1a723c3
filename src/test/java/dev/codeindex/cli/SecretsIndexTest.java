package dev.codeindex.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.embed.http.FakeEmbeddingServer;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree with secrets planted in many languages and formats, indexed for real through an HTTP
 * embedder (a fake server on a loopback port that records every text it is sent): no secret reaches
 * the server, the search answers (CLI and daemon) or the logs; code that only names a secret stays
 * as it is; line numbers are those of the file. Secrets are built from pieces at run time.
 */
class SecretsIndexTest {
    static final String AWS_ID = "AKIA" + "Q3EGRT7W2HXP5ZN4";
    static final String GHP = "ghp_" + "R8sT2uV4wX6yZ8aB0cD2eF4gH6iJ8kL0mN2p";
    static final String YAML_PW = "hunter2" + "-yml";
    static final String PROPS_PW = "Pr0ps" + "-S3cret";
    static final String PY_PW = "py" + "-Secr3t-99";
    static final String JSON_KEY = "json" + "-K3y-abc123";
    static final String DOCKER_AUTH = "dXNlcjpo" + "dW50ZXIyaHVudGVy";
    static final String ENV_RANDOM = "q8Zr2LmX" + "7vPb4Nc9Wd1K";
    static final String PEM_BODY = "MIIEowIBAAKCAQEA7bq9" + "Zk3u0X9mYk1rL2pQ";
    static final String ACME = "acme_" + "0123456789abcdef";
    static final String MY_CNF_PW = "cnf" + "-Secret-77";
    static final List<String> SECRETS = List.of(AWS_ID, GHP, YAML_PW, PROPS_PW, PY_PW, JSON_KEY, DOCKER_AUTH,
            ENV_RANDOM, PEM_BODY, ACME, MY_CNF_PW);
    /** Files holding a secret that is redacted (the allowed fixture and the excluded .my.cnf are not). */
    static final int REDACTED_FILES = 10;

    @TempDir
    Path root;
    @TempDir
    Path data;
    @TempDir
    Path tmp;
    private FakeEmbeddingServer server;
    final ObjectMapper json = new ObjectMapper();
    final List<Process> children = new ArrayList<>();

    @BeforeEach
    void plant() throws Exception {
        server = new FakeEmbeddingServer();
        write("src/main/java/app/AwsClient.java", """
                package app;

                class AwsClient {
                    private static final String ACCESS_KEY = "%s";

                    String login() {
                        String password = getPassword();
                        return password;
                    }
                }
                """.formatted(AWS_ID));
        write("app/db.py", """
                import psycopg

                DB_PASSWORD = "%s"


                def open_database():
                    return psycopg.connect(host="db", password=DB_PASSWORD)
                """.formatted(PY_PW));
        write("config/application.yml", "spring:\n  datasource:\n    url: jdbc:postgresql://db/app\n    password: "
                + YAML_PW + "\n    username: app\n");
        write("src/main/resources/application.properties", "spring.datasource.username=app\n"
                + "spring.datasource.password=" + PROPS_PW + "\nserver.port=8080\n");
        write("scripts/deploy.sh", "#!/bin/sh\nset -e\nGITHUB_TOKEN=" + GHP + "\nexport GITHUB_TOKEN\ngh release create\n");
        write("config/settings.json", "{\n  \"service\": \"billing\",\n  \"apiKey\": \"" + JSON_KEY + "\"\n}\n");
        write("ci/docker/config.json", "{\n  \"auths\": {\n    \"registry.example.com\": {\n      \"auth\": \""
                + DOCKER_AUTH + "\"\n    }\n  }\n}\n");
        write("deploy/prod.env", "APP_NAME=billing\nSESSION_KEY=" + ENV_RANDOM + "\nLOG_LEVEL=info\n");
        write("docs/deploy-keys.md", "# Deploy keys\n\nThe old key:\n\n-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY
                + "\nx8Vb3Nc4Md5Oe6Pf7Qg8Rh9Si0Tj1Uk2Vl3Wm4Xn5Yo6\n-----END RSA PRIVATE KEY-----\n\nRotate it yearly.\n");
        write("tools/acme.go", "package tools\n\nconst vendorKey = \"" + ACME + "\"\n\nfunc Vendor() string { return vendorKey }\n");
        write("test/fixtures.yaml", "user:\n  password: fixture-only\n");
        write(".my.cnf", "[client]\npassword=" + MY_CNF_PW + "\n");
    }

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        server.close();
    }

    void write(String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    Path config() throws Exception {
        Path f = tmp.resolve("codeindex.yaml");
        Files.writeString(f, "embedder:\n  model: http\n  url: " + server.baseUrl() + "\n  httpModel: m\n"
                + "secrets:\n  extraPatterns:\n    - {name: acme-key, regex: 'acme_[0-9a-f]{16}'}\n"
                + "  allow:\n    - 'fixture-[a-z]+'\n");
        return f;
    }

    /** The CLI in a child process, with codeindex's debug logs on stderr. */
    Process child(Path stdout, Path stderr, String... args) throws Exception {
        List<String> cmd = ChildJvm.command(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("CODEINDEX_LOG_LEVEL", "debug");
        Process p = pb.start();
        children.add(p);
        return p;
    }

    static void noSecretIn(String where, String text) {
        for (String s : SECRETS) {
            assertFalse(text.contains(s), where + " holds the secret " + s.substring(0, 4) + "…: " + text);
        }
    }

    /** Every snippet line is the file's line at that number, or that line with a secret replaced. */
    void linesAreTheFiles(JsonNode hit) throws Exception {
        List<String> file = Files.readAllLines(root.resolve(hit.path("path").asText()));
        List<String> snippet = List.of(hit.path("snippet").asText().split("\r?\n", -1)); // lines joined by \n
        int start = hit.path("startLine").asInt();
        assertEquals(hit.path("endLine").asInt() - start + 1, snippet.size(), hit.toString());
        boolean block = false; // the lines a private-key block spanned are left empty after its marker
        for (int i = 0; i < snippet.size(); i++) {
            String was = file.get(start - 1 + i);
            String now = snippet.get(i);
            assertTrue(now.equals(was) || now.contains("«redacted") || (block && now.isEmpty()),
                    "line " + (start + i) + ": " + now + " / " + was);
            block = now.contains("«redacted:private-key»") || (block && now.isEmpty() && !was.isEmpty());
        }
    }

    @Test
    void no_planted_secret_reaches_the_embedder_the_answers_or_the_logs() throws Exception {
        Path config = config();
        Path out = tmp.resolve("index.json");
        Path err = tmp.resolve("index.log");
        Process index = child(out, err, "index", root.toString(), "--json", "--no-progress", "--data-dir",
                data.toString(), "--config", config.toString());
        assertTrue(index.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(err);
        assertEquals(0, index.exitValue(), log);
        JsonNode summary = json.readTree(Files.readString(out));
        assertEquals(REDACTED_FILES, summary.path("files").path("redacted").asLong(), summary.toString());
        noSecretIn("the index log", log);
        assertTrue(log.contains("config/application.yml:4: secret redacted (assignment)"), log);
        assertTrue(log.contains("src/main/java/app/AwsClient.java:4: secret redacted (aws-access-key)"), log);

        List<String> sent = new ArrayList<>();
        server.requests().forEach(r -> sent.addAll(r.input()));
        String all = String.join("\n", sent);
        noSecretIn("the texts sent to the embedding server", all);
        assertTrue(all.contains("password: «redacted»"), all);
        assertTrue(all.contains("spring.datasource.password=«redacted»"), all);
        assertTrue(all.contains("GITHUB_TOKEN=«redacted:github-token»"), all);
        assertTrue(all.contains("«redacted:acme-key»"), "an extra pattern of the config: " + all);
        assertTrue(all.contains("String password = getPassword();"), "code that names a secret stays: " + all);
        assertTrue(all.contains("password: fixture-only"), "secrets.allow keeps its matches: " + all);
        assertFalse(all.contains("[client]"), ".my.cnf is excluded by name");

        List<String> queries = new ArrayList<>(List.of("password", "database password", "token", "private key",
                "api key", "docker registry auth", "session key", "vendor key", "AWS access key"));
        queries.addAll(SECRETS);
        int hits = 0;
        for (String q : queries) {
            CliRunner.Result r = CliRunner.run("search", q, "--root", root.toString(), "--json", "-k", "20",
                    "--data-dir", data.toString(), "--config", config.toString());
            assertEquals(0, r.exit(), r.err());
            noSecretIn("search --json " + q, r.out() + r.err());
            for (JsonNode h : json.readTree(r.out()).path("results")) {
                linesAreTheFiles(h);
                hits++;
            }
        }
        assertTrue(hits > 20, "the searches found the planted files: " + hits);

        // get_context and find_similar read the file itself: they show it as the index holds it
        List<String> places = List.of("src/main/java/app/AwsClient.java:4", "app/db.py:3", "config/application.yml:4",
                "src/main/resources/application.properties:2", "scripts/deploy.sh:3", "config/settings.json:3",
                "ci/docker/config.json:4", "deploy/prod.env:2", "docs/deploy-keys.md:6", "tools/acme.go:3");
        for (String place : places) {
            CliRunner.Result c = CliRunner.run("context", root.resolve(place).toString(), "--json", "--data-dir",
                    data.toString(), "--config", config.toString());
            assertEquals(0, c.exit(), place + ": " + c.err());
            noSecretIn("context " + place, c.out() + c.err());
            assertTrue(c.out().contains("«redacted"), place + ": " + c.out());
            CliRunner.Result sim = CliRunner.run("similar", root.resolve(place).toString(), "--json", "--data-dir",
                    data.toString(), "--config", config.toString());
            noSecretIn("similar " + place, sim.out() + sim.err());
        }

        // the daemon: its own pass over the tree, its logs, /search and /status
        Path data2 = tmp.resolve("daemon-data");
        Path dlog = tmp.resolve("watch.log");
        Process watch = child(tmp.resolve("watch.out"), dlog, "watch", root.toString(), "--data-dir", data2.toString(),
                "--config", config.toString(), "--port", "0", "--no-progress");
        String url = url(data2, watch);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).until(() -> http.send(HttpRequest.newBuilder(URI.create(url + "/ready"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        JsonNode status = json.readTree(get(http, url + "/status"));
        assertEquals(REDACTED_FILES, status.path("roots").get(0).path("files").path("redacted").asLong(), status.toString());
        CliRunner.Result text = CliRunner.run("status", "--data-dir", data2.toString(), "--config", config.toString());
        assertTrue(text.out().contains(REDACTED_FILES + " with secrets redacted"), text.out() + text.err());
        for (String q : queries) {
            String body = get(http, url + "/search?k=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            noSecretIn("/search " + q, body);
            for (JsonNode h : json.readTree(body).path("results")) {
                linesAreTheFiles(h);
            }
        }
        for (String place : places) {
            String[] pl = place.split(":");
            String body = get(http, url + "/context?line=" + pl[1] + "&path=" + URLEncoder.encode(pl[0], StandardCharsets.UTF_8));
            noSecretIn("/context " + place, body);
            assertTrue(body.contains("«redacted"), place + ": " + body);
        }
        watch.destroy();
        assertTrue(watch.waitFor(60, TimeUnit.SECONDS));
        noSecretIn("the daemon log", Files.readString(dlog));
        // the queries above went to the server too (searching for a secret sends it): leave those out
        noSecretIn("the texts sent to the embedding server", String.join("\n",
                server.requests().stream().flatMap(r -> r.input().stream()).filter(t -> !queries.contains(t)).toList()));
    }

    @Test
    void with_secrets_disabled_the_text_is_indexed_as_it_is() throws Exception {
        Path f = tmp.resolve("off.yaml");
        Files.writeString(f, "embedder:\n  model: http\n  url: " + server.baseUrl() + "\n  httpModel: m\n"
                + "secrets:\n  enabled: false\n");
        JsonNode summary = CliRunner.json("index", root.toString(), "--json", "--no-progress", "--data-dir",
                data.toString(), "--config", f.toString());
        assertEquals(0, summary.path("files").path("redacted").asLong());
        String all = String.join("\n", server.requests().stream().flatMap(r -> r.input().stream()).toList());
        assertTrue(all.contains(YAML_PW), "the switch is honoured");
    }

    @Test
    void an_invalid_regex_exits_2_naming_the_key() throws Exception {
        for (String[] c : new String[][] {{"extraPatterns", "'acme_[0-9'"}, {"allow", "'(unclosed'"}}) {
            Path f = tmp.resolve("bad.yaml");
            Files.writeString(f, "secrets:\n  " + c[0] + ":\n    - " + c[1] + "\n");
            CliRunner.Result r = CliRunner.run("index", root.toString(), "--offline", "--no-progress", "--data-dir",
                    data.toString(), "--config", f.toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("secrets." + c[0]) && r.err().contains("invalid regex"), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    String url(Path dataDir, Process p) throws Exception {
        Path dir = dataDir.resolve(WatchCommand.DAEMONS_DIR);
        Path file = dir.resolve(p.pid() + ".json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file) || !p.isAlive());
        assertTrue(p.isAlive(), "the daemon exited");
        return json.readTree(Files.readString(file)).path("url").asText();
    }

    static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
