package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codeindex mcp} as an agent runs it: a child JVM spawned by the SDK's own client, talking
 * MCP over its stdin and stdout, on a real tree indexed with the bundled model.
 */
class McpStdioTest {
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

    Path config() throws Exception {
        Path f = data.resolve("c.yaml");
        Files.writeString(f, "embedder:\n  model: minilm\n");
        return f;
    }

    McpSyncClient client(Path config) {
        return client(config, root);
    }

    McpSyncClient client(Path config, Path... dirs) {
        List<String> args = ChildJvm.arguments(List.of(), "mcp");
        for (Path d : dirs) {
            args.add(d.toString());
        }
        args.addAll(List.of("--data-dir", data.toString(), "--config", config.toString()));
        ServerParameters params = ServerParameters.builder(ChildJvm.java())
                .args(args)
                .build();
        McpSyncClient c = McpClient.sync(new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper())))
                .requestTimeout(Duration.ofSeconds(60)).build();
        c.initialize();
        return c;
    }

    static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    McpSchema.CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    @Test
    void an_agent_lists_the_tools_searches_the_index_on_disk_and_is_told_what_to_fix() throws Exception {
        SampleSources.write(root, "settings.py");
        SampleSources.write(root, "Geometry.java");
        SampleSources.write(root, "net.py");
        Path config = config();
        CliRunner.Result indexed = CliRunner.run("index", root.toString(), "--data-dir", data.toString(), "--config",
                config.toString(), "--no-progress");
        assertEquals(0, indexed.exit(), indexed.err());

        try (McpSyncClient c = client(config)) {
            assertEquals("codeindex", c.getCurrentInitializationResult().serverInfo().name());
            var tools = c.listTools().tools();
            assertEquals(new TreeSet<>(java.util.List.of("search_code", "find_symbol", "find_references", "get_context", "find_similar", "index_status", "reindex", "index")),
                    tools.stream().map(McpSchema.Tool::name).collect(Collectors.toCollection(TreeSet::new)));
            McpSchema.Tool search = tools.stream().filter(t -> t.name().equals("search_code")).findFirst().orElseThrow();
            JsonNode schema = json.valueToTree(search.inputSchema());
            assertEquals(new TreeSet<>(java.util.List.of("query", "k", "lang", "path", "root")),
                    new TreeSet<>(java.util.List.copyOf(schema.path("properties").properties().stream().map(Map.Entry::getKey).toList())),
                    schema.toString());
            assertEquals("[\"query\"]", schema.path("required").toString());

            McpSchema.CallToolResult hit = call(c, "search_code", Map.of("query", "parse the config file and report unknown keys", "k", 3));
            assertFalse(Boolean.TRUE.equals(hit.isError()), text(hit));
            JsonNode answer = json.readTree(text(hit));
            assertEquals("settings.py", answer.path("results").get(0).path("path").asText(), answer.toString());
            assertEquals("load_settings", answer.path("results").get(0).path("symbol").asText());
            assertTrue(answer.path("results").get(0).path("code").asText().contains("def load_settings"), answer.toString());
            assertTrue(answer.path("results").size() <= 3);
            assertEquals(0, answer.path("pending").asLong());

            JsonNode defined = json.readTree(text(call(c, "find_symbol", Map.of("name", "load_settings"))));
            assertEquals("settings.py", defined.path("results").get(0).path("path").asText(), defined.toString());
            assertEquals("load_settings", defined.path("results").get(0).path("symbol").asText());
            JsonNode aFunction = json.readTree(text(call(c, "find_symbol", Map.of("name", "load_settings", "kind", "function"))));
            assertEquals("load_settings", aFunction.path("results").get(0).path("symbol").asText(), aFunction.toString());
            JsonNode noClass = json.readTree(text(call(c, "find_symbol", Map.of("name", "load_settings", "kind", "class"))));
            assertEquals(0, noClass.path("results").size(), noClass.toString());
            assertTrue(noClass.path("note").asText().contains("drop `kind`"), noClass.toString());
            JsonNode methods = json.readTree(text(call(c, "find_symbol", Map.of("name", "distance", "kind", "method"))));
            assertEquals("Geometry.distance", methods.path("results").get(0).path("symbol").asText(), methods.toString());
            methods.path("results").forEach(h -> assertEquals("Geometry.java", h.path("path").asText(), methods.toString()));
            McpSchema.CallToolResult badKind = call(c, "find_symbol", Map.of("name", "distance", "kind", "no such kind!"));
            assertTrue(badKind.isError(), text(badKind));
            assertTrue(text(badKind).contains("not a kind"), text(badKind));

            // where a name is used: through the keyword index on disk, each line with the definition it sits in
            JsonNode uses = json.readTree(text(call(c, "find_references", Map.of("name", "values"))));
            assertEquals("values", uses.path("name").asText(), uses.toString());
            assertEquals(List.of("settings.py:6", "settings.py:7", "settings.py:10"), StreamSupport.stream(
                    uses.path("references").spliterator(), false).map(r -> r.path("path").asText() + ":" + r.path("line").asInt()).toList(),
                    uses.toString());
            assertEquals("load_settings", uses.path("references").get(0).path("symbol").asText(), uses.toString());
            assertEquals("values = json.load(f)", uses.path("references").get(0).path("text").asText(), uses.toString());
            assertTrue(uses.path("complete").asBoolean(), uses.toString());
            assertEquals(1, uses.path("files").asInt(), uses.toString());
            // the Javadoc's "radius" first: comments count
            JsonNode radius = json.readTree(text(call(c, "find_references", Map.of("name", "Geometry.radius", "lang", "java", "k", 1))));
            assertEquals("Geometry.java:2", radius.path("references").get(0).path("path").asText() + ":"
                    + radius.path("references").get(0).path("line").asInt(), radius.toString());
            assertFalse(radius.path("complete").asBoolean(), radius.toString());
            assertTrue(radius.path("note").asText().contains("raise `k`"), radius.toString());

            McpSchema.CallToolResult context = call(c, "get_context", Map.of("path", "Geometry.java", "line", 9));
            assertFalse(Boolean.TRUE.equals(context.isError()), text(context));
            JsonNode method = json.readTree(text(context));
            assertEquals("Geometry.distance", method.path("symbol").asText(), method.toString());
            assertEquals(7, method.path("startLine").asInt(), "from its Javadoc: " + method);
            assertEquals(10, method.path("endLine").asInt(), method.toString());
            assertTrue(method.path("code").asText().contains("Math.hypot"), method.toString());
            assertTrue(method.path("indexed").asBoolean(), method.toString());
            JsonNode function = json.readTree(text(call(c, "get_context", Map.of("path", "settings.py", "line", 6))));
            assertEquals("load_settings", function.path("symbol").asText(), function.toString());
            assertEquals(3, function.path("startLine").asInt(), function.toString());
            assertEquals(10, function.path("endLine").asInt(), function.toString());
            McpSchema.CallToolResult escape = call(c, "get_context", Map.of("path", "../outside.py", "line", 1));
            assertTrue(escape.isError(), text(escape));
            assertTrue(text(escape).contains("outside the root"), text(escape));
            McpSchema.CallToolResult past = call(c, "get_context", Map.of("path", "settings.py", "line", 500));
            assertTrue(past.isError(), text(past));
            assertTrue(text(past).contains("past the end of settings.py"), text(past));
            McpSchema.CallToolResult noLine = call(c, "get_context", Map.of("path", "settings.py"));
            assertTrue(noLine.isError(), text(noLine));
            assertTrue(text(noLine).contains("`line` is required"), text(noLine));

            McpSchema.CallToolResult similar = call(c, "find_similar", Map.of("path", "settings.py", "line", 6, "k", 2));
            assertFalse(Boolean.TRUE.equals(similar.isError()), text(similar));
            JsonNode like = json.readTree(text(similar));
            assertEquals("load_settings", like.path("source").path("symbol").asText(), like.toString());
            assertTrue(like.path("results").size() >= 1 && like.path("results").size() <= 2, like.toString());
            like.path("results").forEach(r -> assertFalse(r.path("path").asText().equals("settings.py")
                    && r.path("startLine").asInt() <= 10 && r.path("endLine").asInt() >= 3, "the source is left out: " + like));
            JsonNode bySnippet = json.readTree(text(call(c, "find_similar", Map.of("code",
                    "double d = Math.sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1));", "k", 3))));
            assertEquals("Geometry.distance", bySnippet.path("results").get(0).path("symbol").asText(), bySnippet.toString());
            McpSchema.CallToolResult neither = call(c, "find_similar", Map.of("k", 3));
            assertTrue(neither.isError(), text(neither));
            assertTrue(text(neither).contains("`code`"), text(neither));

            JsonNode byLang = json.readTree(text(call(c, "search_code", Map.of("query", "distance between points", "lang", "java"))));
            byLang.path("results").forEach(r -> assertEquals("java", r.path("language").asText(), byLang.toString()));

            JsonNode status = json.readTree(text(call(c, "index_status", Map.of())));
            // nothing watches an index on disk: it said "watching" beside "no watch daemon keeps …" (a trial)
            assertEquals("idle", status.path("state").asText(), status.toString());
            assertTrue(status.path("roots").get(0).path("reason").asText().startsWith("no watch daemon keeps it current"),
                    status.toString());
            assertTrue(status.path("roots").get(0).path("ready").asBoolean(), status.toString());
            assertEquals(root.toString(), status.path("roots").get(0).path("root").asText());
            assertEquals(3, status.path("roots").get(0).path("files").path("indexed").asLong(), status.toString());
            assertTrue(status.path("roots").get(0).path("chunks").asLong() >= 4, status.toString());

            McpSchema.CallToolResult noQuery = call(c, "search_code", Map.of("k", 3));
            assertTrue(noQuery.isError());
            assertTrue(text(noQuery).contains("`query` is required"), text(noQuery));
            McpSchema.CallToolResult zero = call(c, "search_code", Map.of("query", "x", "k", 0));
            assertTrue(zero.isError());
            assertTrue(text(zero).contains("`k` must be from 1 to 50"), text(zero));
            McpSchema.CallToolResult unknown = call(c, "search_code", Map.of("query", "x", "limit", 5));
            assertTrue(unknown.isError());
            assertTrue(text(unknown).contains("limit"), text(unknown));

            McpSchema.CallToolResult reindex = call(c, "reindex", Map.of());
            assertTrue(reindex.isError());
            assertTrue(text(reindex).contains("codeindex watch " + root), text(reindex));
        }
    }

    @Test
    void started_in_a_subdirectory_it_serves_the_root_that_contains_it() throws Exception {
        Path sub = Files.createDirectories(root.resolve("src/util"));
        SampleSources.write(root, "settings.py");
        SampleSources.write(sub, "net.py");
        Path config = config();
        CliRunner.Result indexed = CliRunner.run("index", root.toString(), "--data-dir", data.toString(), "--config",
                config.toString(), "--no-progress");
        assertEquals(0, indexed.exit(), indexed.err());

        try (McpSyncClient c = client(config, sub)) {
            JsonNode status = json.readTree(text(call(c, "index_status", Map.of())));
            assertEquals(root.toString(), status.path("roots").get(0).path("root").asText(), status.toString());
            assertEquals(2, status.path("roots").get(0).path("files").path("indexed").asLong(), status.toString());
            JsonNode answer = json.readTree(text(call(c, "search_code",
                    Map.of("query", "parse the config file and report unknown keys", "k", 3))));
            assertEquals("settings.py", answer.path("results").get(0).path("path").asText(), answer.toString());
        }
    }

    @Test
    void with_nothing_indexed_it_starts_and_says_to_run_index() throws Exception {
        SampleSources.write(root, "net.py");
        try (McpSyncClient c = client(config())) {
            McpSchema.CallToolResult r = call(c, "search_code", Map.of("query", "open a socket"));
            assertTrue(r.isError());
            assertTrue(text(r).contains("codeindex index " + root), text(r));
            JsonNode status = json.readTree(text(call(c, "index_status", Map.of())));
            assertEquals("degraded", status.path("state").asText(), status.toString());
            assertTrue(status.path("roots").get(0).path("reason").asText().contains("codeindex index"), status.toString());
        }
    }

    @Test
    void with_a_watch_daemon_it_answers_through_it_and_sees_an_edit_once_synced() throws Exception {
        SampleSources.write(root, "settings.py");
        SampleSources.write(root, "net.py");
        Path config = config();
        Process watch = startWatch(config);
        String url = daemonUrl(watch);
        HttpClient http = HttpClient.newHttpClient();

        try (McpSyncClient c = client(config)) {
            JsonNode status = json.readTree(text(call(c, "index_status", Map.of())));
            assertEquals("watching", status.path("state").asText(), status.toString());
            assertEquals(2, status.path("roots").get(0).path("files").path("indexed").asLong(), status.toString());
            assertTrue(status.path("roots").get(0).path("embedder").asText().contains("MiniLM")
                    || status.path("roots").get(0).path("embedder").asText().contains("minilm"), status.toString());

            JsonNode hit = json.readTree(text(call(c, "search_code", Map.of("query", "parse the config file and report unknown keys"))));
            assertEquals("settings.py", hit.path("results").get(0).path("path").asText(), hit.toString());

            Files.writeString(root.resolve("billing.py"), """
                    def send_invoice_email(customer, amount):
                        \"\"\"Email the customer an invoice for the amount they owe.\"\"\"
                        body = f"Dear {customer.name}, you owe {amount}."
                        customer.mailbox.send(subject="Invoice", body=body)
                    """);
            HttpResponse<String> synced = http.send(HttpRequest.newBuilder(URI.create(url + "/sync"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, synced.statusCode(), synced.body());
            JsonNode edited = json.readTree(text(call(c, "search_code", Map.of("query", "email an invoice to a customer", "k", 2))));
            assertEquals("billing.py", edited.path("results").get(0).path("path").asText(), edited.toString());
            assertEquals("send_invoice_email", edited.path("results").get(0).path("symbol").asText(), edited.toString());

            JsonNode context = json.readTree(text(call(c, "get_context", Map.of("path", "billing.py", "line", 3))));
            assertEquals("send_invoice_email", context.path("symbol").asText(), context.toString());
            assertEquals(1, context.path("startLine").asInt(), context.toString());
            assertTrue(context.path("indexed").asBoolean(), "the daemon indexed the edit: " + context);
            JsonNode like = json.readTree(text(call(c, "find_similar", Map.of("code",
                    "def mail_bill(client, total):\n    client.mailbox.send(subject='Bill', body=f'You owe {total}')", "k", 2))));
            assertEquals("billing.py", like.path("results").get(0).path("path").asText(), like.toString());
            McpSchema.CallToolResult outsideContext = call(c, "get_context", Map.of("path", "/etc/passwd", "line", 1));
            assertTrue(outsideContext.isError(), text(outsideContext));
            assertTrue(text(outsideContext).contains("outside the root"), text(outsideContext));

            McpSchema.CallToolResult reindex = call(c, "reindex", Map.of("path", "billing.py"));
            assertFalse(Boolean.TRUE.equals(reindex.isError()), text(reindex));
            JsonNode scheduled = json.readTree(text(reindex));
            assertTrue(scheduled.path("scheduled").asBoolean(), scheduled.toString());
            assertEquals("billing.py", scheduled.path("path").asText(), scheduled.toString());
            JsonNode index = json.readTree(text(call(c, "index", Map.of())));
            assertEquals("daemon", index.path("roots").get(0).path("state").asText(), index.toString());
            assertTrue(index.path("roots").get(0).path("message").asText().contains("the watch daemon at " + url), index.toString());
            McpSchema.CallToolResult outside = call(c, "reindex", Map.of("path", "../elsewhere"));
            assertTrue(outside.isError(), text(outside));
        }
    }

    @Test
    void serving_two_roots_it_searches_both_and_root_picks_one() throws Exception {
        Path other = Files.createDirectories(data.resolve("other-tree"));
        SampleSources.write(root, "settings.py");
        SampleSources.write(other, "Geometry.java");
        Path config = config();
        for (Path r : List.of(root, other)) {
            CliRunner.Result indexed = CliRunner.run("index", r.toString(), "--data-dir", data.toString(), "--config",
                    config.toString(), "--no-progress");
            assertEquals(0, indexed.exit(), indexed.err());
        }
        try (McpSyncClient c = client(config, root, other)) {
            JsonNode both = json.readTree(text(call(c, "search_code", Map.of("query", "parse the config file", "k", 50))));
            TreeSet<String> roots = new TreeSet<>();
            both.path("results").forEach(h -> roots.add(h.path("root").asText()));
            assertEquals(new TreeSet<>(List.of(root.toString(), other.toString())), roots, both.toString());
            assertEquals(root.toString(), both.path("results").get(0).path("root").asText(), both.toString());
            assertEquals("settings.py", both.path("results").get(0).path("path").asText(), both.toString());

            JsonNode onlyOther = json.readTree(text(call(c, "search_code",
                    Map.of("query", "parse the config file", "k", 50, "root", other.toString()))));
            onlyOther.path("results").forEach(h -> assertEquals(other.toString(), h.path("root").asText(), onlyOther.toString()));
            assertTrue(onlyOther.path("results").size() >= 1, onlyOther.toString());

            JsonNode symbol = json.readTree(text(call(c, "find_symbol", Map.of("name", "Geometry.distance"))));
            assertEquals(other.toString(), symbol.path("results").get(0).path("root").asText(), symbol.toString());

            // references over both, root by root in the order served; k counts them all, and a root after k is not asked
            JsonNode returns = json.readTree(text(call(c, "find_references", Map.of("name", "return"))));
            List<String> where = new ArrayList<>();
            returns.path("references").forEach(x -> where.add((x.path("root").asText().equals(root.toString()) ? "root " : "other ")
                    + x.path("path").asText() + ":" + x.path("line").asInt()));
            assertEquals(List.of("root settings.py:10", "other Geometry.java:4", "other Geometry.java:9"), where, returns.toString());
            assertTrue(returns.path("complete").asBoolean(), returns.toString());
            JsonNode first = json.readTree(text(call(c, "find_references", Map.of("name", "return", "k", 1))));
            assertEquals(1, first.path("references").size(), first.toString());
            assertFalse(first.path("complete").asBoolean(), first.toString());
            assertTrue(first.path("notes").toString().contains(other + " was not looked at"), first.toString());

            // a relative path one root holds is that root's (it was refused; a trial); one both hold is asked
            JsonNode unique = json.readTree(text(call(c, "get_context", Map.of("path", "settings.py", "line", 6))));
            assertEquals("load_settings", unique.path("symbol").asText(), unique.toString());
            Files.writeString(root.resolve("both.md"), "# both\n");
            Files.writeString(other.resolve("both.md"), "# both\n");
            McpSchema.CallToolResult ambiguous = call(c, "get_context", Map.of("path", "both.md", "line", 1));
            assertTrue(ambiguous.isError(), text(ambiguous));
            assertTrue(text(ambiguous).contains("2 of them hold both.md") && text(ambiguous).contains("`root`"),
                    text(ambiguous));
            JsonNode ctx = json.readTree(text(call(c, "get_context", Map.of("path", "Geometry.java", "line", 9,
                    "root", other.resolve("sub").toString()))));
            assertEquals("Geometry.distance", ctx.path("symbol").asText(), ctx.toString());
            JsonNode byAbsolute = json.readTree(text(call(c, "get_context",
                    Map.of("path", root.resolve("settings.py").toString(), "line", 6))));
            assertEquals("load_settings", byAbsolute.path("symbol").asText(), byAbsolute.toString());

            McpSchema.CallToolResult unknown = call(c, "index_status", Map.of("root", "/no/such/root"));
            assertTrue(unknown.isError(), text(unknown));
            assertTrue(text(unknown).contains(root.toString()) && text(unknown).contains(other.toString()), text(unknown));
            JsonNode status = json.readTree(text(call(c, "index_status", Map.of())));
            assertEquals(2, status.path("roots").size(), status.toString());
            status.path("roots").forEach(r -> assertTrue(r.path("source").asText().contains("index on disk"), status.toString()));
            JsonNode one = json.readTree(text(call(c, "index_status", Map.of("root", other.toString()))));
            assertEquals(1, one.path("roots").size(), one.toString());
            assertEquals(1, one.path("roots").get(0).path("files").path("indexed").asLong(), one.toString());
        }
    }

    /** Starts {@code codeindex watch ROOT} as a child and waits until it is ready. */
    Process startWatch(Path config) throws Exception {
        List<String> cmd = ChildJvm.command("watch", root.toString(), "--data-dir", data.toString(), "--config",
                config.toString(), "--port", "0", "--no-progress", "--debounce", "50ms");
        Process watch = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        children.add(watch);
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String url = null;
        while (System.nanoTime() < end && watch.isAlive()) {
            url = daemonUrl(watch);
            if (url != null && http.send(HttpRequest.newBuilder(URI.create(url + "/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertTrue(watch.isAlive(), "the daemon exited");
        return watch;
    }

    /** The URL a running daemon wrote in its file, or null before it did. */
    String daemonUrl(Process watch) throws Exception {
        Path daemonFile = data.resolve(WatchCommand.DAEMONS_DIR).resolve(watch.pid() + ".json");
        try {
            return Files.exists(daemonFile) ? json.readTree(Files.readString(daemonFile)).path("url").asText(null) : null;
        } catch (java.io.IOException e) {
            return null; // being written
        }
    }

    @Test
    void when_the_daemon_dies_it_answers_from_the_index_on_disk_says_so_and_goes_back_to_a_new_daemon() throws Exception {
        SampleSources.write(root, "settings.py");
        SampleSources.write(root, "net.py");
        Path config = config();
        Process first = startWatch(config);
        String firstUrl = daemonUrl(first);
        try (McpSyncClient c = client(config)) {
            JsonNode before = json.readTree(text(call(c, "index_status", Map.of())));
            assertEquals("the watch daemon at " + firstUrl + " (pid " + first.pid() + ")",
                    before.path("roots").get(0).path("source").asText(), before.toString());
            JsonNode hit = json.readTree(text(call(c, "search_code", Map.of("query", "parse the config file and report unknown keys"))));
            assertEquals("settings.py", hit.path("results").get(0).path("path").asText(), hit.toString());

            first.destroyForcibly(); // SIGKILL: no clean shutdown, its daemon file stays
            first.waitFor();
            McpSchema.CallToolResult afterDeath = call(c, "search_code", Map.of("query", "parse the config file and report unknown keys"));
            assertFalse(Boolean.TRUE.equals(afterDeath.isError()), text(afterDeath));
            JsonNode fromDisk = json.readTree(text(afterDeath));
            assertEquals("settings.py", fromDisk.path("results").get(0).path("path").asText(), fromDisk.toString());
            assertEquals(root.toString(), fromDisk.path("results").get(0).path("root").asText(), fromDisk.toString());
            JsonNode status = json.readTree(text(call(c, "index_status", Map.of())));
            String source = status.path("roots").get(0).path("source").asText();
            assertTrue(source.startsWith("index on disk (the watch daemon at " + firstUrl + " stopped answering at "), status.toString());
            assertEquals(2, status.path("roots").get(0).path("files").path("indexed").asLong(), status.toString());
            McpSchema.CallToolResult reindex = call(c, "reindex", Map.of());
            assertTrue(reindex.isError(), text(reindex));
            assertTrue(text(reindex).contains("codeindex watch " + root), text(reindex));

            Process second = startWatch(config);
            JsonNode back = json.readTree(text(call(c, "index_status", Map.of())));
            assertEquals("the watch daemon at " + daemonUrl(second) + " (pid " + second.pid() + ")",
                    back.path("roots").get(0).path("source").asText(), back.toString());
            McpSchema.CallToolResult scheduled = call(c, "reindex", Map.of());
            assertFalse(Boolean.TRUE.equals(scheduled.isError()), text(scheduled));
        }
    }

    @Test
    void the_index_tool_indexes_in_the_background_unless_another_process_holds_the_data_directory() throws Exception {
        SampleSources.write(root, "settings.py");
        SampleSources.write(root, "net.py");
        SampleSources.write(root, "Geometry.java");
        Path config = config();
        try (McpSyncClient c = client(config)) {
            McpSchema.CallToolResult nothing = call(c, "search_code", Map.of("query", "parse the config file"));
            assertTrue(nothing.isError(), text(nothing));
            assertTrue(text(nothing).contains("`index` tool"), text(nothing));

            try (dev.codeindex.manifest.DataDirLock held = dev.codeindex.manifest.DataDirLock.acquire(RootDirs.of(data, root))) {
                JsonNode busy = json.readTree(text(call(c, "index", Map.of())));
                assertEquals("busy", busy.path("roots").get(0).path("state").asText(), busy.toString());
                assertTrue(busy.path("roots").get(0).path("message").asText().contains("nothing was started"), busy.toString());
            }

            JsonNode started = json.readTree(text(call(c, "index", Map.of("root", root.toString()))));
            assertEquals("started", started.path("roots").get(0).path("state").asText(), started.toString());
            assertEquals(root.toString(), started.path("roots").get(0).path("root").asText(), started.toString());
            JsonNode status = json.readTree(text(call(c, "index_status", Map.of())));
            for (int i = 0; i < 600 && "indexing".equals(status.path("roots").get(0).path("state").asText()); i++) {
                assertTrue(status.path("roots").get(0).path("reason").asText().contains("in the background"), status.toString());
                assertFalse(status.path("roots").get(0).path("ready").asBoolean(), "a first index is not ready: " + status);
                Thread.sleep(200);
                status = json.readTree(text(call(c, "index_status", Map.of())));
            }
            assertEquals("idle", status.path("roots").get(0).path("state").asText(), status.toString());
            assertEquals(3, status.path("roots").get(0).path("files").path("indexed").asLong(), status.toString());

            JsonNode hit = json.readTree(text(call(c, "search_code", Map.of("query", "parse the config file and report unknown keys"))));
            assertEquals("settings.py", hit.path("results").get(0).path("path").asText(), hit.toString());
            CliRunner.Result after = CliRunner.run("index", root.toString(), "--data-dir", data.toString(), "--config",
                    config.toString(), "--no-progress");
            assertEquals(0, after.exit(), "the finished run released the data directory: " + after.err());
            JsonNode again = json.readTree(text(call(c, "index", Map.of())));
            assertEquals("started", again.path("roots").get(0).path("state").asText(), again.toString());
            JsonNode updating = json.readTree(text(call(c, "index_status", Map.of())));
            assertTrue(updating.path("roots").get(0).path("ready").asBoolean(), "a complete index stays ready: " + updating);
        }
    }
}
