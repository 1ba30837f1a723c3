import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Change-to-searchable latency of a running {@code codeindex watch}: writes a file defining a
 * function with a unique name, then polls {@code /search?q=NAME&k=1} every 5 ms until the first
 * result is that file. Prints one line per edit and a summary; the caller subtracts the debounce.
 *
 * <p>Run with the JDK's source launcher: {@code java bench/WatchLatency.java URL TREE N}.
 * No dependencies: it reads the JSON answer by string search.
 */
public final class WatchLatency {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path dir = Path.of(args[1]).resolve("codeindex_bench_edits");
        int n = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        HttpClient http = HttpClient.newHttpClient();
        List<Double> ms = new ArrayList<>();
        long salt = System.nanoTime() % 1_000_000;
        for (int i = 0; i < n; i++) {
            String name = "zqx_edit_" + salt + "_" + i;
            String rel = "codeindex_bench_edits/edit_" + (i % 10) + ".py";
            long t0 = System.nanoTime();
            Files.writeString(dir.resolve("edit_" + (i % 10) + ".py"),
                    "def " + name + "(x):\n    \"\"\"Edit number " + i + ".\"\"\"\n    return x + " + i + "\n");
            URI q = URI.create(url + "/search?k=1&q=" + name);
            while (true) {
                String body = http.send(HttpRequest.newBuilder(q).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("\"path\":\"" + rel + "\"") && body.contains(name)) {
                    break;
                }
                if ((System.nanoTime() - t0) > 60_000_000_000L) {
                    throw new IOException("edit " + i + " not searchable after 60 s: " + body);
                }
                Thread.sleep(5);
            }
            double d = (System.nanoTime() - t0) / 1e6;
            ms.add(d);
            System.err.printf(Locale.ROOT, "edit %d: %.0f ms%n", i, d);
            Thread.sleep(300); // let the daemon go idle between edits
        }
        Collections.sort(ms);
        System.out.printf(Locale.ROOT, "edits=%d p50=%.0f p90=%.0f p99=%.0f max=%.0f%n", n, pct(ms, 50), pct(ms, 90),
                pct(ms, 99), ms.get(ms.size() - 1));
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
