import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.onnx.BundledModel;
import dev.codeindex.embed.onnx.OnnxEmbedder;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.lucene.LuceneStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Scores search strategies on the queries of bench/retrieval_corpus.py against a store built by
 * `codeindex index` (bench/retrieval.sh runs both). A query is answered when a result overlaps one of
 * its targets (same path, overlapping lines); MRR@10 is the mean of 1/rank of the first such result
 * (0 when none is in the top 10), R@10 the share of queries answered in the top 10, @1 at rank 1.
 *
 *   java -cp target/codeindex.jar bench/RetrievalEval.java STORE_DIR QUERIES.jsonl [bge|minilm] [DETAILS.jsonl]
 *   java -Dsummary=LANG -cp target/codeindex.jar bench/RetrievalEval.java …   (bench/retrieval5.sh: one row per split)
 *
 * Strategies: "vector" (nearest vectors, VectorStore.search), "keyword" (BM25 over symbol + text,
 * VectorStore.searchText), "keyword+symbol" (symbol look-up first for identifier-shaped queries,
 * then BM25), "before" (what search did before this evaluation: symbols first, then vectors),
 * "shipped" (Searcher.search, exactly what `codeindex search` does), and the fusion candidates that
 * were measured to choose the shipped one: weighted RRF (c = 60), the store's vector score plus a
 * share of the query-normalised BM25 score, and the same with the vector score min-max scaled over
 * the top 50 (what Searcher ships, with weight 0.2). Fusion pools take the top 50 of each side.
 * Prints markdown tables and paired-bootstrap intervals on stdout; per-query ranks go to DETAILS.
 */
public class RetrievalEval {
    static final int K = 10;
    /** Candidates each side contributes to a fusion. */
    static final int POOL = 50;
    /** A word of a sentence that looks like code: snake_case, camelCase or dotted. */
    static final java.util.regex.Pattern CODE_WORD =
            java.util.regex.Pattern.compile("\\b(\\w+_\\w+|[a-z]+[A-Z]\\w*|\\w+\\.\\w+)\\b");

    record Target(String path, int start, int end) {}

    record Query(int id, String type, String split, String lang, String text, List<Target> targets) {}

    /** Sums per group: queries, reciprocal ranks, answered in top 10, answered at 1. */
    static final class Score {
        int n;
        double rr;
        int top10;
        int top1;
        /** Result lists (top 10) holding two hits of one file whose line ranges overlap. */
        int nearDup;
        final List<Double> reciprocal = new ArrayList<>();

        void add(int rank, boolean dup) {
            n++;
            nearDup += dup ? 1 : 0;
            reciprocal.add(rank == 0 ? 0.0 : 1.0 / rank);
            if (rank > 0) {
                rr += 1.0 / rank;
                top10++;
                top1 += rank == 1 ? 1 : 0;
            }
        }
    }

    /**
     * A bundled model by name, or {@code onnx}: the model file that {@code codeindex index} was given in
     * the environment ({@code CODEINDEX_EMBEDDER_MODEL_PATH}, {@code _TOKENIZER_PATH}, {@code _POOLING},
     * {@code _MAX_TOKENS}, {@code _QUERY_PREFIX}, {@code _DOCUMENT_PREFIX}), so queries are embedded as
     * the index's search embeds them.
     */
    static Embedder embedder(String name, ExecutorService pool) {
        if (!name.equals("onnx")) {
            return new OnnxEmbedder(BundledModel.byName(name), pool);
        }
        java.util.function.Function<String, String> env = k -> System.getenv().getOrDefault("CODEINDEX_EMBEDDER_" + k, "");
        return dev.codeindex.embed.onnx.OnnxFileEmbedder.open(new dev.codeindex.embed.onnx.ModelFileSettings(
                Path.of(env.apply("MODEL_PATH")), Path.of(env.apply("TOKENIZER_PATH")),
                dev.codeindex.embed.onnx.ModelFileSettings.Pooling.byName(env.apply("POOLING").isEmpty() ? "mean" : env.apply("POOLING")),
                true, env.apply("MAX_TOKENS").isEmpty() ? 512 : Integer.parseInt(env.apply("MAX_TOKENS")),
                env.apply("QUERY_PREFIX"), env.apply("DOCUMENT_PREFIX")), pool);
    }

    public static void main(String[] args) throws Exception {
        Path storeDir = Path.of(args[0]);
        List<Query> queries = read(Path.of(args[1]));
        String modelName = args.length > 2 ? args[2] : "bge";
        Path details = args.length > 3 ? Path.of(args[3]) : null;
        String summary = System.getProperty("summary");
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (Embedder onnx = embedder(modelName, pool); LuceneStore store = LuceneStore.openReadOnly(storeDir)) {
            long t0 = System.nanoTime();
            Map<String, float[]> vectors = new HashMap<>();
            List<String> texts = queries.stream().map(Query::text).distinct().toList();
            for (int from = 0; from < texts.size(); from += 32) {
                List<String> group = texts.subList(from, Math.min(texts.size(), from + 32));
                List<float[]> v = onnx.embedQueries(group); // as Searcher embeds a query
                for (int i = 0; i < group.size(); i++) {
                    vectors.put(group.get(i), v.get(i));
                }
            }
            double embedSeconds = (System.nanoTime() - t0) / 1e9;
            Embedder cached = new CachedEmbedder(onnx, vectors);
            Searcher searcher = new Searcher(cached, store);
            Strategies s = new Strategies(store, vectors);
            Map<String, Function<String, List<SearchHit>>> strategies = new LinkedHashMap<>();
            strategies.put("vector", s::vector);
            strategies.put("keyword", s::keyword);
            if (summary == null) {
                strategies.put("keyword+symbol", s::keywordSymbol);
                strategies.put("before", s::before);
            }
            strategies.put("shipped", q -> searcher.search(q, K, null, null));
            for (double w : summary != null ? new double[0] : new double[] {1.0, 0.5, 0.25}) {
                strategies.put(String.format(Locale.ROOT, "rrf, bm25 weight %.2f", w), q -> s.rrf(q, w));
            }
            for (double b : summary != null ? new double[0] : new double[] {0.01, 0.02, 0.03, 0.05}) {
                strategies.put(String.format(Locale.ROOT, "cos + %.2f·bm25", b), q -> s.combined(q, b, false));
            }
            for (double b : summary != null ? new double[0] : new double[] {0.05, 0.1, 0.2, 0.3, 0.5}) {
                strategies.put(String.format(Locale.ROOT, "minmax(cos) + %.2f·bm25", b), q -> s.combined(q, b, true));
            }
            Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
            Map<String, double[]> rr = new LinkedHashMap<>();
            Map<String, Double> millis = new LinkedHashMap<>();
            List<String> lines = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (var e : strategies.entrySet()) {
                Map<String, Score> byGroup = new TreeMap<>();
                double[] reciprocal = new double[queries.size()];
                rr.put(e.getKey(), reciprocal);
                long t = System.nanoTime();
                for (int i = 0; i < queries.size(); i++) {
                    Query q = queries.get(i);
                    List<SearchHit> hits = e.getValue().apply(q.text());
                    int rank = rank(hits, q.targets());
                    reciprocal[i] = rank == 0 ? 0 : 1.0 / rank;
                    for (String g : groups(q)) {
                        byGroup.computeIfAbsent(g, x -> new Score()).add(rank, nearDuplicate(hits));
                    }
                    if (details != null) {
                        lines.add(json.writeValueAsString(Map.of("strategy", e.getKey(), "id", q.id(), "rank", rank,
                                "nearDuplicate", nearDuplicate(hits),
                                "top", hits.isEmpty() ? "" : hits.get(0).path() + ":" + hits.get(0).startLine()
                                        + " " + hits.get(0).symbol())));
                    }
                }
                millis.put(e.getKey(), (System.nanoTime() - t) / 1e6 / queries.size());
                scores.put(e.getKey(), byGroup);
            }
            if (details != null) {
                Files.write(details, lines, StandardCharsets.UTF_8);
            }
            if (summary != null) {
                summary(out, summary, scores);
            } else {
                print(out, scores, rr, millis, queries, embedSeconds, onnx.modelId(), store.count());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether two of the top K hits come from one file and overlap in lines. */
    static boolean nearDuplicate(List<SearchHit> hits) {
        int n = Math.min(K, hits.size());
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                SearchHit a = hits.get(i);
                SearchHit b = hits.get(j);
                if (a.path().equals(b.path()) && a.startLine() <= b.endLine() && b.startLine() <= a.endLine()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One markdown row per split ("tuning", then "heldout") for the table of bench/retrieval5.sh:
     * shipped sentence MRR@10 with its bootstrap 95% interval, R@10, R@1; vector-only and
     * keyword-only sentence MRR@10; shipped identifier R@1 and MRR@10; the share of shipped result
     * lists with a near-duplicate, for sentences and identifiers.
     */
    static void summary(PrintStream out, String label, Map<String, Map<String, Score>> scores) {
        Map<String, Score> shipped = scores.get("shipped");
        for (String split : List.of("tuning", "heldout")) {
            Score s = shipped.getOrDefault("sentence/" + split, new Score());
            Score v = scores.get("vector").getOrDefault("sentence/" + split, new Score());
            Score k = scores.get("keyword").getOrDefault("sentence/" + split, new Score());
            Score id = shipped.getOrDefault("identifier/any/" + split, new Score());
            double[] ci = interval(s.reciprocal);
            out.printf(Locale.ROOT, "| %s | %s | %d | **%.3f** [%.3f, %.3f] | %.3f | %.3f | %.3f | %.3f | %d | **%.3f** | %.3f | %.2f | %.2f |%n",
                    label, split, s.n, ratio(s.rr, s.n), ci[0], ci[1], ratio(s.top10, s.n), ratio(s.top1, s.n),
                    ratio(v.rr, v.n), ratio(k.rr, k.n), id.n, ratio(id.top1, id.n), ratio(id.rr, id.n),
                    ratio(s.nearDup, s.n), ratio(id.nearDup, id.n));
        }
    }

    static double ratio(double a, int n) {
        return n == 0 ? Double.NaN : a / n;
    }

    /** Bootstrap 95% interval of a mean (10,000 resamples, seed 42). */
    static double[] interval(List<Double> values) {
        if (values.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        java.util.Random random = new java.util.Random(42);
        double[] means = new double[10_000];
        for (int r = 0; r < means.length; r++) {
            double sum = 0;
            for (int i = 0; i < values.size(); i++) {
                sum += values.get(random.nextInt(values.size()));
            }
            means[r] = sum / values.size();
        }
        java.util.Arrays.sort(means);
        return new double[] {means[249], means[9_749]};
    }

    /** 1-based rank of the first hit overlapping a target, 0 when none of the top K does. */
    static int rank(List<SearchHit> hits, List<Target> targets) {
        for (int i = 0; i < Math.min(K, hits.size()); i++) {
            SearchHit h = hits.get(i);
            for (Target t : targets) {
                if (h.path().equals(t.path()) && h.startLine() <= t.end() && h.endLine() >= t.start()) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    static List<String> groups(Query q) {
        String type = q.type().equals("sentence") ? "sentence" : "identifier/" + q.lang();
        List<String> g = new ArrayList<>(List.of(type + "/all", type + "/" + q.split()));
        if (!q.type().equals("sentence")) {
            g.add("identifier/any/all");
            g.add("identifier/any/" + q.split());
        } else if (CODE_WORD.matcher(q.text()).find()) {
            g.add("sentence-naming-code/all");
        }
        return g;
    }

    /** Main table columns: query group and its label. */
    static final Map<String, String> MAIN = new LinkedHashMap<>();
    static {
        MAIN.put("sentence/all", "sentences");
        MAIN.put("sentence/test", "sentences, test files");
        MAIN.put("identifier/any/all", "identifiers");
        MAIN.put("identifier/python/all", "Python names");
        MAIN.put("identifier/python-module/all", "module.function");
        MAIN.put("identifier/java/all", "Java names");
    }

    static void print(PrintStream out, Map<String, Map<String, Score>> scores, Map<String, double[]> rr,
                      Map<String, Double> millis, List<Query> queries, double embedSeconds, String model, long points) {
        out.printf(Locale.ROOT, "model %s, %d points, %d queries (embedded in %.1f s)%n%n", model, points,
                queries.size(), embedSeconds);
        Map<String, Score> any = scores.values().iterator().next();
        StringBuilder head = new StringBuilder("| strategy |");
        StringBuilder rule = new StringBuilder("|---|");
        for (var g : MAIN.entrySet()) {
            head.append(' ').append(g.getValue()).append(" (").append(any.get(g.getKey()).n).append(") |");
            rule.append("---|");
        }
        out.println("MRR@10 / R@10 / answered at rank 1:");
        out.println();
        out.println(head.append(" ms/query |"));
        out.println(rule.append("---:|"));
        for (String strategy : List.of("vector", "keyword", "keyword+symbol", "before", "shipped")) {
            row(out, strategy, scores.get(strategy), millis.get(strategy), true);
        }
        out.println();
        out.println("Fusion candidates (MRR@10 / R@10); chosen on dev files, reported on test files too:");
        out.println();
        Map<String, String> cols = new LinkedHashMap<>();
        cols.put("sentence/dev", "sentences, dev");
        cols.put("sentence/test", "sentences, test");
        cols.put("sentence-naming-code/all", "sentences naming code");
        cols.put("identifier/any/all", "identifiers (fusion alone)");
        out.println("| strategy | " + String.join(" | ", cols.values()) + " | ms/query |");
        out.println("|---|" + "---|".repeat(cols.size()) + "---:|");
        for (var e : scores.entrySet()) {
            if (e.getKey().equals("vector") || e.getKey().equals("shipped") || e.getKey().startsWith("rrf")
                    || e.getKey().startsWith("cos") || e.getKey().startsWith("minmax")) {
                StringBuilder r = new StringBuilder("| " + e.getKey() + " |");
                for (String g : cols.keySet()) {
                    Score sc = e.getValue().get(g);
                    r.append(String.format(Locale.ROOT, " %.3f / %.3f |", sc.rr / sc.n, (double) sc.top10 / sc.n));
                }
                out.println(r.append(String.format(Locale.ROOT, " %.1f |", millis.get(e.getKey()))));
            }
        }
        out.println();
        out.println("Paired differences in MRR@10 (bootstrap over queries, 10,000 resamples, seed 42, 95% interval):");
        out.println();
        diff(out, "shipped − vector, sentences", rr.get("shipped"), rr.get("vector"), queries, "sentence");
        diff(out, "shipped − vector, sentences of test files", rr.get("shipped"), rr.get("vector"), queries, "sentence/test");
        diff(out, "shipped − keyword, identifiers", rr.get("shipped"), rr.get("keyword"), queries, "identifier");
        diff(out, "shipped − keyword+symbol, identifiers", rr.get("shipped"), rr.get("keyword+symbol"), queries, "identifier");
        diff(out, "shipped − before, sentences", rr.get("shipped"), rr.get("before"), queries, "sentence");
    }

    static void row(PrintStream out, String name, Map<String, Score> byGroup, double ms, boolean withTop1) {
        StringBuilder r = new StringBuilder("| " + name + " |");
        for (String g : MAIN.keySet()) {
            Score s = byGroup.get(g);
            r.append(String.format(Locale.ROOT, " %.3f / %.3f / %.3f |", s.rr / s.n, (double) s.top10 / s.n,
                    (double) s.top1 / s.n));
        }
        out.println(r.append(String.format(Locale.ROOT, " %.1f |", ms)));
    }

    static void diff(PrintStream out, String label, double[] a, double[] b, List<Query> queries, String type) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            if (q.type().equals(type) || (q.type() + "/" + q.split()).equals(type)) {
                d.add(a[i] - b[i]);
            }
        }
        java.util.Random random = new java.util.Random(42);
        double[] means = new double[10_000];
        for (int r = 0; r < means.length; r++) {
            double sum = 0;
            for (int i = 0; i < d.size(); i++) {
                sum += d.get(random.nextInt(d.size()));
            }
            means[r] = sum / d.size();
        }
        java.util.Arrays.sort(means);
        double mean = d.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        out.printf(Locale.ROOT, "- %s: %+.3f [%+.3f, %+.3f] (n=%d)%n", label, mean, means[249], means[9_749], d.size());
    }

    static List<Query> read(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Query> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n = json.readTree(line);
            List<Target> targets = new ArrayList<>();
            for (JsonNode t : n.get("targets")) {
                targets.add(new Target(t.get("path").asText(), t.get("start").asInt(), t.get("end").asInt()));
            }
            out.add(new Query(n.get("id").asInt(), n.get("type").asText(), n.get("split").asText(),
                    n.get("lang").asText(), n.get("query").asText(), targets));
        }
        return out;
    }

    /** The query vectors, embedded once in batches; Searcher asks for them one by one. */
    record CachedEmbedder(Embedder delegate, Map<String, float[]> vectors) implements Embedder {
        @Override public String modelId() { return delegate.modelId(); }
        @Override public int dimension() { return delegate.dimension(); }
        @Override public int maxTokens() { return delegate.maxTokens(); }
        @Override public int countTokens(String text) { return delegate.countTokens(text); }
        @Override public void close() {}

        @Override
        public List<float[]> embed(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                float[] v = vectors.get(t);
                out.add(v != null ? v : delegate.embed(List.of(t)).get(0));
            }
            return out;
        }
    }

    /** The strategies compared with the shipped one, over the store's own primitives. */
    record Strategies(LuceneStore store, Map<String, float[]> vectors) {
        List<SearchHit> vector(String q) {
            return store.search(vectors.get(q), K, SearchFilter.NONE);
        }

        List<SearchHit> keyword(String q) {
            return store.searchText(q, K, SearchFilter.NONE);
        }

        boolean identifier(String q) {
            return q.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
        }

        List<SearchHit> keywordSymbol(String q) {
            List<SearchHit> kw = store.searchText(q, K, SearchFilter.NONE);
            return identifier(q) ? first(store.searchSymbol(q, K, SearchFilter.NONE), kw) : kw;
        }

        List<SearchHit> before(String q) {
            List<SearchHit> v = vector(q);
            return identifier(q) ? first(store.searchSymbol(q, K, SearchFilter.NONE), v) : v;
        }

        static List<SearchHit> first(List<SearchHit> a, List<SearchHit> b) {
            Map<String, SearchHit> out = new LinkedHashMap<>();
            for (SearchHit h : a) {
                out.putIfAbsent(key(h), h);
            }
            for (SearchHit h : b) {
                out.putIfAbsent(key(h), h);
            }
            return new ArrayList<>(out.values()).subList(0, Math.min(K, out.size()));
        }

        static String key(SearchHit h) {
            return h.path() + ":" + h.startLine() + "-" + h.endLine();
        }

        /** Reciprocal rank fusion, c = 60, the BM25 list weighted by w. */
        List<SearchHit> rrf(String q, double w) {
            Map<String, Double> score = new HashMap<>();
            Map<String, SearchHit> hit = new HashMap<>();
            List<SearchHit> v = store.search(vectors.get(q), POOL, SearchFilter.NONE);
            List<SearchHit> t = store.searchText(q, POOL, SearchFilter.NONE);
            for (int i = 0; i < v.size(); i++) {
                score.merge(key(v.get(i)), 1.0 / (60 + i + 1), Double::sum);
                hit.putIfAbsent(key(v.get(i)), v.get(i));
            }
            for (int i = 0; i < t.size(); i++) {
                score.merge(key(t.get(i)), w / (60 + i + 1), Double::sum);
                hit.putIfAbsent(key(t.get(i)), t.get(i));
            }
            return top(score, hit);
        }

        /**
         * Vector score (as the store gives it, or min-max scaled over the pool) plus b times the BM25
         * score divided by the query's best BM25 score.
         */
        List<SearchHit> combined(String q, double b, boolean minmax) {
            Map<String, Double> score = new HashMap<>();
            Map<String, SearchHit> hit = new HashMap<>();
            List<SearchHit> v = store.search(vectors.get(q), POOL, SearchFilter.NONE);
            List<SearchHit> t = store.searchText(q, POOL, SearchFilter.NONE);
            double floor = v.isEmpty() ? 0 : v.get(v.size() - 1).score();
            double top = v.isEmpty() ? 1 : v.get(0).score();
            for (SearchHit h : v) {
                score.put(key(h), minmax ? (h.score() - floor) / Math.max(1e-9, top - floor) : h.score());
                hit.put(key(h), h);
            }
            if (minmax) {
                floor = 0;
            }
            double max = t.isEmpty() ? 1 : t.get(0).score();
            for (SearchHit h : t) {
                // a BM25 hit the vectors did not return is scored at the vectors' floor
                score.merge(key(h), b * h.score() / max, Double::sum);
                if (hit.putIfAbsent(key(h), h) == null) {
                    score.merge(key(h), floor, Double::sum);
                }
            }
            return top(score, hit);
        }

        static List<SearchHit> top(Map<String, Double> score, Map<String, SearchHit> hit) {
            return score.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(K).map(e -> hit.get(e.getKey())).toList();
        }
    }
}
