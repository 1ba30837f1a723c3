package dev.codeindex.embed.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Counts the tokens a BERT-style WordPiece tokenizer makes of a chunk's text, in Java, the same count as
 * the Hugging Face tokenizer gives with special tokens and without truncation.
 *
 * <p>Why: whether a window fits the model is asked of nearly every chunk, and the native tokenizer
 * (through DJL) takes about half a millisecond for a chunk of 1,500 characters; a first index spent
 * most of its structural pass there. This counter does the same arithmetic on the vocabulary in a
 * fraction of that time. It covers only what it can match exactly: a {@code tokenizer.json} whose
 * normalizer is {@code BertNormalizer} cleaning text, pre-tokenizer {@code BertPreTokenizer}, model
 * {@code WordPiece}, and a BERT or template post-processor; and only text that holds none of
 * the tokenizer's added tokens. Beyond ASCII it knows only punctuation that stands alone, as in
 * the header embedded with each chunk ({@code path · kind symbol · language}). For anything else {@link #count} answers {@link #UNKNOWN} and the
 * caller asks the real tokenizer.
 *
 * <p>The steps, as the Hugging Face tokenizer does them for such text: drop NUL and control characters
 * other than tab, newline and carriage return; lowercase when the normalizer says so; split at
 * whitespace and around each punctuation character; cut each word greedily into the longest pieces
 * in the vocabulary (later pieces with the continuation prefix), a word longer than the limit or with
 * a part in no piece being one unknown token; add the special tokens of a single sequence.
 * Thread-safe.
 */
public final class WordPieceCounter {
    /** {@link #count}: this text is not one the counter can match; ask the tokenizer. */
    public static final int UNKNOWN = -1;

    /** The pieces a word may start with. */
    private final PieceTrie initial;
    /** The pieces that go on a word (those with the continuation prefix, without it). */
    private final PieceTrie continuing;
    private final int maxWordChars;
    private final boolean lowercase;
    private final int specials;
    /** Added tokens as matched in lowercased text: a text holding one goes to the tokenizer. */
    private final List<String> added;
    /**
     * Pieces of words seen before, by their hash: code repeats its words (keywords, names), and a
     * look-up is cheaper than cutting the word again. Entries are immutable and slots are written
     * racily: a thread sees an entry whole or not at all, and a lost write costs only a later cut.
     */
    private final Cached[] cache = new Cached[CACHE_SLOTS];
    private static final int CACHE_SLOTS = 1 << 12;

    /** A word (lower-cased when the tokenizer lowercases) and its pieces. */
    private record Cached(char[] word, int pieces) {}

    private WordPieceCounter(Set<String> vocab, String prefix, int maxWordChars, boolean lowercase, int specials,
                             List<String> added) {
        this.initial = new PieceTrie();
        this.continuing = new PieceTrie();
        for (String piece : vocab) {
            if (piece.startsWith(prefix) && piece.length() > prefix.length()) {
                continuing.add(piece, prefix.length());
            }
            initial.add(piece, 0); // a piece that starts with the prefix too: a word holds no '#' and never matches it
        }
        this.maxWordChars = maxWordChars;
        this.lowercase = lowercase;
        this.specials = specials;
        this.added = added;
    }

    /** The counter for this parsed {@code tokenizer.json}, or empty when it is not a tokenizer it can match. */
    public static Optional<WordPieceCounter> of(JsonNode tokenizer) {
        JsonNode model = tokenizer.path("model");
        // truncation and padding in the file are left out: counting is always of the whole text, unpadded
        if (!"WordPiece".equals(model.path("type").asText()) || !model.path("vocab").isObject()) {
            return Optional.empty();
        }
        if (!"BertPreTokenizer".equals(tokenizer.path("pre_tokenizer").path("type").asText())) {
            return Optional.empty();
        }
        JsonNode normalizer = tokenizer.path("normalizer");
        if (!"BertNormalizer".equals(normalizer.path("type").asText()) || !normalizer.path("clean_text").asBoolean(true)) {
            return Optional.empty();
        }
        // accents and Chinese characters are not ASCII: nothing to strip or space out here
        boolean lowercase = normalizer.path("lowercase").asBoolean(true);
        int specials = specials(tokenizer.path("post_processor"));
        if (specials < 0) {
            return Optional.empty();
        }
        Set<String> vocab = new HashSet<>();
        for (Iterator<String> it = model.path("vocab").fieldNames(); it.hasNext(); ) {
            vocab.add(it.next());
        }
        List<String> added = new ArrayList<>();
        for (JsonNode t : tokenizer.path("added_tokens")) {
            String content = t.path("content").asText("");
            if (!content.isEmpty()) {
                added.add(content.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.of(new WordPieceCounter(vocab, model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100), lowercase, specials, List.copyOf(added)));
    }

    /** Special tokens a single sequence gets from this post-processor; -1 for one not known here. */
    private static int specials(JsonNode post) {
        if (post.isNull() || post.isMissingNode()) {
            return 0;
        }
        switch (post.path("type").asText()) {
            case "BertProcessing":
                return 2;
            case "TemplateProcessing": {
                int n = 0;
                for (JsonNode piece : post.path("single")) {
                    if (piece.has("SpecialToken")) {
                        n++;
                    } else if (!piece.has("Sequence")) {
                        return -1;
                    }
                }
                return n;
            }
            default:
                return -1;
        }
    }

    /**
     * Tokens of {@code text} with the special tokens, or {@link #UNKNOWN} when the text holds a character
     * other than ASCII and the punctuation that stands alone whatever the vocabulary (see {@link #standsAlone}).
     */
    public int count(String text) {
        int tokens = specials;
        char[] t = text.toCharArray(); // indexing an array is cheaper than charAt on C1, which a large pass runs
        char[] word = new char[Math.min(t.length, maxWordChars + 1)];
        int len = 0; // of the word so far; past maxWordChars it is one unknown token whatever follows
        int hash = 0; // of the word so far, as String.hashCode
        for (char c : t) {
            byte kind = c < 0x80 ? ASCII[c] : standsAlone(c) ? PUNCTUATION : OTHER;
            if (kind == LETTER) {
                char lower = lowercase && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
                if (len < word.length) {
                    word[len] = lower;
                }
                len++;
                hash = 31 * hash + lower;
            } else if (kind == SPACE) {
                tokens += word(word, len, hash);
                len = 0;
                hash = 0;
            } else if (kind == PUNCTUATION) {
                tokens += word(word, len, hash) + 1; // a word of one character: its piece, or the unknown token
                len = 0;
                hash = 0;
            } else if (kind == OTHER) {
                return UNKNOWN;
            } // CONTROL: cleaned away, and it does not split a word
        }
        tokens += word(word, len, hash);
        return !added.isEmpty() && holdsAdded(text) ? UNKNOWN : tokens;
    }

    /**
     * Whether a character beyond ASCII is punctuation that normalising leaves as it is (such as the
     * {@code ·} and {@code …} of the embedded header, dashes and quotation marks): split off as a word
     * of its own, it is one token, in the vocabulary or not.
     */
    static boolean standsAlone(char c) {
        if (Character.isSurrogate(c) || Character.toLowerCase(c) != c) {
            return false;
        }
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> {
                String s = String.valueOf(c);
                return Normalizer.isNormalized(s, Normalizer.Form.NFD);
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Whether {@code text}, lower-cased, holds one of the added tokens. Asked only of a text {@link #count}
     * has read through: ASCII and punctuation that lower-casing leaves as it is, so lower-casing is
     * ASCII's, char for char, and the text is searched where each token's first character occurs.
     */
    private boolean holdsAdded(String text) {
        for (String a : added) {
            char first = a.charAt(0);
            if (occursAt(text, a, first) || first >= 'a' && first <= 'z' && occursAt(text, a, (char) (first - 32))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code lower} (lower-cased) occurs in {@code text}, ASCII letters of any case, where {@code text} holds {@code first}. */
    private static boolean occursAt(String text, String lower, char first) {
        for (int at = text.indexOf(first); at >= 0 && at + lower.length() <= text.length(); at = text.indexOf(first, at + 1)) {
            int i = 1;
            while (i < lower.length()) {
                char c = text.charAt(at + i);
                if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lower.charAt(i)) {
                    break;
                }
                i++;
            }
            if (i == lower.length()) {
                return true;
            }
        }
        return false;
    }

    private static final byte LETTER = 0;
    private static final byte SPACE = 1;
    private static final byte CONTROL = 2;
    private static final byte PUNCTUATION = 3;
    /** A character beyond ASCII that is not punctuation standing alone: the text goes to the tokenizer. */
    private static final byte OTHER = 4;
    /** What each ASCII character is to the pre-tokenizer. */
    private static final byte[] ASCII = new byte[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII[c] = c == ' ' || c == '\t' || c == '\n' || c == '\r' ? SPACE
                    : c < 0x20 || c == 0x7f ? CONTROL
                    : isPunctuation(c) ? PUNCTUATION
                    : LETTER;
        }
    }

    /** ASCII punctuation as BERT splits it: everything printable that is neither letter, digit nor space. */
    static boolean isPunctuation(char c) {
        return c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126;
    }

    /**
     * Tokens of the word of {@code len} letters and digits in {@code w} whose hash is {@code hash} (0
     * when empty; 1 when too long, and for one character: its piece or the unknown token).
     */
    private int word(char[] w, int len, int hash) {
        if (len == 0) {
            return 0;
        }
        if (len > maxWordChars || len == 1) {
            return 1;
        }
        int slot = (hash ^ hash >>> 12) & (CACHE_SLOTS - 1);
        Cached seen = cache[slot];
        if (seen != null && seen.word.length == len && java.util.Arrays.equals(seen.word, 0, len, w, 0, len)) {
            return seen.pieces;
        }
        int pieces = pieces(w, len);
        cache[slot] = new Cached(java.util.Arrays.copyOf(w, len), pieces);
        return pieces;
    }

    /**
     * Tokens WordPiece cuts the word into: from the start, the longest piece in the vocabulary, then
     * the longest continuing piece after it, and so on; a part no piece covers makes the whole word
     * one unknown token.
     */
    private int pieces(char[] w, int len) {
        int tokens = 0;
        int start = 0;
        while (start < len) {
            int end = (start == 0 ? initial : continuing).longestPiece(w, start, len);
            if (end < 0) {
                return 1;
            }
            tokens++;
            start = end;
        }
        return tokens;
    }

    /**
     * Pieces of the vocabulary made only of ASCII letters and digits (the only characters a word holds
     * here), as a trie: the longest piece at a place in a word is one walk along it. Its edges are one
     * open-addressing table of (node, character) to child node. Immutable once built.
     */
    static final class PieceTrie {
        private long[] keys = new long[1 << 12];
        private int[] children = new int[1 << 12];
        private int edges;
        /** Whether the path to a node spells a piece; node 0 is the root. */
        private boolean[] piece = new boolean[1 << 10];
        private int nodes = 1;

        PieceTrie() {
            java.util.Arrays.fill(keys, -1);
        }

        /** Adds {@code s} from {@code from} on, unless it holds a character no word does. */
        void add(String s, int from) {
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || !Character.isLetterOrDigit(c)) {
                    return;
                }
            }
            int node = 0;
            for (int i = from; i < s.length(); i++) {
                int next = child(node, s.charAt(i));
                if (next < 0) {
                    next = nodes++;
                    if (nodes > piece.length) {
                        piece = java.util.Arrays.copyOf(piece, piece.length * 2);
                    }
                    put(node, s.charAt(i), next);
                }
                node = next;
            }
            piece[node] = true;
        }

        /** The end of the longest piece that starts at {@code start} in {@code w[0, len)}; -1 for none. */
        int longestPiece(char[] w, int start, int len) {
            int node = 0;
            int end = -1;
            for (int i = start; i < len; i++) {
                node = child(node, w[i]);
                if (node < 0) {
                    break;
                }
                if (piece[node]) {
                    end = i + 1;
                }
            }
            return end;
        }

        private int child(int node, char c) {
            long key = (long) node << 7 | c;
            int mask = keys.length - 1;
            for (int at = slot(key, mask); ; at = (at + 1) & mask) {
                long k = keys[at];
                if (k == key) {
                    return children[at];
                }
                if (k == -1) {
                    return -1;
                }
            }
        }

        private void put(int node, char c, int child) {
            if (2 * (edges + 1) > keys.length) {
                long[] oldKeys = keys;
                int[] oldChildren = children;
                keys = new long[oldKeys.length * 2];
                children = new int[oldKeys.length * 2];
                java.util.Arrays.fill(keys, -1);
                edges = 0;
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != -1) {
                        insert(oldKeys[i], oldChildren[i]);
                    }
                }
            }
            insert((long) node << 7 | c, child);
        }

        private void insert(long key, int child) {
            int mask = keys.length - 1;
            int at = slot(key, mask);
            while (keys[at] != -1) {
                at = (at + 1) & mask;
            }
            keys[at] = key;
            children[at] = child;
            edges++;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }
    }
}
