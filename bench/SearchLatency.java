import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Search latency of a running {@code codeindex watch}: sends each query of a file (one per line)
 * to {@code /search?k=10} after a warm-up of 10 queries, and prints p50/p90/p99/max in ms.
 *
 *   java bench/SearchLatency.java URL QUERIES_FILE
 */
public final class SearchLatency {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        List<String> queries = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < Math.min(10, queries.size()); i++) {
            get(http, url, queries.get(i));
        }
        List<Double> ms = new ArrayList<>();
        for (String q : queries) {
            long t0 = System.nanoTime();
            int status = get(http, url, q);
            ms.add((System.nanoTime() - t0) / 1e6);
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status + " for " + q);
            }
        }
        Collections.sort(ms);
        System.out.printf(Locale.ROOT, "queries=%d p50=%.0f p90=%.0f p99=%.0f max=%.0f%n", ms.size(), pct(ms, 50),
                pct(ms, 90), pct(ms, 99), ms.get(ms.size() - 1));
    }

    static int get(HttpClient http, String url, String q) throws Exception {
        URI u = URI.create(url + "/search?k=10&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
