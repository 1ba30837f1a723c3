package dev.codeindex.store.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzer of the BM25 {@code text} field and of keyword queries: identifiers whole and split
 * into their words, lower-cased ({@link CodeTokenizer}). No stemming and no stop words: measured
 * in bench/ (README, "Retrieval quality"), BM25's IDF keeps common words cheap already.
 * Changing what it emits changes the index: bump {@link LuceneStore#FORMAT}.
 */
final class CodeAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new CodeTokenizer());
    }

    /** The distinct terms of {@code text}, in order of first appearance. */
    Set<String> terms(String field, String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String reader does not fail
        }
        return out;
    }
}
