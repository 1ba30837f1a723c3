package dev.codeindex.store.lucene;

import dev.codeindex.chunk.InnerDefinitions;
import dev.codeindex.chunk.Symbols;
import dev.codeindex.store.PointRef;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.Snippets;
import dev.codeindex.store.StoreDamagedException;
import dev.codeindex.store.StoreFormatException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: one Lucene index on disk in the data directory (HNSW vectors, BM25 text),
 * no server. Memory stays bounded: Lucene flushes segments to disk (RAM buffer below) and reads
 * them memory-mapped. Durable at {@link #commit()}.
 *
 * <p>Every commit records {@link #FORMAT}. A store written in another format (its documents would
 * not match this version's queries) is started afresh when opened for writing, and start-up
 * reconciliation then indexes every file again with vectors from the manifest's cache, so nothing
 * is embedded again; opened read-only, it is refused with a {@link StoreFormatException}.
 */
public final class LuceneStore implements VectorStore {
    private static final Logger log = LoggerFactory.getLogger(LuceneStore.class);

    static {
        VectorDot.quietLucenesNotice(); // before any Lucene class looks for the vector module
    }
    /**
     * What the documents hold and how their text is analysed. 1 (recorded as nothing): StandardAnalyzer
     * text. 2: {@link CodeAnalyzer} text (identifiers whole and split) and {@link SymbolTails}. 3: the
     * chunk's kind indexed (a symbol look-up may be of one kind only). 4: vectors stored at unit length
     * and compared by dot product (see {@link #unit}). 5: text indexed without positions ({@link #TEXT_TYPE}).
     * 6: the names a chunk defines inside itself indexed ({@link #SYMBOL_INNER}).
     */
    public static final int FORMAT = 6;
    static final String FORMAT_KEY = "codeindex.store.format";
    static final String TEXT = "text";
    /**
     * How the text field is indexed: documents and term frequencies, which BM25 needs, without the
     * positions of terms, which only phrase and proximity queries read and no query here makes.
     * Writing positions was about a fifth of keyword-indexing a first index.
     */
    static final FieldType TEXT_TYPE = textType();
    static final String KIND = "kind";
    /**
     * The lines of the definition a chunk is a window of ({@link StoredChunk#regionStart()}), stored only
     * when they are not the chunk's own lines; a store written before they were has none, and each of
     * its chunks is its own region.
     */
    static final String REGION_START = "regionStart";
    static final String REGION_END = "regionEnd";
    static final String SYMBOL_FULL = "symbolFull";
    static final String SYMBOL_TAIL = "symbolTail";
    static final String SYMBOL_LAST = "symbolLast";
    /** The lower-cased names a chunk defines inside itself ({@link InnerDefinitions}): a look-up's last resort. */
    static final String SYMBOL_INNER = "symbolInner";
    /** Neighbours per node of the vector graph (HNSW): Lucene's default. */
    static final int HNSW_MAX_CONN = 16;
    /**
     * Candidates kept while a new vector looks for its neighbours (HNSW construction). Lucene's default
     * is 100; on Java 17 its vector comparisons are plain loops and building the graph was most of a
     * semantic pass with a fast embedder. Measured on 20,000 real embeddings of JDK code (MiniLM, 300
     * held-out queries, k = 50 as the searcher asks): 64 builds the graph 1.6× faster and answers a
     * query faster, at recall@10 0.978 against 0.981 (bench/RESULTS.md, "graph construction").
     */
    static final int HNSW_BEAM_WIDTH = 64;
    /**
     * Candidates a vector search follows through the graph (HNSW's search beam), however few results
     * are asked for. Lucene's beam is k: asking for 10 (similar asks for k + 16) found 85% of the exact
     * nearest ten of 1,500 code chunks, 50 finds 99%, and 50 is what a search's fusion asks anyway, so
     * its results stay as they were (bench/RESULTS.md, "search beam").
     */
    static final int SEARCH_BEAM = 50;
    /** Indexing RAM buffer before Lucene flushes a segment. */
    static final double RAM_BUFFER_MB = 32;

    /** Of the text field, for writing and for keyword queries (Lucene keeps its components per thread). */
    private final CodeAnalyzer analyzer = new CodeAnalyzer();
    /** Where the store lives; for messages, and for a read-only store to open once an index run has committed. */
    private final Path path;
    /** Null for a read-only store whose directory does not exist yet. */
    private volatile FSDirectory dir;
    /** Null when opened read-only. */
    private final IndexWriter writer;
    /** Null for a read-only store with no commit yet: it searches as empty until a commit appears. */
    private volatile SearcherManager searchers;
    /** What a read-only store with no commit yet searches: no documents. */
    private static final IndexSearcher EMPTY = emptySearcher();

    /**
     * Opens (or creates) the store for writing; one writer per directory (Lucene's write lock). A
     * store whose files cannot be read is moved aside (to a sibling directory named in the log) and
     * started empty: start-up reconciliation then stores every file again with vectors from the cache.
     */
    public LuceneStore(Path directory) {
        FSDirectory d = null;
        IndexWriter w = null;
        SearcherManager sm;
        try {
            try {
                d = FSDirectory.open(directory);
                w = openWriter(d, directory);
                sm = new SearcherManager(w, null);
            } catch (IOException e) {
                String what = damage(e);
                if (what == null) {
                    throw e;
                }
                closeQuietly(w);
                closeQuietly(d);
                Path aside = moveAside(directory);
                log.warn("the embedded store in {} is damaged ({}): moved to {}; it starts empty and every file is stored"
                        + " again with vectors from the cache", directory, what, aside);
                d = FSDirectory.open(directory);
                w = openWriter(d, directory);
                sm = new SearcherManager(w, null);
            }
            this.searchers = sm;
            this.writer = w;
            this.dir = d;
            this.path = directory;
        } catch (IOException e) {
            closeQuietly(w);
            closeQuietly(d);
            throw new StoreUnavailableException("cannot open the embedded store in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lucene's codec with the graph built as {@link #HNSW_BEAM_WIDTH} says. The parameters shape only how
     * a graph is built, not how it is read: segments written with other ones stay readable as they are.
     */
    private static final Codec CODEC = new Lucene912Codec() {
        private final KnnVectorsFormat vectors = new GraphVectorsFormat(HNSW_MAX_CONN, HNSW_BEAM_WIDTH);

        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return vectors;
        }
    };

    private IndexWriter openWriter(FSDirectory d, Path directory) throws IOException {
        IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(RAM_BUFFER_MB).setCodec(CODEC);
        String recorded = recordedFormat(d);
        if (recorded != null && !recorded.equals(Integer.toString(FORMAT))) {
            log.warn("the embedded store in {} was written in format {}; this codeindex writes format {}: it starts"
                    + " empty and every file is indexed again from the vector cache", directory, recorded, FORMAT);
            cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE); // the old segments go at the first commit
        }
        IndexWriter w = new IndexWriter(d, cfg);
        w.setLiveCommitData(Map.of(FORMAT_KEY, Integer.toString(FORMAT)).entrySet());
        return w;
    }

    /** What is wrong when {@code e} says the store's files are damaged, in a few words; null for other failures. */
    static String damage(IOException e) {
        if (e instanceof org.apache.lucene.index.CorruptIndexException) {
            return "a file fails its checksum or is cut short: " + e.getMessage();
        }
        if (e instanceof java.io.EOFException) {
            return "a file is cut short: " + e.getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "a file its last commit lists is missing: " + e.getMessage();
        }
        if (e instanceof org.apache.lucene.index.IndexFormatTooOldException
                || e instanceof org.apache.lucene.index.IndexFormatTooNewException) {
            return "written by another Lucene version: " + e.getMessage();
        }
        return null;
    }

    /**
     * Checks a store directory that no one writes: null when it is sound (or holds nothing yet),
     * else what is wrong. Reads every file once to verify its checksum.
     */
    /**
     * The format a store directory was written in when this codeindex does not read it (an upgrade: the
     * next index or watch rebuilds it); null for this format, or no store.
     */
    public static String otherFormat(Path directory) {
        try (FSDirectory d = FSDirectory.open(directory)) {
            String recorded = recordedFormat(d);
            return recorded == null || recorded.equals(Integer.toString(FORMAT)) ? null : recorded;
        } catch (IOException e) {
            return null; // unreadable: what check says
        }
    }

    public static String check(Path directory) {
        try (FSDirectory d = FSDirectory.open(directory)) {
            if (!DirectoryReader.indexExists(d)) {
                return null;
            }
            try (org.apache.lucene.index.CheckIndex c = new org.apache.lucene.index.CheckIndex(d)) {
                c.setChecksumsOnly(true);
                c.setInfoStream(null);
                org.apache.lucene.index.CheckIndex.Status s = c.checkIndex();
                if (s.clean) {
                    return null;
                }
                if (s.missingSegments) {
                    return "its last commit cannot be read";
                }
                return s.numBadSegments + " of " + s.numSegments + " segments fail their checks";
            }
        } catch (IOException e) {
            String what = damage(e);
            return what != null ? what : "cannot be read: " + e.getMessage();
        }
    }

    /**
     * Whether a store directory holds a commit (a segments file). Without one it holds nothing,
     * which is damage when the manifest says files were stored there: the directory or its
     * segments file was deleted.
     */
    public static boolean hasCommit(Path directory) {
        if (!java.nio.file.Files.isDirectory(directory)) {
            return false;
        }
        try (FSDirectory d = FSDirectory.open(directory)) {
            return DirectoryReader.indexExists(d);
        } catch (IOException e) {
            return true; // unreadable: what opening it says is the better message
        }
    }

    /** Renames a damaged store directory to a free sibling name {@code NAME.damaged-N}, and returns that. */
    public static Path moveAside(Path directory) throws IOException {
        for (int n = 1; ; n++) {
            Path aside = directory.resolveSibling(directory.getFileName() + ".damaged-" + n);
            if (!java.nio.file.Files.exists(aside)) {
                return java.nio.file.Files.move(directory, aside);
            }
        }
    }

    private static void closeQuietly(IndexWriter w) {
        if (w != null) {
            try {
                w.rollback(); // releases the write lock without committing
            } catch (IOException | RuntimeException suppressed) {
                // the open failure is what the caller reports
            }
        }
    }

    private static IndexSearcher emptySearcher() {
        try {
            return new IndexSearcher(new MultiReader());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a reader of no readers reads nothing
        }
    }

    /** A read-only store of {@code path}, opened by {@link #committed()}. */
    private LuceneStore(Path path, boolean readOnly) {
        this.path = path;
        this.writer = null;
    }

    /**
     * Opens the committed state of a store for searching only, so a search runs while an index run
     * holds the store for writing. A store with no commit yet (a first index run has not finished its
     * first batch, or has not started writing) is empty, not an error: it searches as empty until a
     * commit appears, and then sees that commit. Writes throw {@link IllegalStateException}.
     *
     * @throws StoreDamagedException     when the committed files cannot be read
     * @throws StoreFormatException      when they were written in another format
     * @throws StoreUnavailableException for any other failure to read them
     */
    public static LuceneStore openReadOnly(Path directory) {
        LuceneStore s = new LuceneStore(directory, true);
        try {
            s.committed();
        } catch (RuntimeException e) {
            closeQuietly(s.dir);
            throw e;
        }
        return s;
    }

    /**
     * The searchers of a read-only store's latest commit, opened at the first call that finds one;
     * null while there is none. Never creates the directory: a search leaves no trace.
     */
    private synchronized SearcherManager committed() {
        if (searchers != null) {
            return searchers;
        }
        try {
            if (dir == null) {
                if (!java.nio.file.Files.isDirectory(path)) {
                    return null;
                }
                dir = FSDirectory.open(path);
            }
            if (!DirectoryReader.indexExists(dir)) {
                return null;
            }
            checkFormat(dir);
            searchers = new SearcherManager(dir, null);
            return searchers;
        } catch (IOException e) {
            String what = damage(e);
            if (what != null) {
                throw new StoreDamagedException(path, what, e);
            }
            throw new StoreUnavailableException("cannot read the embedded store in " + path + ": " + e.getMessage(), e);
        }
    }

    /** The format the latest commit records ("1" when none: written before formats were recorded), or null when empty. */
    private static String recordedFormat(FSDirectory d) throws IOException {
        if (!DirectoryReader.indexExists(d)) {
            return null;
        }
        return SegmentInfos.readLatestCommit(d).getUserData().getOrDefault(FORMAT_KEY, "1");
    }

    private static void checkFormat(FSDirectory d) throws IOException {
        String recorded = recordedFormat(d);
        if (recorded != null && !recorded.equals(Integer.toString(FORMAT))) {
            throw new StoreFormatException("the embedded store in " + d.getDirectory() + " was written in format "
                    + recorded + " and this codeindex reads format " + FORMAT + ": run 'codeindex index' on its root,"
                    + " which rebuilds it with the vectors of the cache (only chunks that a newer chunker cut"
                    + " differently are embedded again)");
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
            throw new IllegalStateException("the embedded store in " + path + " is open read-only");
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

    /** A chunk without a vector is indexed for symbols and keywords; vector search does not see it until its vector is upserted. */
    @Override
    public boolean acceptsPointsWithoutVectors() {
        return true;
    }

    private static Document document(StoredChunk c) {
        Document d = new Document();
        d.add(new StringField("id", c.id(), Field.Store.YES));
        d.add(new StringField("path", c.path(), Field.Store.YES));
        d.add(new StringField("language", c.language(), Field.Store.YES));
        d.add(new StringField("chunkHash", c.chunkHash(), Field.Store.YES));
        d.add(new StoredField("startLine", c.startLine()));
        d.add(new StoredField("endLine", c.endLine()));
        if (c.isWindow()) { // most chunks are their whole region
            d.add(new StoredField(REGION_START, c.regionStart()));
            d.add(new StoredField(REGION_END, c.regionEnd()));
        }
        d.add(new StoredField("symbol", c.symbol()));
        String symbol = c.symbol().toLowerCase(Locale.ROOT);
        d.add(new StringField(SYMBOL_FULL, symbol, Field.Store.NO));
        for (String tail : SymbolTails.of(c.path(), c.symbol())) {
            d.add(new StringField(SYMBOL_TAIL, tail, Field.Store.NO));
        }
        d.add(new StringField(SYMBOL_LAST, Symbols.lastPart(symbol), Field.Store.NO));
        for (String inner : InnerDefinitions.of(c.language(), c.text(), c.symbol())) {
            d.add(new StringField(SYMBOL_INNER, inner, Field.Store.NO));
        }
        d.add(new StringField(KIND, c.kind(), Field.Store.YES));
        d.add(new Field(TEXT, c.symbol() + "\n" + c.text(), TEXT_TYPE));
        d.add(new StoredField("snippet", Snippets.of(c.text())));
        if (c.vector() != null) { // Lucene lets a document lack the KNN field: vector search skips it
            d.add(new KnnFloatVectorField("vector", unit(c.vector()), VectorSimilarityFunction.DOT_PRODUCT));
        }
        return d;
    }

    private static FieldType textType() {
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        t.freeze();
        return t;
    }

    /**
     * A copy of {@code v} scaled to unit length (a zero vector stays zero). Stored and query vectors
     * are both unit length, so their dot product is their cosine and Lucene's score, (1 + dot) / 2,
     * is the cosine score it gave before format 4. Dot product because building the HNSW graph
     * compares vectors millions of times: on Java 17 Lucene compares them in plain loops, and a
     * cosine there costs three multiply-adds per dimension where a dot product costs one.
     */
    static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float[] out = v.clone();
        if (sum > 0 && Math.abs(sum - 1) > 1e-6) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < out.length; i++) {
                out[i] *= scale;
            }
        }
        return out;
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
        return withCommitted(s -> search(s, vector, k, filter));
    }

    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code work} on a searcher that sees every write so far. */
    private <T> T withSearcher(String what, SearcherWork<T> work) {
        return withSearcher(what, true, work);
    }

    /**
     * Runs a query on a searcher that sees what the store has committed (what the manifest may count),
     * with no refresh of its own: a refresh that saw uncommitted writes would flush the writer's
     * buffer into a small segment on every query, which a first index being polled paid for twice
     * (the flush, then merging the small segments). {@link #commit} refreshes.
     */
    private <T> T withCommitted(SearcherWork<T> work) {
        return withSearcher("search", writer == null, work);
    }

    private <T> T withSearcher(String what, boolean refresh, SearcherWork<T> work) {
        try {
            SearcherManager sm = writer != null ? searchers : committed();
            if (sm == null) {
                return work.run(EMPTY);
            }
            if (refresh) {
                sm.maybeRefresh();
            }
            IndexSearcher s = sm.acquire();
            try {
                return work.run(s);
            } finally {
                sm.release(s);
            }
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    @Override
    public List<SearchHit> searchSymbol(String identifier, int k, SearchFilter filter) {
        return withCommitted(s -> searchSymbol(s, identifier, k, filter));
    }

    private static List<SearchHit> searchSymbol(IndexSearcher s, String identifier, int k, SearchFilter filter)
            throws IOException {
        return hits(s, s.search(LuceneQueries.filtered(LuceneQueries.symbol(identifier), filter), k).scoreDocs);
    }

    /**
     * BM25 over each chunk's symbol and text, analysed by {@link CodeAnalyzer}: any of the query's
     * identifiers, whole or by their words, best first. Empty when the query has no word.
     */
    @Override
    public List<SearchHit> searchText(String query, int k, SearchFilter filter) {
        Query q = LuceneQueries.text(analyzer, query);
        if (q == null) {
            return List.of();
        }
        Query filtered = LuceneQueries.filtered(q, filter);
        return withCommitted(s -> hits(s, s.search(filtered, k).scoreDocs));
    }

    private static List<SearchHit> search(IndexSearcher s, float[] vector, int k, SearchFilter filter) throws IOException {
        int beam = Math.max(k, SEARCH_BEAM);
        return hits(s, s.search(new NearestVectorsQuery("vector", unit(vector), beam, LuceneQueries.filter(filter)), k).scoreDocs);
    }

    private static List<SearchHit> hits(IndexSearcher s, ScoreDoc[] docs) throws IOException {
        List<SearchHit> hits = new ArrayList<>();
        for (ScoreDoc sd : docs) {
            Document d = s.storedFields().document(sd.doc);
            int start = d.getField("startLine").numericValue().intValue();
            int end = d.getField("endLine").numericValue().intValue();
            hits.add(new SearchHit(d.get("path"), start, end, d.get("symbol"), d.get("language"), sd.score,
                    d.get("snippet"), line(d, REGION_START, start), line(d, REGION_END, end)));
        }
        return hits;
    }

    /** A stored line number, or {@code absent} when the document has none (a whole chunk's region). */
    private static int line(Document d, String field, int absent) {
        var f = d.getField(field);
        return f == null ? absent : f.numericValue().intValue();
    }

    /** Paths of the points whose BM25 text holds the identifier's whole term ({@link CodeTokenizer} lower-cases it). */
    @Override
    public Mentions pathsMentioning(String identifier, int maxPoints, SearchFilter filter) {
        java.util.Iterator<String> terms = analyzer.terms(TEXT, identifier).iterator();
        if (!terms.hasNext()) {
            return new Mentions(List.of(), true);
        }
        Query q = LuceneQueries.filtered(new TermQuery(new Term(TEXT, terms.next())), filter);
        return withCommitted(s -> {
            java.util.TreeSet<String> paths = new java.util.TreeSet<>();
            TopDocs top = s.search(q, Math.max(1, maxPoints), Sort.INDEXORDER);
            // one reader for all: it keeps the block it decompressed, which the next documents in index order share
            org.apache.lucene.index.StoredFields stored = s.storedFields();
            Set<String> field = Set.of("path");
            for (ScoreDoc sd : top.scoreDocs) {
                paths.add(stored.document(sd.doc, field).get("path"));
            }
            boolean complete = top.totalHits.relation == TotalHits.Relation.EQUAL_TO && top.totalHits.value <= maxPoints;
            return new Mentions(List.copyOf(paths), complete);
        });
    }

    /** Every point of {@code path} with its stored fields and vector (at unit length); text is the stored snippet. */
    @Override
    public List<StoredChunk> chunksOf(String path) {
        return withSearcher("reading a file's points", s -> {
            Query q = new TermQuery(new Term("path", path));
            int n = s.count(q);
            if (n == 0) {
                return List.of();
            }
            List<StoredChunk> out = new ArrayList<>(n);
            List<LeafReaderContext> leaves = s.getIndexReader().leaves();
            for (ScoreDoc sd : s.search(q, n).scoreDocs) {
                Document d = s.storedFields().document(sd.doc);
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
                float[] vector = null;
                FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
                if (values != null && values.advance(sd.doc - leaf.docBase) == sd.doc - leaf.docBase) {
                    vector = values.vectorValue().clone();
                }
                int start = d.getField("startLine").numericValue().intValue();
                int end = d.getField("endLine").numericValue().intValue();
                out.add(new StoredChunk(d.get("id"), d.get("path"), start, end, d.get("symbol"), d.get("kind"),
                        d.get("language"), d.get("snippet"), d.get("chunkHash"), vector, line(d, REGION_START, start),
                        line(d, REGION_END, end)));
            }
            out.sort(java.util.Comparator.comparingInt(StoredChunk::startLine).thenComparingInt(StoredChunk::endLine));
            return out;
        });
    }

    @Override
    public boolean holdsVectors() {
        return withCommitted(s -> {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
                if (values != null && values.size() > 0) {
                    return true;
                }
            }
            return false;
        });
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
            searchers.maybeRefresh(); // what queries see: everything is flushed now, so this is cheap
        } catch (IOException e) {
            throw failure("commit", e);
        }
    }

    @Override
    public void close() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null) {
                writer.close(); // commits what is pending
            }
            if (dir != null) {
                dir.close();
            }
            analyzer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoreUnavailableException failure(String what, IOException e) {
        return new StoreUnavailableException("embedded store " + what + " failed in " + path + ": "
                + e.getMessage(), e);
    }
}
