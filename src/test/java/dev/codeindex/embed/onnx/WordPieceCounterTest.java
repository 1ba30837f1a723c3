package dev.codeindex.embed.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Java count is the Hugging Face tokenizer's count, text for text, for both bundled tokenizers:
 * on every window of this project's own sources and on texts made to hit each rule (control
 * characters, punctuation runs, over-long and unknown words, added tokens, punctuation and letters
 * beyond ASCII). One counter counts them all, so its cache of words already cut is read thousands of
 * times, across words that share a slot.
 */
class WordPieceCounterTest {
    static final List<String> EDGES = List.of(
            "",
            " \t\n\r ",
            "HashMap<String, List<Integer>> byName = new HashMap<>();",
            "a\u000bb c\u000cd e\u0000f g\u007fh i\u001fj",
            "x".repeat(100) + " " + "y".repeat(101) + " " + "ab".repeat(60),
            "zzqqxxjj qqqqzzzzvvv ~~~!!!@@@###$$$%%%^^^&&&***((()))___+++",
            "price = 3.14159e-10; id_0x7fff_FFFF; snake_case_name; kebab-case-name",
            "UPPER lower MiXeD CamelCaseIdentifier getHTTPResponseCode",
            "see [CLS] and [sep] and [MASK] in text",
            "arr[i][MaSk] [[cls]] [mas] [unk ends with [Sep]",
            "[cl [s [mask",
            "int[] a = {1, 2}; a[0] = [unk];",
            "émigré naïve façade – “quoted” ✓ 日本語",
            "tab\tseparated\tvalues\nand\r\nwindows line ends",
            "src/main/java/a/Foo.java · method Foo.bar · java\n    int bar() { return 1; }\n",
            "…/very/long/path/Foo.java · class …Outer.Inner · java\n",
            "// “quoted” – dashed — ‘single’ «guillemets» ¿question? ¡bang! §1 ¶2 †‡ •bullet\n",
            "x\u0085y \u00a0z \u2028w \u200bv \ufeffu",
            "ÀÉÎ ǅ İstanbul Straße ﬁle ½ ²");

    enum Bundled {
        BGE("/bge-small-en-v1.5-q-tokenizer.json"), MINILM("/all-minilm-l6-v2-q-tokenizer.json");

        final String resource;

        Bundled(String resource) {
            this.resource = resource;
        }

        byte[] json() throws IOException {
            try (InputStream in = WordPieceCounterTest.class.getResourceAsStream(resource)) {
                return in.readAllBytes();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Bundled.class)
    void counts_as_the_tokenizer_does_on_real_sources_and_on_every_rule(Bundled model) throws IOException {
        byte[] json = model.json();
        JsonNode parsed = new ObjectMapper().readTree(json);
        WordPieceCounter fast = WordPieceCounter.of(parsed).orElseThrow();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                Map.of("truncation", "false", "padding", "false"))) {
            TokenCounter counter = new TokenCounter(tokenizer, parsed);
            assertTrue(counter.inJava());
            List<String> texts = new ArrayList<>(EDGES);
            texts.addAll(windows(Path.of("src/main/java")));
            texts.addAll(windows(Path.of("src/test/java")));
            assertTrue(texts.size() > 1000, "windows of this project's sources: " + texts.size());
            int inJava = 0;
            for (String text : texts) {
                int expected = tokenizer.encode(text, true, false).getIds().length;
                int n = fast.count(text);
                if (n != WordPieceCounter.UNKNOWN) {
                    inJava++;
                    assertEquals(expected, n, () -> "count of " + text);
                }
                assertEquals(expected, counter.count(text), () -> "counter on " + text);
            }
            assertTrue(inJava > texts.size() * 9 / 10, inJava + " of " + texts.size() + " counted in Java");
        }
    }

    @ParameterizedTest
    @EnumSource(Bundled.class)
    void leaves_to_the_tokenizer_what_it_cannot_match(Bundled model) throws IOException {
        WordPieceCounter fast = WordPieceCounter.of(new ObjectMapper().readTree(model.json())).orElseThrow();
        assertEquals(WordPieceCounter.UNKNOWN, fast.count("naïve"), "non-ASCII");
        assertEquals(WordPieceCounter.UNKNOWN, fast.count("x = [MASK];"), "an added token");
        assertEquals(WordPieceCounter.UNKNOWN, fast.count("x = [pad];"), "an added token, as normalised");
        assertEquals(WordPieceCounter.UNKNOWN, fast.count("ends with [SeP]"), "an added token at the end, any case");
        assertTrue(fast.count("a[0] = b[cl [mas") > 0, "the start of one only");
        assertEquals(3, fast.count("x"), "plain ASCII is counted: [CLS] x [SEP]");
        assertTrue(fast.count("a/B.java · method B.c · java\nint c;") > 0, "the embedded header is counted");
    }

    @ParameterizedTest
    @EnumSource(Bundled.class)
    void is_not_used_for_a_tokenizer_of_another_kind(Bundled model) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(model.json());
        ObjectNode bpe = json.deepCopy();
        ((ObjectNode) bpe.get("model")).put("type", "BPE");
        assertTrue(WordPieceCounter.of(bpe).isEmpty(), "BPE model");
        ObjectNode metaspace = json.deepCopy();
        metaspace.putObject("pre_tokenizer").put("type", "Metaspace");
        assertTrue(WordPieceCounter.of(metaspace).isEmpty(), "another pre-tokenizer");
        ObjectNode nfc = json.deepCopy();
        nfc.putObject("normalizer").put("type", "NFC");
        assertTrue(WordPieceCounter.of(nfc).isEmpty(), "another normalizer");
        ObjectNode noNormalizer = json.deepCopy();
        noNormalizer.putNull("normalizer");
        assertTrue(WordPieceCounter.of(noNormalizer).isEmpty(), "no normalizer: control characters would stay");
        ObjectNode roberta = json.deepCopy();
        roberta.putObject("post_processor").put("type", "RobertaProcessing");
        assertTrue(WordPieceCounter.of(roberta).isEmpty(), "another post-processor");
    }

    @ParameterizedTest
    @EnumSource(Bundled.class)
    void a_cased_tokenizer_keeps_case(Bundled model) throws IOException {
        ObjectNode cased = new ObjectMapper().readTree(model.json()).deepCopy();
        ((ObjectNode) cased.get("normalizer")).put("lowercase", false);
        byte[] json = new ObjectMapper().writeValueAsBytes(cased);
        WordPieceCounter fast = WordPieceCounter.of(cased).orElseThrow();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                Map.of("truncation", "false", "padding", "false"))) {
            for (String text : EDGES) {
                int n = fast.count(text);
                if (n != WordPieceCounter.UNKNOWN) {
                    assertEquals(tokenizer.encode(text, true, false).getIds().length, n, () -> "count of " + text);
                }
            }
            // the vocabulary is uncased: kept in capitals, the word is in no piece, so one unknown token
            assertEquals(3, fast.count("CamelCaseIdentifier"));
            assertTrue(fast.count("camelcaseidentifier") > 3);
        }
    }

    /** Windows of at most 60 lines and 1,500 characters over every Java file under {@code dir}. */
    static List<String> windows(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path p : files) {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            StringBuilder window = new StringBuilder();
            int n = 0;
            for (String line : lines) {
                if (n == 60 || window.length() + line.length() + 1 > 1500) {
                    out.add(window.toString());
                    window.setLength(0);
                    n = 0;
                }
                window.append(line).append('\n');
                n++;
            }
            out.add(window.toString());
        }
        // as embedded: each with its header, as EmbeddingText writes it
        out.replaceAll(w -> dir.relativize(files.get(0)) + " · method a.B · java\n" + w);
        return out;
    }
}
