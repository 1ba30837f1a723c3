package dev.codeindex.embed.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Words whose counts are kept (about 100 bytes each). */
    static final int MAX_CACHED_WORDS = 50_000;

    private final Set<String> vocab;
    private final String prefix;
    private final int maxWordChars;
    private final boolean lowercase;
    private final int specials;
    /** Added tokens as matched in lowercased text: a text holding one goes to the tokenizer. */
    private final List<String> added;
    /** Words counted before, with their counts: code repeats its identifiers, and cutting a word is the cost. */
    private final Map<String, Integer> words = new ConcurrentHashMap<>();

    private WordPieceCounter(Set<String> vocab, String prefix, int maxWordChars, boolean lowercase, int specials,
                             List<String> added) {
        this.vocab = vocab;
        this.prefix = prefix;
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
        if (!added.isEmpty() && holdsAdded(text)) {
            return UNKNOWN;
        }
        int tokens = specials;
        StringBuilder word = new StringBuilder(32);
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                tokens += word(word);
            } else if (c < 0x20 || c == 0x7f) {
                continue; // a control character: cleaned away, and it does not split a word
            } else if (c < 0x80 ? isPunctuation(c) : standsAlone(c)) {
                tokens += word(word) + 1; // a word of one character: its piece, or the unknown token
            } else if (c >= 0x80) {
                return UNKNOWN;
            } else {
                word.append(lowercase && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
        }
        return tokens + word(word);
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

    private boolean holdsAdded(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String a : added) {
            if (lower.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** ASCII punctuation as BERT splits it: everything printable that is neither letter, digit nor space. */
    static boolean isPunctuation(char c) {
        return c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126;
    }

    /** Tokens of the word in {@code buf} (0 when empty), which is cleared. */
    private int word(StringBuilder buf) {
        int len = buf.length();
        if (len == 0) {
            return 0;
        }
        if (len > maxWordChars) {
            buf.setLength(0);
            return 1;
        }
        String w = buf.toString();
        buf.setLength(0);
        Integer known = words.get(w);
        if (known != null) {
            return known;
        }
        int tokens = pieces(w);
        if (words.size() >= MAX_CACHED_WORDS) {
            words.clear(); // a bound, not an eviction policy: code reuses few words, and a refill is cheap
        }
        words.put(w, tokens);
        return tokens;
    }

    /** Tokens WordPiece cuts the word {@code w} into. */
    private int pieces(String w) {
        int len = w.length();
        int tokens = 0;
        int start = 0;
        while (start < len) {
            int end = len;
            boolean found = false;
            while (start < end) {
                String piece = start == 0 ? w.substring(0, end) : prefix + w.substring(start, end);
                if (vocab.contains(piece)) {
                    found = true;
                    break;
                }
                end--;
            }
            if (!found) {
                return 1; // a part no piece covers: the whole word is one unknown token
            }
            tokens++;
            start = end;
        }
        return tokens;
    }
}
