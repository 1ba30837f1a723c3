package dev.codeindex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindex.config.Config;
import dev.codeindex.config.ConfigException;
import dev.codeindex.embed.onnx.BundledModel;
import dev.codeindex.embed.onnx.OnnxEmbedder;
import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.DataDirLock;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import dev.codeindex.store.SearchHit;
import dev.codeindex.search.Searcher;
import dev.codeindex.store.lucene.LuceneStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codeindex search QUERY}: the chunks nearest in meaning to the query. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Find code by meaning in an index built by 'codeindex index ROOT'.")
final class SearchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "QUERY", description = "What you are looking for, in words or an identifier.")
    String query;

    @Option(names = "--root", paramLabel = "DIR", description = "The indexed root (default: .).")
    Path root = Path.of(".");

    @Option(names = "-k", paramLabel = "N", description = "How many results (default: 10).")
    int k = 10;

    @Option(names = "--lang", paramLabel = "LANG", description = "Only this language (java, python, …).")
    String lang;

    @Option(names = "--path", paramLabel = "GLOB", description = "Only paths matching this glob (e.g. 'src/main/**').")
    String pathGlob;

    @Override
    public Integer call() throws Exception {
        if (k < 1 || k > Searcher.MAX_K) {
            throw new ConfigException("-k must be from 1 to " + Searcher.MAX_K + ", got " + k);
        }
        Config config = common.load(Map.of());
        Path absRoot = root.toAbsolutePath().normalize();
        Path rootDir = RootDirs.of(config.dataDir(), absRoot);
        BundledModel model = BundledModel.byName(config.embedderModel());
        List<SearchHit> hits;
        ExecutorService threads = Executors.newFixedThreadPool(1);
        try (OnnxEmbedder embedder = new OnnxEmbedder(model, threads)) {
            Path storeDir = rootDir.resolve("lucene-" + embedder.modelId());
            if (!Files.isDirectory(storeDir)) {
                throw new ConfigException("nothing is indexed for " + absRoot + " with model " + embedder.modelId()
                        + " in " + config.dataDir() + "; run: codeindex index " + absRoot);
            }
            try (LuceneStore store = LuceneStore.openReadOnly(storeDir)) {
                hits = new Searcher(embedder, store).search(query, k, lang, pathGlob);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        } finally {
            threads.shutdownNow();
        }
        long pending = pending(rootDir);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(common.json ? json(hits, pending) : text(hits, pending));
        return Main.OK;
    }

    /** Files an interrupted run left to do; -1 while an index run holds the root (it is catching up). */
    private static long pending(Path rootDir) {
        if (!Files.exists(rootDir.resolve("manifest.db"))) {
            return 0;
        }
        try (DataDirLock lock = DataDirLock.acquire(rootDir);
             MapDbManifest m = MapDbManifest.open(rootDir.resolve("manifest.db"))) {
            return m.pendingCount() + m.goneCount();
        } catch (DataDirInUseException e) {
            return -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String json(List<SearchHit> hits, long pending) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        ArrayNode results = o.putArray("results");
        for (SearchHit h : hits) {
            ObjectNode r = results.addObject();
            r.put("path", h.path());
            r.put("startLine", h.startLine());
            r.put("endLine", h.endLine());
            r.put("symbol", h.symbol());
            r.put("language", h.language());
            r.put("score", Math.round(h.score() * 10000) / 10000.0);
            r.put("snippet", h.snippet());
        }
        o.put("pending", pending);
        return o.toString();
    }

    private static String text(List<SearchHit> hits, long pending) {
        StringBuilder sb = new StringBuilder();
        int n = 1;
        for (SearchHit h : hits) {
            String first = h.snippet().lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("@") && !l.startsWith("/*") && !l.startsWith("*")
                            && !l.startsWith("//") && !l.startsWith("#"))
                    .findFirst().orElse(h.snippet().strip().lines().findFirst().orElse(""));
            sb.append(String.format(Locale.ROOT, "%2d. %s:%d-%d  %s  (%.3f)%n      %s%n", n++, h.path(), h.startLine(),
                    h.endLine(), h.symbol(), h.score(), first.length() > 100 ? first.substring(0, 100) + "…" : first));
        }
        if (hits.isEmpty()) {
            sb.append("No results.\n");
        }
        if (pending != 0) {
            sb.append(pending < 0 ? "An index run is in progress: results may be behind.\n"
                    : pending + " files are waiting to be indexed: results may be behind.\n");
        }
        return sb.toString().stripTrailing();
    }
}
