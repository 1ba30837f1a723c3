package dev.codeindex.store.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits code and prose into identifiers, keeping each whole and adding its words:
 * {@code parse_args} gives {@code parse_args}, {@code parse}, {@code args}; {@code HTTPServer}
 * gives {@code HTTPServer}, {@code HTTP}, {@code Server}. An identifier is a run of letters, digits,
 * {@code _} and {@code $}; everything else (dots included) separates. The words of an identifier sit
 * at its position (position increment 0), like synonyms. Case is left to a following filter.
 *
 * <p>Reads its whole input at {@link #reset()}: the texts analysed are chunks and queries, both
 * bounded (chunk.maxChars). Runs longer than {@link #MAX_TOKEN_CHARS} (base64, hex blobs) are dropped.
 */
final class CodeTokenizer extends Tokenizer {
    static final int MAX_TOKEN_CHARS = 128;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final StringBuilder text = new StringBuilder();
    private final char[] buffer = new char[4096];
    /** Start and end of the words of the current identifier still to emit. */
    private final List<int[]> words = new ArrayList<>();
    private int pos;
    private int wordIndex;

    @Override
    public void reset() throws IOException {
        super.reset();
        text.setLength(0);
        for (int n; (n = input.read(buffer)) > 0; ) {
            text.append(buffer, 0, n);
        }
        pos = 0;
        words.clear();
        wordIndex = 0;
    }

    @Override
    public boolean incrementToken() {
        clearAttributes();
        if (wordIndex < words.size()) {
            int[] w = words.get(wordIndex++);
            emit(w[0], w[1], 0);
            return true;
        }
        while (pos < text.length()) {
            while (pos < text.length() && !isIdentifierChar(text.charAt(pos))) {
                pos++;
            }
            int start = pos;
            while (pos < text.length() && isIdentifierChar(text.charAt(pos))) {
                pos++;
            }
            if (pos > start && pos - start <= MAX_TOKEN_CHARS) {
                words.clear();
                wordIndex = 0;
                split(start, pos);
                emit(start, pos, 1);
                return true;
            }
        }
        return false;
    }

    private void emit(int start, int end, int increment) {
        term.setEmpty().append(text, start, end);
        offset.setOffset(correctOffset(start), correctOffset(end));
        posInc.setPositionIncrement(increment);
    }

    static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Collects the words of identifier [start, end), unless it is a single word. */
    private void split(int start, int end) {
        int wordStart = -1;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '_' || c == '$') {
                addWord(wordStart, i);
                wordStart = -1;
                continue;
            }
            if (wordStart >= 0 && i > wordStart && boundary(text.charAt(i - 1), c, i + 1 < end ? text.charAt(i + 1) : ' ')) {
                addWord(wordStart, i);
                wordStart = i;
            } else if (wordStart < 0) {
                wordStart = i;
            }
        }
        addWord(wordStart, end);
        if (words.size() == 1 && words.get(0)[0] == start && words.get(0)[1] == end) {
            words.clear();
        }
    }

    /** A new word starts at {@code c}: {@code aB}, or {@code ABc} (the last capital of an acronym). */
    private static boolean boundary(char prev, char c, char next) {
        if (!Character.isUpperCase(c)) {
            return false;
        }
        return Character.isLowerCase(prev) || Character.isDigit(prev)
                || (Character.isUpperCase(prev) && Character.isLowerCase(next));
    }

    private void addWord(int start, int end) {
        if (start >= 0 && end > start) {
            words.add(new int[] {start, end});
        }
    }

    @Override
    public void end() throws IOException {
        super.end();
        int last = correctOffset(text.length());
        offset.setOffset(last, last);
    }
}
