package dev.codeindex.store.lucene;

import dev.codeindex.chunk.InnerDefinitions;
import dev.codeindex.chunk.Symbols;
import dev.codeindex.store.SearchFilter;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** The Lucene queries of {@link LuceneStore}: symbol look-up, BM25 keywords, filters. */
final class LuceneQueries {
    /** Query terms beyond this are ignored (BooleanQuery's clause limit is far above it). */
    static final int MAX_TEXT_TERMS = 64;

    private LuceneQueries() {}

    /**
     * Full name first, then a dotted tail of the path-qualified name ({@code Inner.method} of
     * {@code Outer.Inner.method}, {@code utils.parseaddr} in {@code email/utils.py}; see
     * {@link SymbolTails}), then the last part, then (for a name without dots) a chunk that defines the
     * name inside itself ({@link LuceneStore#SYMBOL_INNER}).
     */
    static Query symbol(String identifier) {
        String id = identifier.toLowerCase(Locale.ROOT);
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(scored(new TermQuery(new Term(LuceneStore.SYMBOL_FULL, id)), 4f), BooleanClause.Occur.SHOULD)
                .add(scored(new TermQuery(new Term(LuceneStore.SYMBOL_TAIL, id)), 2f), BooleanClause.Occur.SHOULD)
                .add(scored(new TermQuery(new Term(LuceneStore.SYMBOL_LAST, Symbols.lastPart(id))), 1f),
                        BooleanClause.Occur.SHOULD);
        if (InnerDefinitions.mayName(id)) {
            b.add(scored(new TermQuery(new Term(LuceneStore.SYMBOL_INNER, id)), 0.5f), BooleanClause.Occur.SHOULD);
        }
        return b.setMinimumNumberShouldMatch(1).build();
    }

    /** Constant score: how well a symbol matches is its kind of match, not term statistics. */
    private static Query scored(Query q, float score) {
        return new BoostQuery(new ConstantScoreQuery(q), score);
    }

    /** BM25 over the text field: any of the query's terms (identifiers whole and split). */
    static Query text(CodeAnalyzer analyzer, String query) {
        Set<String> terms = analyzer.terms(LuceneStore.TEXT, query);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        for (String t : terms) {
            if (n++ == MAX_TEXT_TERMS) {
                break;
            }
            b.add(new TermQuery(new Term(LuceneStore.TEXT, t)), BooleanClause.Occur.SHOULD);
        }
        return n == 0 ? null : b.build();
    }

    /** Adds the filter's clauses to {@code q}; {@code q} itself when nothing is filtered. */
    static Query filtered(Query q, SearchFilter filter) {
        Query f = filter(filter);
        return f == null ? q : new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST)
                .add(f, BooleanClause.Occur.FILTER).build();
    }

    static Query filter(SearchFilter f) {
        if (f.language() == null && f.pathPrefix() == null && f.kind() == null) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (f.language() != null) {
            b.add(new TermQuery(new Term("language", f.language())), BooleanClause.Occur.FILTER);
        }
        if (f.kind() != null) {
            b.add(new TermQuery(new Term(LuceneStore.KIND, f.kind())), BooleanClause.Occur.FILTER);
        }
        if (f.pathPrefix() != null) {
            b.add(new PrefixQuery(new Term("path", f.pathPrefix())), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }
}
