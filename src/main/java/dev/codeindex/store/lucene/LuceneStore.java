package dev.codeindex.store.lucene;

import dev.codeindex.store.PointRef;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoreUnavailableException;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * The embedded store: one Lucene index on disk in the data directory (HNSW vectors, BM25 text),
 * no server. Memory stays bounded: Lucene flushes segments to disk (RAM buffer below) and reads
 * them memory-mapped. Durable at {@link #commit()}.
 */
public final class LuceneStore implements VectorStore {
    /** Indexing RAM buffer before Lucene flushes a segment. */
    static final double RAM_BUFFER_MB = 32;
    static final int SNIPPET_CHARS = 400;

    private final FSDirectory dir;
    /** Null when opened read-only. */
    private final IndexWriter writer;
    private final SearcherManager searchers;

    /** Opens (or creates) the store for writing; one writer per directory (Lucene's write lock). */
    public LuceneStore(Path directory) {
        FSDirectory d = null;
        try {
            d = FSDirectory.open(directory);
            IndexWriterConfig cfg = new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(RAM_BUFFER_MB);
            this.writer = new IndexWriter(d, cfg);
            this.searchers = new SearcherManager(writer, null);
            this.dir = d;
        } catch (IOException e) {
            closeQuietly(d);
            throw new StoreUnavailableException("cannot open the embedded store in " + directory + ": " + e.getMessage(), e);
        }
    }

    private LuceneStore(FSDirectory dir, SearcherManager searchers) {
        this.dir = dir;
        this.writer = null;
        this.searchers = searchers;
    }

    /**
     * Opens the committed state of a store for searching only, so a search runs while an index run
     * holds the store for writing. Writes throw {@link IllegalStateException}.
     */
    public static LuceneStore openReadOnly(Path directory) {
        FSDirectory d = null;
        try {
            d = FSDirectory.open(directory);
            return new LuceneStore(d, new SearcherManager(d, null));
        } catch (IOException e) {
            closeQuietly(d);
            throw new StoreUnavailableException("cannot read the embedded store in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FSDirectory d) {
        if (d != null) {
            try {
                d.close();
            } catch (IOException suppressed) {
                // the open failure is what the caller reports
            }
        }
    }

    private IndexWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("the embedded store in " + dir.getDirectory() + " is open read-only");
        }
        return writer;
    }

    @Override
    public void upsert(List<StoredChunk> chunks) {
        try {
            for (StoredChunk c : chunks) {
                writer().updateDocument(new Term("id", c.id()), document(c));
            }
        } catch (IOException e) {
            throw failure("write", e);
        }
    }

    private static Document document(StoredChunk c) {
        Document d = new Document();
        d.add(new StringField("id", c.id(), Field.Store.YES));
        d.add(new StringField("path", c.path(), Field.Store.YES));
        d.add(new StringField("language", c.language(), Field.Store.YES));
        d.add(new StringField("chunkHash", c.chunkHash(), Field.Store.YES));
        d.add(new StoredField("startLine", c.startLine()));
        d.add(new StoredField("endLine", c.endLine()));
        d.add(new StoredField("symbol", c.symbol()));
        String symbol = c.symbol().toLowerCase(java.util.Locale.ROOT);
        d.add(new StringField("symbolFull", symbol, Field.Store.NO));
        d.add(new StringField("symbolLast", symbol.substring(symbol.lastIndexOf('.') + 1), Field.Store.NO));
        d.add(new StoredField("kind", c.kind()));
        d.add(new TextField("text", c.symbol() + "\n" + c.text(), Field.Store.NO));
        d.add(new StoredField("snippet", c.text().length() > SNIPPET_CHARS ? c.text().substring(0, SNIPPET_CHARS) : c.text()));
        d.add(new KnnFloatVectorField("vector", c.vector(), VectorSimilarityFunction.COSINE));
        return d;
    }

    @Override
    public void delete(Collection<String> ids) {
        try {
            for (String id : ids) {
                writer().deleteDocuments(new Term("id", id));
            }
        } catch (IOException e) {
            throw failure("delete", e);
        }
    }

    @Override
    public void deleteByPath(String path) {
        try {
            writer().deleteDocuments(new Term("path", path));
        } catch (IOException e) {
            throw failure("delete", e);
        }
    }

    @Override
    public List<SearchHit> search(float[] vector, int k, SearchFilter filter) {
        return withSearcher("search", s -> search(s, vector, k, filter));
    }

    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code work} on a searcher that sees every write so far. */
    private <T> T withSearcher(String what, SearcherWork<T> work) {
        try {
            searchers.maybeRefresh();
            IndexSearcher s = searchers.acquire();
            try {
                return work.run(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    @Override
    public List<SearchHit> searchSymbol(String identifier, int k, SearchFilter filter) {
        return withSearcher("search", s -> searchSymbol(s, identifier, k, filter));
    }

    private static List<SearchHit> searchSymbol(IndexSearcher s, String identifier, int k, SearchFilter filter)
            throws IOException {
        String id = identifier.toLowerCase(java.util.Locale.ROOT);
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new org.apache.lucene.search.BoostQuery(new TermQuery(new Term("symbolFull", id)), 2f),
                        BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term("symbolLast", id.substring(id.lastIndexOf('.') + 1))), BooleanClause.Occur.SHOULD)
                .setMinimumNumberShouldMatch(1);
        Query f = filterQuery(filter);
        if (f != null) {
            b.add(f, BooleanClause.Occur.FILTER);
        }
        return hits(s, s.search(b.build(), k).scoreDocs);
    }

    private static List<SearchHit> search(IndexSearcher s, float[] vector, int k, SearchFilter filter) throws IOException {
        return hits(s, s.search(new KnnFloatVectorQuery("vector", vector, k, filterQuery(filter)), k).scoreDocs);
    }

    private static List<SearchHit> hits(IndexSearcher s, ScoreDoc[] docs) throws IOException {
        List<SearchHit> hits = new ArrayList<>();
        for (ScoreDoc sd : docs) {
            Document d = s.storedFields().document(sd.doc);
            hits.add(new SearchHit(d.get("path"), d.getField("startLine").numericValue().intValue(),
                    d.getField("endLine").numericValue().intValue(), d.get("symbol"), d.get("language"), sd.score,
                    d.get("snippet")));
        }
        return hits;
    }

    private static Query filterQuery(SearchFilter f) {
        if (f.language() == null && f.pathPrefix() == null) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (f.language() != null) {
            b.add(new TermQuery(new Term("language", f.language())), BooleanClause.Occur.FILTER);
        }
        if (f.pathPrefix() != null) {
            b.add(new PrefixQuery(new Term("path", f.pathPrefix())), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    @Override
    public long count() {
        return withSearcher("count", s -> (long) s.getIndexReader().numDocs());
    }

    @Override
    public Set<String> existing(Collection<String> ids) {
        return withSearcher("id lookup", s -> {
            Set<String> out = new HashSet<>();
            for (String id : ids) {
                if (s.count(new TermQuery(new Term("id", id))) > 0) {
                    out.add(id);
                }
            }
            return out;
        });
    }

    /** In index order, over one point-in-time view: deletes made by {@code page} do not disturb it. */
    @Override
    public void forEachPoint(int pageSize, Consumer<List<PointRef>> page) {
        Set<String> fields = Set.of("id", "path");
        withSearcher("listing points", s -> {
            List<PointRef> buf = new ArrayList<>(pageSize);
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                LeafReader r = leaf.reader();
                Bits live = r.getLiveDocs();
                StoredFields stored = r.storedFields();
                for (int doc = 0; doc < r.maxDoc(); doc++) {
                    if (live == null || live.get(doc)) {
                        Document d = stored.document(doc, fields);
                        buf.add(new PointRef(d.get("id"), d.get("path")));
                        if (buf.size() == pageSize) {
                            page.accept(List.copyOf(buf));
                            buf.clear();
                        }
                    }
                }
            }
            if (!buf.isEmpty()) {
                page.accept(List.copyOf(buf));
            }
            return null;
        });
    }

    @Override
    public void commit() {
        try {
            writer().commit();
        } catch (IOException e) {
            throw failure("commit", e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            if (writer != null) {
                writer.close(); // commits what is pending
            }
            dir.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoreUnavailableException failure(String what, IOException e) {
        return new StoreUnavailableException("embedded store " + what + " failed in " + dir.getDirectory() + ": "
                + e.getMessage(), e);
    }
}
