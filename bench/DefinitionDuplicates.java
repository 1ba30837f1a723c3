package dev.codeindex.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.embed.onnx.BundledModel;
import dev.codeindex.embed.onnx.OnnxEmbedder;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.lucene.LuceneStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Share of sentence result lists (top 10) holding two windows of one definition: collapsed by overlap
 * only, as search did before windows recorded their definition, and as shipped. Reads the stores and
 * queries of a bench/retrieval5.sh work dir written by chunker version 7 or later. It is in package
 * dev.codeindex.search for HitMerge, so it is compiled rather than launched as a single file:
 * <pre>
 * javac -cp target/codeindex.jar -d /tmp/dd bench/DefinitionDuplicates.java
 * java --add-modules jdk.incubator.vector -cp /tmp/dd:target/codeindex.jar \
 *     dev.codeindex.search.DefinitionDuplicates WORK python,java,javascript,go,rust,c
 * </pre>
 */
public class DefinitionDuplicates {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        var pool = Executors.newFixedThreadPool(2);
        try (OnnxEmbedder onnx = new OnnxEmbedder(BundledModel.byName("bge"), pool)) {
            for (String lang : args[1].split(",")) {
                Path dir = Path.of(args[0], lang);
                Path store;
                try (var s = Files.walk(dir.resolve("data"))) {
                    store = s.filter(p -> p.getFileName().toString().startsWith("lucene-")).findFirst().orElseThrow();
                }
                int n = 0, before = 0, after = 0, rankUp = 0;
                try (LuceneStore st = LuceneStore.openReadOnly(store)) {
                    Searcher searcher = new Searcher(onnx, st);
                    for (String line : Files.readAllLines(dir.resolve("queries.jsonl"))) {
                        JsonNode q = json.readTree(line);
                        if (!q.get("type").asText().equals("sentence")) continue;
                        String text = q.get("query").asText();
                        float[] v = onnx.embedQueries(List.of(text)).get(0);
                        List<SearchHit> fused = HitMerge.fuse(st.search(v, 50, SearchFilter.NONE),
                                st.searchText(text, 50, SearchFilter.NONE), Searcher.KEYWORD_WEIGHT, 10 + 100);
                        List<SearchHit> old = overlapOnly(fused);
                        n++;
                        before += dup(old.subList(0, Math.min(10, old.size()))) ? 1 : 0;
                        List<SearchHit> now = searcher.search(text, 10, null, null);
                        after += dup(now) ? 1 : 0;
                    }
                }
                System.out.printf("%s sentences %d: lists with two windows of one definition: before %d (%.3f), after %d%n",
                        lang, n, before, before / (double) n, after);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static boolean dup(List<SearchHit> hits) {
        for (int i = 0; i < hits.size(); i++)
            for (int j = i + 1; j < hits.size(); j++)
                if (HitMerge.sameDefinition(hits.get(i), hits.get(j))) return true;
        return false;
    }

    /** HitMerge.collapse as it was: overlap only. */
    static List<SearchHit> overlapOnly(List<SearchHit> ranked) {
        List<SearchHit> out = new ArrayList<>();
        for (SearchHit h : ranked) {
            int into = -1;
            for (int i = 0; i < out.size() && into < 0; i++) if (HitMerge.overlap(out.get(i), h)) into = i;
            if (into < 0) { out.add(h); continue; }
            SearchHit m = out.get(into);
            m = m.withLines(Math.min(m.startLine(), h.startLine()), Math.max(m.endLine(), h.endLine()));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (int j = out.size() - 1; j > into; j--) {
                    if (HitMerge.overlap(m, out.get(j))) {
                        SearchHit o = out.remove(j);
                        m = m.withLines(Math.min(m.startLine(), o.startLine()), Math.max(m.endLine(), o.endLine()));
                        grew = true;
                    }
                }
            }
            out.set(into, m);
        }
        return out;
    }
}
