import dev.codeindex.chunk.Chunk;
import dev.codeindex.chunk.ChunkLimits;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.java.JavaStructureParser;
import dev.codeindex.embed.EmbeddingText;
import dev.codeindex.embed.ModelTokenBudget;
import dev.codeindex.embed.onnx.BundledModel;
import dev.codeindex.embed.onnx.OnnxEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The model alone: embeds the first N chunk texts of a Java tree (chunked exactly as `index` does,
 * header included) in the batches `index` uses, and prints texts/s, to compare with the embed
 * phase of `index --json` (chunks.embedded / phasesMs.embed).
 *
 *   java -cp target/codeindex.jar bench/RawEmbedThroughput.java TREE [N] [bge|minilm]
 */
public class RawEmbedThroughput {
    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        BundledModel model = BundledModel.byName(args.length > 2 ? args[2] : "bge");
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (OnnxEmbedder embedder = new OnnxEmbedder(model, pool)) {
            SourceChunker chunker = new SourceChunker(ChunkLimits.DEFAULT, new ModelTokenBudget(embedder),
                    Map.of("java", new JavaStructureParser()), 2 << 20);
            List<String> texts = new ArrayList<>();
            try (Stream<Path> files = Files.walk(tree)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
                    String rel = tree.relativize(f).toString();
                    for (Chunk c : chunker.chunk(new SourceFile(rel, "java", Files.readString(f))).chunks()) {
                        texts.add(EmbeddingText.of(c));
                    }
                    if (texts.size() >= n) {
                        break;
                    }
                }
            }
            texts = texts.subList(0, Math.min(n, texts.size()));
            embedder.embed(texts.subList(0, 64)); // warm-up
            long t = System.nanoTime();
            for (int from = 0; from < texts.size(); from += 32) {
                embedder.embed(texts.subList(from, Math.min(texts.size(), from + 32)));
            }
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("%s: %d texts in %.1f s = %.1f texts/s%n", embedder.modelId(), texts.size(), s, texts.size() / s);
        } finally {
            pool.shutdownNow();
        }
    }
}
