package dev.codeindex.embed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.embed.onnx.BundledModel;
import dev.codeindex.embed.onnx.OnnxEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The remote model's tokens are estimated, never under-counted: checked against the bundled bge
 * tokenizer (WordPiece, the tokenizer family of most embedding servers) on real source files: this
 * project's own, and seeded samples of the JDK's sources and a Python stdlib where the machine has them
 * ({@code /work/corpora}, see bench/README.md, "Corpora", else the running JDK's {@code src.zip}
 * and the system Python).
 */
class HttpEmbedderTokenEstimateTest {
    private static final int SAMPLE = 100;
    private static final int WINDOW_LINES = 30;
    private static final int MAX_FILE_CHARS = 100_000;
    private static final List<Path> PYTHON_LIBS = List.of(Path.of("/work/corpora/pystdlib"), Path.of("/usr/lib/python3.11"),
            Path.of("/usr/lib/python3"));

    private static ExecutorService pool;
    private static OnnxEmbedder bge;

    @BeforeAll
    static void load() {
        pool = Executors.newFixedThreadPool(1);
        bge = new OnnxEmbedder(BundledModel.BGE_SMALL, pool);
    }

    @AfterAll
    static void close() {
        bge.close();
        pool.shutdownNow();
    }

    @Test
    void the_estimate_never_under_counts_bge_on_real_source_files() throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> own = Files.walk(Path.of("src/main/java"))) {
            for (Path p : own.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files.add(Files.readString(p));
            }
        }
        int ownFiles = files.size();
        Path jdk = Path.of("/work/corpora/jdk");
        Path srcZip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        if (Files.isDirectory(jdk)) {
            addSample(files, jdk, ".java");
        } else if (Files.isRegularFile(srcZip)) {
            try (ZipFile zip = new ZipFile(srcZip.toFile())) {
                List<? extends ZipEntry> java = zip.stream().filter(e -> e.getName().endsWith(".java"))
                        .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
                for (ZipEntry e : sample(java)) {
                    try (InputStream in = zip.getInputStream(e)) {
                        addText(files, in.readAllBytes());
                    }
                }
            }
        }
        int jdkFiles = files.size() - ownFiles;
        Path python = PYTHON_LIBS.stream().filter(Files::isDirectory).findFirst().orElse(null);
        if (python != null) {
            addSample(files, python, ".py");
        }
        // the JDK and Python samples are added where the machine has them; this project's sources always are
        assertTrue(ownFiles >= 50, "a sample of real files: " + files.size());

        List<Double> ratios = new ArrayList<>();
        List<String> under = new ArrayList<>();
        for (String file : files) {
            List<String> texts = new ArrayList<>(windows(file));
            texts.add(file);
            for (String text : texts) {
                int real = bge.countTokens(text);
                int estimate = TokenEstimator.count(text);
                ratios.add((double) estimate / real);
                if (estimate < real) {
                    under.add(estimate + " < " + real + " for: " + text.substring(0, Math.min(200, text.length())));
                }
                int bytes = text.getBytes(StandardCharsets.UTF_8).length;
                assertTrue(estimate <= bytes + TokenEstimator.SPECIAL_TOKENS, "never above one token a byte");
            }
        }
        Collections.sort(ratios);
        System.out.printf("token estimate / bge tokens over %d files (%d own, %d JDK, %d Python from %s), %d texts:"
                + " min %.3f, median %.3f, max %.3f%n", files.size(), ownFiles, jdkFiles, files.size() - ownFiles - jdkFiles,
                python, ratios.size(), ratios.get(0), ratios.get(ratios.size() / 2), ratios.get(ratios.size() - 1));
        assertTrue(under.isEmpty(), under.size() + " under-counted, first: " + (under.isEmpty() ? "" : under.get(0)));
    }

    private static void addSample(List<String> files, Path dir, String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : sample(all.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList())) {
                addText(files, Files.readAllBytes(p));
            }
        }
    }

    private static <T> List<T> sample(List<T> all) {
        List<T> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(7));
        return shuffled.subList(0, Math.min(SAMPLE, shuffled.size()));
    }

    /** Decodable UTF-8 files under the size cap, as the indexer would read them. */
    private static void addText(List<String> files, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.length() <= MAX_FILE_CHARS) {
                files.add(text);
            }
        } catch (CharacterCodingException e) {
            // not UTF-8: the indexer skips it too
        }
    }

    /** Chunk-sized pieces: consecutive runs of {@link #WINDOW_LINES} lines. */
    private static List<String> windows(String file) {
        String[] lines = file.split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < lines.length; k += WINDOW_LINES) {
            String w = String.join("\n", Arrays.copyOfRange(lines, k, Math.min(lines.length, k + WINDOW_LINES)));
            if (!w.isBlank()) {
                out.add(w);
            }
        }
        return out;
    }

    @Test
    void each_rule_counts_what_tokenizers_spend() {
        assertEquals(2, TokenEstimator.count(""), "[CLS] and [SEP]");
        assertEquals(2 + 3, TokenEstimator.count("();"), "one a punctuation mark");
        assertEquals(2 + 6, TokenEstimator.count("0x1f2e"), "hex: one a character");
        assertEquals(2 + 5, TokenEstimator.count("uFFFD"), "a unicode escape is hex too");
        assertEquals(2 + 3, TokenEstimator.count("025"), "one a digit");
        assertEquals(2 + 4, TokenEstimator.count("é ü"), "non-ASCII: its UTF-8 bytes, the single space free");
        assertEquals(2 + 1 + 1, TokenEstimator.count("x\n"), "a letter, a line break");
        assertEquals(2 + 1 + 1 + 1 + 1, TokenEstimator.count("\n        x\n"), "a line break, an indent, a word, a break");
        assertEquals(2 + 1 + 1 + 1, TokenEstimator.count("x 1"), "a space before a digit is its own BPE token");
        assertTrue(TokenEstimator.count("getOrDefault") < TokenEstimator.count("qzxvkwjpbf"),
                "an identifier of common pairs costs less than letters that rarely meet");
    }
}
