import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

/**
 * N windows of 25 lines from the .java files of TREE (files in a seeded random order), each with its
 * file name as a header, embedded by the bundled MiniLM model; the vectors go to OUT (int n, int dim,
 * then n × dim floats). Input for bench/HnswBuild.java: real embeddings of code.
 *
 * <pre>java -cp target/codeindex.jar bench/EmbedWindows.java TREE N OUT</pre>
 */
public class EmbedWindows {
    public static void main(String[] a) throws Exception {
        List<String> texts = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(a[0]))) { files = s.filter(x -> x.toString().endsWith(".java")).sorted().collect(Collectors.toList()); }
        Collections.shuffle(files, new Random(7));
        int n = Integer.parseInt(a[1]);
        outer:
        for (Path p : files) {
            List<String> lines = Files.readAllLines(p);
            for (int i = 0; i < lines.size(); i += 25) {
                String w = String.join("\n", lines.subList(i, Math.min(lines.size(), i + 25)));
                if (w.isBlank()) continue;
                texts.add(p.getFileName() + "\n" + w);
                if (texts.size() == n) break outer;
            }
        }
        var model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(a[2])))) {
            out.writeInt(texts.size()); out.writeInt(384);
            for (int i = 0; i < texts.size(); i += 64) {
                var segs = texts.subList(i, Math.min(texts.size(), i + 64)).stream().map(TextSegment::from).toList();
                for (var e : model.embedAll(segs).content()) for (float f : e.vector()) out.writeFloat(f);
                if (i % 2048 == 0) System.err.println(i);
            }
        }
    }
}
