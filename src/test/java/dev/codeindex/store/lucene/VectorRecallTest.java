package dev.codeindex.store.lucene;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoredChunk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector graph is built well enough to find what an exact search finds: clustered vectors, as
 * embeddings of code are, stored in several commits; recall of the top 10 against a brute-force
 * ranking. A graph built with too few candidates (a beam of a handful) falls well below this.
 */
class VectorRecallTest {
    static final int DIM = 48;
    static final int POINTS = 4000;
    static final int QUERIES = 100;

    @TempDir
    Path dir;

    @Test
    void the_nearest_ten_of_an_exact_search_come_back() {
        SplittableRandom random = new SplittableRandom(42);
        float[][] centers = new float[80][];
        for (int c = 0; c < centers.length; c++) {
            centers[c] = gaussian(random, 1.0);
        }
        float[][] points = new float[POINTS + QUERIES][];
        for (int i = 0; i < points.length; i++) {
            float[] center = centers[random.nextInt(centers.length)];
            float[] noise = gaussian(random, 0.6);
            points[i] = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                points[i][d] = center[d] + noise[d];
            }
            points[i] = LuceneStore.unit(points[i]);
        }
        double found = 0;
        try (LuceneStore store = new LuceneStore(dir.resolve("lucene"))) {
            List<StoredChunk> batch = new ArrayList<>();
            for (int i = 0; i < POINTS; i++) {
                batch.add(new StoredChunk("p" + i, "f" + i + ".java", 1, 2, "", "lines", "java", "x", "h" + i, points[i]));
                if (batch.size() == 500) { // several commits: several segments, each with its graph
                    store.upsert(batch);
                    store.commit();
                    batch.clear();
                }
            }
            for (int q = POINTS; q < POINTS + QUERIES; q++) {
                float[] query = points[q];
                Set<String> exact = new HashSet<>();
                Integer[] order = IntStream.range(0, POINTS).boxed().toArray(Integer[]::new);
                Arrays.sort(order, Comparator.comparingDouble(i -> -dot(query, points[i])));
                for (int k = 0; k < 10; k++) {
                    exact.add("f" + order[k] + ".java");
                }
                List<SearchHit> hits = store.search(query, 50, new SearchFilter(null, null, null));
                for (int k = 0; k < 10 && k < hits.size(); k++) {
                    if (exact.contains(hits.get(k).path())) {
                        found++;
                    }
                }
            }
        }
        double recall = found / (QUERIES * 10);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    private static float[] gaussian(SplittableRandom random, double scale) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            // Box-Muller
            double u = 1 - random.nextDouble();
            v[d] = (float) (scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
