import com.fasterxml.jackson.databind.*;
import dev.codeindex.embed.onnx.*;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.*;
import dev.codeindex.store.lucene.LuceneStore;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

/**
 * Simulates a discount for short hits on the stores of a bench/retrieval5.sh work dir: the shipped
 * top 50 of every sentence query of one part, re-ranked by score - D for hits of at most L lines
 * (variant {@code L:D}; {@code uL:D} discounts unnamed hits only; {@code L:D:C} only hits whose whole text
 * is at most C characters), printed as sentence MRR@10 per
 * variant. {@code -Dshow=1} prints each query whose rank moved. For a build that already discounts,
 * variant {@code 0:0} is the shipped search. Run with the jar of the build to simulate on:
 * <pre>
 * java -Dsplit=tuning -Dv=0:0,2:0.3 --add-modules jdk.incubator.vector -cp target/codeindex.jar \
 *     bench/ShortHits.java WORK/python/data/…/lucene-… WORK/python/queries.jsonl python
 * </pre>
 */
public class ShortHits {
    record T(String path, int start, int end) {}
    record Q(String text, List<T> targets) {}

    public static void main(String[] a) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String split = System.getProperty("split", "tuning");
        List<Q> qs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(a[1]))) {
            JsonNode n = json.readTree(line);
            if (!n.get("type").asText().equals("sentence") || !n.get("split").asText().equals(split)) continue;
            List<T> ts = new ArrayList<>();
            for (JsonNode t : n.get("targets")) ts.add(new T(t.get("path").asText(), t.get("start").asInt(), t.get("end").asInt()));
            qs.add(new Q(n.get("query").asText(), ts));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (OnnxEmbedder onnx = new OnnxEmbedder(BundledModel.byName("bge"), pool);
             LuceneStore store = LuceneStore.openReadOnly(Path.of(a[0]))) {
            Searcher searcher = new Searcher(onnx, store);
            List<List<SearchHit>> lists = new ArrayList<>();
            for (Q q : qs) lists.add(searcher.search(q.text, 50, null, null));
            StringBuilder row = new StringBuilder("| " + a[2] + " " + split + " |");
            for (String spec : System.getProperty("v", "0:0,2:0.05,2:0.1,3:0.05,3:0.1,5:0.05,5:0.1").split(",")) {
                boolean unnamed = spec.startsWith("u");
                String sp = unnamed ? spec.substring(1) : spec;
                int L = Integer.parseInt(sp.split(":")[0]);
                double lam = Double.parseDouble(sp.split(":")[1]);
                int chars = sp.split(":").length > 2 ? Integer.parseInt(sp.split(":")[2]) : Integer.MAX_VALUE;
                double rr = 0;
                for (int i = 0; i < qs.size(); i++) {
                    List<SearchHit> h = new ArrayList<>(lists.get(i));
                    h.sort(Comparator.comparingDouble(x -> -(x.score() - (x.endLine() - x.startLine() + 1 <= L && (!unnamed || x.symbol().isEmpty())
                            && x.snippet().length() <= chars && !x.snippet().endsWith("…") ? lam : 0))));
                    double a0 = rr(lists.get(i), qs.get(i)), a1 = rr(h, qs.get(i));
                    if (System.getProperty("show") != null && a0 != a1) {
                        SearchHit t0 = lists.get(i).get(0);
                        System.out.printf("%s %.2f->%.2f | %s | top was %s:%d-%d %s%n", spec, a0, a1, qs.get(i).text.substring(0, Math.min(70, qs.get(i).text.length())), t0.path(), t0.startLine(), t0.endLine(), t0.symbol());
                    }
                    rr += a1;
                }
                row.append(String.format(Locale.ROOT, " %s %.3f |", spec, rr / qs.size()));
            }
            System.out.println(row);
        } finally { pool.shutdownNow(); }
    }

    static double rr(List<SearchHit> hits, Q q) {
        for (int r = 0; r < Math.min(10, hits.size()); r++) {
            SearchHit x = hits.get(r);
            for (T t : q.targets) if (t.path.equals(x.path()) && x.startLine() <= t.end && t.start <= x.endLine()) return 1.0 / (r + 1);
        }
        return 0;
    }
}
