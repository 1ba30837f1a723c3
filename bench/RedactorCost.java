import dev.codeindex.chunk.TextRedactor;
import dev.codeindex.secrets.SecretRedactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the secret redactor costs on a real tree: every regular file under TREE up to 5 MB with no
 * NUL byte in its first 8 KB is read into memory once (as UTF-8, ISO-8859-1 when not valid), then
 * redacted ROUNDS times in one JVM; prints each round's time and the median of the rounds after
 * the first two (the warm-up), with MB/s, files with a redaction and redactions by rule-free count.
 *
 *   java -cp target/codeindex.jar bench/RedactorCost.java TREE [ROUNDS]
 *
 * With SHOW set in the environment, also prints every redacted line as redacted (for judging
 * false positives on public trees).
 */
public final class RedactorCost {
    public static void main(String[] args) throws IOException {
        Path tree = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<String> paths = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                if (Files.size(p) > 5 << 20) {
                    continue;
                }
                byte[] b = Files.readAllBytes(p);
                boolean binary = false;
                for (int i = 0; i < Math.min(b.length, 8192); i++) {
                    if (b[i] == 0) {
                        binary = true;
                        break;
                    }
                }
                if (binary) {
                    continue;
                }
                String t = new String(b, StandardCharsets.UTF_8);
                if (t.indexOf('\uFFFD') >= 0) {
                    t = new String(b, StandardCharsets.ISO_8859_1);
                }
                paths.add(tree.relativize(p).toString());
                texts.add(t);
                bytes += b.length;
            }
        }
        TextRedactor r = SecretRedactor.defaults();
        long[] ms = new long[rounds];
        int files = 0;
        long redactions = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            files = 0;
            redactions = 0;
            for (int i = 0; i < texts.size(); i++) {
                int n = r.redact(paths.get(i), texts.get(i)).count();
                if (n > 0) {
                    files++;
                    redactions += n;
                }
            }
            ms[round] = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("round %d: %d ms%n", round + 1, ms[round]);
        }
        if (System.getenv("SHOW") != null) { // the redacted lines, to judge false positives (public trees only)
            for (int i = 0; i < texts.size(); i++) {
                String out = r.redact(paths.get(i), texts.get(i)).text();
                if (out != texts.get(i)) {
                    String[] a = texts.get(i).split("\n", -1);
                    String[] b = out.split("\n", -1);
                    for (int l = 0; l < a.length; l++) {
                        if (!a[l].equals(b[l])) {
                            System.out.println(paths.get(i) + ":" + (l + 1) + ": " + b[l].strip());
                        }
                    }
                }
            }
        }
        long[] counted = Arrays.copyOfRange(ms, Math.min(2, rounds - 1), rounds);
        Arrays.sort(counted);
        long median = counted[counted.length / 2];
        System.out.printf("files=%d MB=%.1f median=%d ms (%.0f MB/s, %.1f us/file) filesRedacted=%d redactions=%d%n",
                texts.size(), bytes / 1e6, median, bytes / 1e6 / Math.max(1, median) * 1000,
                median * 1000.0 / texts.size(), files, redactions);
    }
}
