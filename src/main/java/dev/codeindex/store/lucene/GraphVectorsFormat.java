package dev.codeindex.store.lucene;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsWriter;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's HNSW vector format, file for file, with the graph's dot products computed by
 * {@link VectorDot}. It carries Lucene's own name, so segments it writes are read back by the stock
 * format (a store stays readable by any Lucene 9.12, and by this class's absence): only how the
 * graph is built, at flush and at merge, changes.
 */
final class GraphVectorsFormat extends KnnVectorsFormat {
    private final int maxConn;
    private final int beamWidth;
    private final Lucene99FlatVectorsFormat flat = new Lucene99FlatVectorsFormat(new DotScorer());

    GraphVectorsFormat(int maxConn, int beamWidth) {
        super("Lucene99HnswVectorsFormat");
        this.maxConn = maxConn;
        this.beamWidth = beamWidth;
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return new Lucene99HnswVectorsWriter(state, maxConn, beamWidth, flat.fieldsWriter(state), 1, null);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return new Lucene99HnswVectorsReader(state, flat.fieldsReader(state));
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return new Lucene99HnswVectorsFormat().getMaxDimensions(fieldName);
    }

    @Override
    public String toString() {
        return "GraphVectorsFormat(maxConn=" + maxConn + ", beamWidth=" + beamWidth + ", dot=" + VectorDot.KIND + ")";
    }

    /**
     * Lucene's flat scorer, but float vectors compared by {@link VectorSimilarityFunction#DOT_PRODUCT}
     * (all this store writes) go through {@link VectorDot}, scored as Lucene scores them:
     * {@code max((1 + dot) / 2, 0)}.
     */
    static final class DotScorer implements FlatVectorsScorer {
        private static final FlatVectorsScorer LUCENE = DefaultFlatVectorScorer.INSTANCE;

        @Override
        public RandomVectorScorerSupplier getRandomVectorScorerSupplier(VectorSimilarityFunction similarity,
                RandomAccessVectorValues values) throws IOException {
            if (similarity == VectorSimilarityFunction.DOT_PRODUCT && values instanceof RandomAccessVectorValues.Floats f) {
                return new Supplier(f);
            }
            return LUCENE.getRandomVectorScorerSupplier(similarity, values);
        }

        @Override
        public RandomVectorScorer getRandomVectorScorer(VectorSimilarityFunction similarity,
                RandomAccessVectorValues values, float[] target) throws IOException {
            if (similarity == VectorSimilarityFunction.DOT_PRODUCT && values instanceof RandomAccessVectorValues.Floats f) {
                return new Scorer(f, target);
            }
            return LUCENE.getRandomVectorScorer(similarity, values, target);
        }

        @Override
        public RandomVectorScorer getRandomVectorScorer(VectorSimilarityFunction similarity,
                RandomAccessVectorValues values, byte[] target) throws IOException {
            return LUCENE.getRandomVectorScorer(similarity, values, target);
        }

        @Override
        public String toString() {
            return "DotScorer(" + VectorDot.KIND + ")";
        }
    }

    /** Scores of every node against node {@code ord}'s vector; two copies, as a value read may reuse its array. */
    private static final class Supplier implements RandomVectorScorerSupplier {
        private final RandomAccessVectorValues.Floats values;
        private final RandomAccessVectorValues.Floats queries;
        private final RandomAccessVectorValues.Floats targets;

        Supplier(RandomAccessVectorValues.Floats values) throws IOException {
            this.values = values;
            this.queries = values.copy();
            this.targets = values.copy();
        }

        @Override
        public RandomVectorScorer scorer(int ord) throws IOException {
            return new Scorer(targets, queries.vectorValue(ord));
        }

        @Override
        public RandomVectorScorerSupplier copy() throws IOException {
            return new Supplier(values.copy());
        }
    }

    private static final class Scorer extends RandomVectorScorer.AbstractRandomVectorScorer {
        private final RandomAccessVectorValues.Floats values;
        private final float[] query;

        Scorer(RandomAccessVectorValues.Floats values, float[] query) {
            super(values);
            this.values = values;
            this.query = query;
        }

        @Override
        public float score(int node) throws IOException {
            return Math.max((1 + VectorDot.IMPL.dot(query, values.vectorValue(node))) / 2, 0);
        }
    }
}
