import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Offline passes in one JVM, as a daemon runs them: after the first passes the JIT has compiled
 * the hot code, which a one-shot `codeindex index` never gets to. Each pass is the CLI's own
 * `index TREE --offline --json` (dev.codeindex.cli.Main.execute), so the numbers are the same
 * pass as the cold rows of bench/offline.sh, minus JVM start and warm-up.
 *
 *   java -Xmx256m -cp target/codeindex.jar bench/WarmPasses.java TREE MODE PASSES DATA_DIR
 *
 * MODE fresh: every pass indexes into an empty DATA_DIR (a whole index; the directory is emptied
 * before each pass). MODE nochange: the first pass indexes into DATA_DIR, every later one finds
 * nothing changed (a rescan). Prints one line per pass, then
 *   median PASSES_COUNTED durationMs=… scanMs=… indexed=… scanned=…
 * over the passes after the first two (the warm-up).
 */
public final class WarmPasses {
    private static final Pattern NUM = Pattern.compile("\"(durationMs|scan|indexed|scanned)\":(\\d+)");

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !(args[1].equals("fresh") || args[1].equals("nochange"))) {
            System.err.println("usage: java -cp target/codeindex.jar bench/WarmPasses.java TREE fresh|nochange PASSES DATA_DIR");
            System.exit(2);
        }
        String tree = args[0];
        boolean fresh = args[1].equals("fresh");
        int passes = Integer.parseInt(args[2]);
        Path data = Path.of(args[3]);
        PrintStream out = System.out;
        List<long[]> counted = new ArrayList<>();
        for (int i = 1; i <= passes; i++) {
            if (fresh || i == 1) {
                deleteContents(data);
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            System.setOut(new PrintStream(json, true, StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            int rc;
            try {
                rc = dev.codeindex.cli.Main.execute("index", tree, "--offline", "--json", "--no-progress",
                        "--data-dir", data.toString());
            } finally {
                System.setOut(out);
            }
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            if (rc != 0) {
                System.err.println("pass " + i + " failed with exit " + rc);
                System.exit(1);
            }
            long[] v = values(json.toString(StandardCharsets.UTF_8));
            out.printf("pass %d wallMs=%d durationMs=%d scanMs=%d indexed=%d scanned=%d%n", i, wallMs, v[0], v[1], v[2], v[3]);
            if (i > 2) {
                counted.add(v);
            }
        }
        if (!counted.isEmpty()) {
            out.printf("median %d durationMs=%d scanMs=%d indexed=%d scanned=%d%n", counted.size(),
                    median(counted, 0), median(counted, 1), counted.get(0)[2], counted.get(0)[3]);
        }
    }

    /** durationMs, phasesMs.scan, files.indexed, files.scanned of a summary object. */
    private static long[] values(String json) {
        long[] v = new long[4];
        Matcher m = NUM.matcher(json);
        while (m.find()) {
            long n = Long.parseLong(m.group(2));
            switch (m.group(1)) {
                case "durationMs" -> v[0] = n;
                case "scan" -> v[1] = n;
                case "indexed" -> v[2] = n;
                case "scanned" -> v[3] = n;
                default -> { }
            }
        }
        return v;
    }

    private static long median(List<long[]> rows, int col) {
        long[] xs = rows.stream().mapToLong(r -> r[col]).sorted().toArray();
        return xs[xs.length / 2];
    }

    private static void deleteContents(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
