package dev.codeindex.store.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.util.Jit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector graph's dot product: SIMD where Java's vector module is present (the build's tests run
 * with it, as {@code bin/codeindex} does), equal to Lucene's loop within float rounding on every length;
 * and the format that uses it writes segments stock Lucene reads and searches.
 */
class VectorDotTest {
    @TempDir
    Path dir;

    @Test
    void this_jvm_uses_simd_when_the_vector_module_and_c2_are_there() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(module && Jit.c2Runs() && !Boolean.getBoolean("codeindex.scalarDot"),
                VectorDot.KIND.startsWith("SIMD"), VectorDot.KIND);
        assertTrue(module, "the test JVM runs with --add-modules jdk.incubator.vector (pom.xml), as bin/codeindex does");
    }

    @Test
    void products_agree_with_lucenes_loop_on_every_length_around_the_lane_counts() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 1; n <= 200; n++) {
            check(random, n);
        }
        for (int n : new int[] {255, 256, 257, 384, 511, 512, 513, 768, 1024, 1536}) {
            check(random, n);
        }
    }

    private static void check(SplittableRandom random, int n) {
        float[] a = new float[n];
        float[] b = new float[n];
        double exact = 0;
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
            b[i] = (float) random.nextDouble(-1, 1);
            exact += (double) a[i] * b[i];
            magnitude += Math.abs((double) a[i] * b[i]);
        }
        float tolerance = (float) (1e-6 * n * Math.max(1, magnitude / n) + 1e-6);
        assertEquals(exact, VectorDot.SCALAR.dot(a, b), tolerance, "loop, length " + n);
        assertEquals(exact, VectorDot.IMPL.dot(a, b), tolerance, VectorDot.KIND + ", length " + n);
    }

    @Test
    void segments_it_writes_carry_lucenes_format_name_and_stock_lucene_searches_them() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        int n = 600;
        float[][] vectors = new float[n][];
        IndexWriterConfig cfg = new IndexWriterConfig().setCodec(new Lucene912Codec() {
            @Override
            public org.apache.lucene.codecs.KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return new GraphVectorsFormat(16, 64);
            }
        });
        try (FSDirectory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, cfg)) {
            for (int i = 0; i < n; i++) {
                float[] v = new float[24];
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) random.nextGaussian();
                }
                vectors[i] = LuceneStore.unit(v);
                Document doc = new Document();
                doc.add(new StringField("id", "d" + i, Field.Store.YES));
                doc.add(new KnnFloatVectorField("vector", vectors[i], VectorSimilarityFunction.DOT_PRODUCT));
                w.addDocument(doc);
                if (i % 200 == 199) {
                    w.commit();
                }
            }
            w.forceMerge(1); // the merge builds its graph with the format's scorer too
        }
        // a reader opened on its own: every codec and format as stock Lucene finds them by name
        try (FSDirectory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
            assertEquals(1, r.leaves().size());
            LeafReader leaf = r.leaves().get(0).reader();
            KnnVectorsReader vr = ((PerFieldKnnVectorsFormat.FieldsReader) ((SegmentReader) leaf).getVectorReader())
                    .getFieldReader("vector");
            assertTrue(vr instanceof org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader, vr.toString());
            IndexSearcher searcher = new IndexSearcher(r);
            int found = 0;
            for (int q = 0; q < 20; q++) {
                float[] query = vectors[q * 29];
                List<String> ids = new ArrayList<>();
                for (ScoreDoc sd : searcher.search(new KnnFloatVectorQuery("vector", query, 5), 5).scoreDocs) {
                    ids.add(searcher.storedFields().document(sd.doc).get("id"));
                }
                found += ids.get(0).equals("d" + (q * 29)) ? 1 : 0;
            }
            assertEquals(20, found, "each stored vector is its own nearest neighbour");
        }
    }
}
