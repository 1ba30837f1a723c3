package dev.codeindex.store.lucene;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits code and prose into identifiers, keeping each whole and adding its words, lower-cased:
 * {@code parse_args} gives {@code parse_args}, {@code parse}, {@code args}; {@code HTTPServer}
 * gives {@code httpserver}, {@code http}, {@code server}. An identifier is a run of letters, digits,
 * {@code _} and {@code $}; everything else (dots included) separates. The words of an identifier sit
 * at its position (position increment 0), like synonyms.
 *
 * <p>Lower-cases as it emits, one {@code char} at a time, which is what a {@code LowerCaseFilter}
 * after it would do (an identifier holds no surrogate, so each char is a code point): a first index
 * analyses every chunk of the tree, and a separate filter pass over each term was a tenth of that work.
 * Reads its whole input at {@link #reset()}: the texts analysed are chunks and queries, both bounded
 * (chunk.maxChars). Runs longer than {@link #MAX_TOKEN_CHARS} (base64, hex blobs) are dropped.
 */
final class CodeTokenizer extends Tokenizer {
    static final int MAX_TOKEN_CHARS = 128;
    /** Which ASCII characters belong to an identifier. */
    private static final boolean[] ASCII_IDENTIFIER = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_IDENTIFIER[c] = Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    /** The whole input, in {@code text[0, length)}. */
    private char[] text = new char[4096];
    private int length;
    /** Start and end of the words of the current identifier still to emit: {@code words[2i], words[2i + 1]}. */
    private int[] words = new int[32];
    private int wordCount;
    private int pos;
    private int wordIndex;

    @Override
    public void reset() throws IOException {
        super.reset();
        length = 0;
        for (int n; (n = input.read(text, length, text.length - length)) > 0; ) {
            length += n;
            if (length == text.length) {
                text = Arrays.copyOf(text, text.length * 2);
            }
        }
        pos = 0;
        wordCount = 0;
        wordIndex = 0;
    }

    @Override
    public boolean incrementToken() {
        clearAttributes();
        if (wordIndex < wordCount) {
            emit(words[2 * wordIndex], words[2 * wordIndex + 1], 0);
            wordIndex++;
            return true;
        }
        char[] t = text;
        while (pos < length) {
            while (pos < length && !isIdentifierChar(t[pos])) {
                pos++;
            }
            int start = pos;
            while (pos < length && isIdentifierChar(t[pos])) {
                pos++;
            }
            if (pos > start && pos - start <= MAX_TOKEN_CHARS) {
                wordCount = 0;
                wordIndex = 0;
                split(start, pos);
                emit(start, pos, 1);
                return true;
            }
        }
        return false;
    }

    private void emit(int start, int end, int increment) {
        int len = end - start;
        char[] out = term.resizeBuffer(len);
        for (int i = 0; i < len; i++) {
            char c = text[start + i];
            out[i] = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
        }
        term.setLength(len);
        offset.setOffset(correctOffset(start), correctOffset(end));
        posInc.setPositionIncrement(increment);
    }

    static boolean isIdentifierChar(char c) {
        return c < 128 ? ASCII_IDENTIFIER[c] : Character.isLetterOrDigit(c);
    }

    /** Collects the words of identifier [start, end), unless it is a single word. */
    private void split(int start, int end) {
        char[] t = text;
        int wordStart = -1;
        for (int i = start; i < end; i++) {
            char c = t[i];
            if (c == '_' || c == '$') {
                addWord(wordStart, i);
                wordStart = -1;
                continue;
            }
            if (wordStart >= 0 && i > wordStart && boundary(t[i - 1], c, i + 1 < end ? t[i + 1] : ' ')) {
                addWord(wordStart, i);
                wordStart = i;
            } else if (wordStart < 0) {
                wordStart = i;
            }
        }
        addWord(wordStart, end);
        if (wordCount == 1 && words[0] == start && words[1] == end) {
            wordCount = 0;
        }
    }

    /** A new word starts at {@code c}: {@code aB}, or {@code ABc} (the last capital of an acronym). */
    private static boolean boundary(char prev, char c, char next) {
        if (!isUpperCase(c)) {
            return false;
        }
        return isLowerCase(prev) || isDigit(prev) || (isUpperCase(prev) && isLowerCase(next));
    }

    private static boolean isUpperCase(char c) {
        return c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
    }

    private static boolean isLowerCase(char c) {
        return c < 128 ? c >= 'a' && c <= 'z' : Character.isLowerCase(c);
    }

    private static boolean isDigit(char c) {
        return c < 128 ? c >= '0' && c <= '9' : Character.isDigit(c);
    }

    private void addWord(int start, int end) {
        if (start >= 0 && end > start) {
            if (2 * wordCount + 2 > words.length) {
                words = Arrays.copyOf(words, words.length * 2);
            }
            words[2 * wordCount] = start;
            words[2 * wordCount + 1] = end;
            wordCount++;
        }
    }

    @Override
    public void end() throws IOException {
        super.end();
        int last = correctOffset(length);
        offset.setOffset(last, last);
    }
}
