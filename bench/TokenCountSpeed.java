import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.embed.http.TokenEstimator;
import dev.codeindex.embed.onnx.WordPieceCounter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How fast the chunker's token counts run: the bundled model's WordPiece count in Java and the HTTP
 * embedder's estimate, over windows of 1,500 characters of a tree's Java files (with the header a chunk
 * is embedded with), 8 rounds each. Run it on C1 (as a large pass runs the chunk workers) to compare
 * builds, alternating:
 *
 * <pre>java -XX:TieredStopAtLevel=1 -cp target/codeindex.jar bench/TokenCountSpeed.java TREE [FILES]</pre>
 *
 * Prints each counter's three fastest rounds in ms and the sum of its counts (equal across builds that count alike).
 */
public class TokenCountSpeed {
    public static void main(String[] a) throws Exception {
        int max = a.length > 1 ? Integer.parseInt(a[1]) : 3000;
        List<String> texts = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of(a[0]))) {
            for (Path p : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".java")).sorted().limit(max)::iterator) {
                String t = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                for (int i = 0; i + 1500 <= t.length(); i += 1500) {
                    texts.add(p.getFileName() + " · method X.y · java\n" + t.substring(i, i + 1500));
                }
            }
        }
        var json = new ObjectMapper().readTree(TokenCountSpeed.class.getResourceAsStream("/bge-small-en-v1.5-q-tokenizer.json"));
        WordPieceCounter wordPiece = WordPieceCounter.of(json).orElseThrow();
        time("WordPieceCounter (bge)", texts, wordPiece::count);
        time("TokenEstimator (HTTP)", texts, TokenEstimator::count);
    }

    private static void time(String name, List<String> texts, java.util.function.ToIntFunction<String> count) {
        long[] ms = new long[8];
        long sum = 0;
        for (int r = 0; r < ms.length; r++) {
            long t0 = System.nanoTime();
            sum = 0;
            for (String t : texts) {
                sum += count.applyAsInt(t);
            }
            ms[r] = (System.nanoTime() - t0) / 1_000_000;
        }
        java.util.Arrays.sort(ms);
        System.out.printf("%-24s %d texts: %d / %d / %d ms (fastest rounds), counts sum %d%n", name, texts.size(), ms[0], ms[1],
                ms[2], sum);
    }
}
