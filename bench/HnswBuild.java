import java.io.*;
import java.nio.file.*;
import java.util.*;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.search.*;
import org.apache.lucene.store.FSDirectory;

/**
 * How the HNSW parameters trade graph building time against recall, on vectors from
 * bench/EmbedWindows.java (or random:N for uniform random ones). The last 300 vectors are queries,
 * the rest are indexed in one thread with the Lucene store's RAM buffer, a commit every 2048; each
 * query asks k = 50 as the searcher does. Prints build time, recall@10 and @50 against an exact
 * search, and query time, per M:BEAM configuration, for -Drounds=R rounds (alternating).
 *
 * <pre>java -Drounds=2 -cp target/codeindex.jar bench/HnswBuild.java VECTORS 16:100 16:64 16:50</pre>
 */
public class HnswBuild {
    public static void main(String[] a) throws Exception {
        float[][] v;
        if (a[0].startsWith("random:")) {
            int n0 = Integer.parseInt(a[0].substring(7)); v = new float[n0][384];
            java.util.SplittableRandom r = new java.util.SplittableRandom(1);
            for (float[] x : v) for (int j = 0; j < 384; j++) x[j] = (float) r.nextGaussian();
        } else
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(a[0])))) {
            int n = in.readInt(), d = in.readInt();
            v = new float[n][d];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) v[i][j] = in.readFloat();
        }
        for (float[] x : v) { double s = 0; for (float f : x) s += f * f; float r = (float) (1 / Math.sqrt(s)); for (int j = 0; j < x.length; j++) x[j] *= r; }
        int q = 300, n = v.length - q;
        int[][] exact = new int[q][];
        for (int i = 0; i < q; i++) {
            float[] qv = v[n + i];
            Integer[] idx = new Integer[n]; float[] sc = new float[n];
            for (int j = 0; j < n; j++) { idx[j] = j; float s = 0; for (int k = 0; k < qv.length; k++) s += qv[k] * v[j][k]; sc[j] = s; }
            Arrays.sort(idx, (x, y) -> Float.compare(sc[y], sc[x]));
            exact[i] = new int[50]; for (int k = 0; k < 50; k++) exact[i][k] = idx[k];
        }
        int rounds = Integer.parseInt(System.getProperty("rounds", "2"));
        for (int r = 0; r < rounds; r++) for (int c = 1; c < a.length; c++) {
            String[] mb = a[c].split(":"); int m = Integer.parseInt(mb[0]), beam = Integer.parseInt(mb[1]);
            Path dir = Files.createTempDirectory("hnsw");
            IndexWriterConfig cfg = new IndexWriterConfig().setRAMBufferSizeMB(32).setCodec(new Lucene912Codec() {
                final KnnVectorsFormat f = new Lucene99HnswVectorsFormat(m, beam);
                @Override public KnnVectorsFormat getKnnVectorsFormatForField(String field) { return f; }
            });
            long t0 = System.nanoTime();
            try (FSDirectory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, cfg)) {
                for (int i = 0; i < n; i++) {
                    Document doc = new Document();
                    doc.add(new StoredField("i", i));
                    doc.add(new KnnFloatVectorField("vector", v[i], VectorSimilarityFunction.DOT_PRODUCT));
                    w.addDocument(doc);
                    if (i % 2048 == 2047) w.commit();
                }
                w.commit();
                long t1 = System.nanoTime();
                try (DirectoryReader reader = DirectoryReader.open(w)) {
                    IndexSearcher s = new IndexSearcher(reader);
                    double r10 = 0, r50 = 0; long qt = 0;
                    for (int i = 0; i < q; i++) {
                        long s0 = System.nanoTime();
                        TopDocs td = s.search(new KnnFloatVectorQuery("vector", v[n + i], 50), 50);
                        qt += System.nanoTime() - s0;
                        Set<Integer> got10 = new HashSet<>(), got50 = new HashSet<>();
                        for (int k = 0; k < td.scoreDocs.length; k++) {
                            int id = s.storedFields().document(td.scoreDocs[k].doc).getField("i").numericValue().intValue();
                            if (k < 10) got10.add(id);
                            got50.add(id);
                        }
                        for (int k = 0; k < 10; k++) if (got10.contains(exact[i][k])) r10++;
                        for (int k = 0; k < 50; k++) if (got50.contains(exact[i][k])) r50++;
                    }
                    System.out.printf("M=%d beam=%d n=%d build %.1f s (%.0f vec/s) segments %d recall@10 %.4f recall@50 %.4f query %.2f ms%n",
                        m, beam, n, (t1 - t0) / 1e9, n / ((t1 - t0) / 1e9), reader.leaves().size(), r10 / (q * 10), r50 / (q * 50), qt / 1e6 / q);
                }
            }
            try (var s = Files.walk(dir)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
        }
    }
}
