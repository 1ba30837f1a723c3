import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.lucene.LuceneStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The embedded store's vector search alone: N random 384-dimension points committed PER at a time (a
 * segment each, until Lucene merges), then 200 queries for the nearest 10 after a warm-up; prints p50 and
 * p99 in ms. Random vectors are the graph's hard case and the exact search's usual one.
 *
 *   javac -cp J -d OUT bench/VectorSearchLatency.java
 *   java -Xmx512m --add-modules jdk.incubator.vector -cp J:OUT VectorSearchLatency N PER
 */
public final class VectorSearchLatency {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int per = Integer.parseInt(args[1]);
        int dim = 384;
        Path dir = Files.createTempDirectory("vector-search-latency");
        SplittableRandom random = new SplittableRandom(7);
        try (LuceneStore store = new LuceneStore(dir)) {
            List<StoredChunk> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(new StoredChunk("p" + i, "f" + i + ".java", 1, 2, "", "lines", "java", "x", "h" + i,
                        gaussian(random, dim)));
                if (batch.size() == per || i == n - 1) {
                    store.upsert(batch);
                    store.commit();
                    batch.clear();
                }
            }
            float[][] queries = new float[200][];
            for (int i = 0; i < queries.length; i++) {
                queries[i] = gaussian(random, dim);
            }
            SearchFilter none = new SearchFilter(null, null, null);
            for (int warm = 0; warm < 3; warm++) {
                for (float[] q : queries) {
                    store.search(q, 10, none);
                }
            }
            long[] nanos = new long[queries.length];
            for (int i = 0; i < queries.length; i++) {
                long t0 = System.nanoTime();
                store.search(queries[i], 10, none);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf("n=%d per=%d p50=%.2f ms p99=%.2f ms%n", n, per, nanos[nanos.length / 2] / 1e6,
                    nanos[(int) (nanos.length * 0.99)] / 1e6);
        }
    }

    private static float[] gaussian(SplittableRandom random, int dim) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
