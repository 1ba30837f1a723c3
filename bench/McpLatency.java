import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tool latency as an agent sees it: an MCP client (the official SDK's) calls {@code search_code} (and
 * {@code find_symbol} for identifier-shaped queries) once per query of a file, after a warm-up of 10,
 * and prints p50/p90/p99/max in ms per tool.
 *
 *   java -cp target/codeindex.jar bench/McpLatency.java http URL QUERIES_FILE
 *       the watch daemon's /mcp (streamable HTTP)
 *   java -cp target/codeindex.jar bench/McpLatency.java stdio ROOT DATA_DIR QUERIES_FILE
 *       `codeindex mcp ROOT` spawned over stdio (it asks the daemon of ROOT when one runs)
 */
public final class McpLatency {
    public static void main(String[] args) throws Exception {
        McpSyncClient c;
        List<String> queries;
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        if (args[0].equals("http")) {
            c = McpClient.sync(HttpClientStreamableHttpTransport.builder(args[1]).endpoint("/mcp").jsonMapper(json)
                    .build()).requestTimeout(Duration.ofSeconds(60)).build();
            queries = read(args[2]);
        } else {
            String jar = Path.of(McpLatency.class.getProtectionDomain().getCodeSource() == null ? "target/codeindex.jar"
                    : System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toString();
            ServerParameters p = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                    .args("-Xmx512m", "-jar", jar, "mcp", args[1], "--data-dir", args[2]).build();
            c = McpClient.sync(new StdioClientTransport(p, json)).requestTimeout(Duration.ofSeconds(60)).build();
            queries = read(args[3]);
        }
        c.initialize();
        List<Double> search = new ArrayList<>();
        List<Double> symbol = new ArrayList<>();
        for (int i = 0; i < Math.min(10, queries.size()); i++) {
            call(c, "search_code", Map.of("query", queries.get(i), "k", 10));
        }
        for (String q : queries) {
            search.add(call(c, "search_code", Map.of("query", q, "k", 10)));
            if (q.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                symbol.add(call(c, "find_symbol", Map.of("name", q)));
            }
        }
        c.closeGracefully();
        print(args[0] + " search_code", search);
        print(args[0] + " find_symbol", symbol);
    }

    static List<String> read(String file) throws Exception {
        return Files.readAllLines(Path.of(file)).stream().filter(l -> !l.isBlank()).toList();
    }

    static double call(McpSyncClient c, String tool, Map<String, Object> args) {
        long t0 = System.nanoTime();
        McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
        double ms = (System.nanoTime() - t0) / 1e6;
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalStateException(tool + " " + args + ": " + r.content());
        }
        return ms;
    }

    static void print(String what, List<Double> ms) {
        if (ms.isEmpty()) {
            return;
        }
        Collections.sort(ms);
        System.out.printf(Locale.ROOT, "%s: calls=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f ms%n", what, ms.size(),
                pct(ms, 50), pct(ms, 90), pct(ms, 99), ms.get(ms.size() - 1));
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
