package dev.codeindex.store.lucene;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilteredDocIdSetIterator;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.util.Bits;

/**
 * Lucene's nearest-vector query, exact in a segment of at most {@link #EXACT_MAX_DOCS} documents: it
 * compares the query with every vector there instead of walking the segment's graph.
 *
 * <p>Why: a graph search is approximate, and which neighbours it misses depends on the order the
 * vectors were added in. The same chunks indexed in three orders gave one language's sentence queries
 * an MRR@10 of 0.503, 0.520 and 0.538 (bench/RESULTS.md): the answers of a small project changed with
 * the order its files were embedded in. Comparing with every vector of a small segment costs about
 * what the graph search costs there (the graph search visits a few thousand vectors for a beam of 50),
 * and its answer is the true nearest, whatever the order. Large segments (merged, of a large tree)
 * keep the graph. Qdrant does the same below its own threshold ({@code full_scan_threshold}).
 */
final class NearestVectorsQuery extends KnnFloatVectorQuery {
    /** Segments up to this size are searched exactly. */
    static final int EXACT_MAX_DOCS = 4_096;

    NearestVectorsQuery(String field, float[] target, int k, Query filter) {
        super(field, target, k, filter);
    }

    @Override
    protected TopDocs approximateSearch(LeafReaderContext context, Bits acceptDocs, int visitedLimit,
                                        KnnCollectorManager collectors) throws IOException {
        int maxDoc = context.reader().maxDoc();
        if (maxDoc > EXACT_MAX_DOCS) {
            return super.approximateSearch(context, acceptDocs, visitedLimit, collectors);
        }
        DocIdSetIterator all = DocIdSetIterator.all(maxDoc);
        // acceptDocs: the live documents that pass the filter (null: every document)
        DocIdSetIterator accepted = acceptDocs == null ? all : new FilteredDocIdSetIterator(all) {
            @Override
            protected boolean match(int doc) {
                return acceptDocs.get(doc);
            }
        };
        return exactSearch(context, accepted, null);
    }
}
