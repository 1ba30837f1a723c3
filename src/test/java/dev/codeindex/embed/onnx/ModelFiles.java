package dev.codeindex.embed.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Model files for tests: the bundled models' own {@code .onnx} and {@code tokenizer.json}, copied out
 * of the classpath (the jars that ship them), and tiny real ONNX graphs written byte by byte, for the
 * shapes a model file must not have.
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** Copies the bundled bge-small files into {@code dir}: {@code [model, tokenizer]}. */
    public static Path[] bge(Path dir) throws IOException {
        return extract(dir, "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json");
    }

    /** Copies the bundled all-MiniLM-L6-v2 files into {@code dir}: {@code [model, tokenizer]}. */
    public static Path[] minilm(Path dir) throws IOException {
        return extract(dir, "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json");
    }

    static Path[] extract(Path dir, String model, String tokenizer) throws IOException {
        Files.createDirectories(dir);
        return new Path[] {copy(model, dir.resolve(model)), copy(tokenizer, dir.resolve(tokenizer))};
    }

    /** Copies a classpath resource (from the root of its jar) to {@code to}, replacing what is there. */
    public static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = ModelFiles.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the classpath");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }

    /**
     * A real ONNX model with one Identity node: {@code inputName} (int64 [batch, tokens]) out as
     * {@code output} (int64 [batch, tokens]). Not poolable (no float [batch, tokens, dim] output);
     * with {@code inputName} other than input_ids, not fillable either.
     */
    public static Path identityModel(Path file, String inputName) throws IOException {
        byte[] tensorType = concat(tag(1, 0), varint(7), // elem_type INT64
                field(2, concat(field(1, field(2, utf8("batch"))), field(1, field(2, utf8("tokens"))))));
        byte[] input = concat(field(1, utf8(inputName)), field(2, field(1, tensorType)));
        byte[] output = concat(field(1, utf8("logits")), field(2, field(1, tensorType)));
        byte[] node = concat(field(1, utf8(inputName)), field(2, utf8("logits")), field(4, utf8("Identity")));
        byte[] graph = concat(field(1, node), field(2, utf8("identity")), field(11, input), field(12, output));
        byte[] model = concat(tag(1, 0), varint(7), // ir_version
                field(7, graph), field(8, concat(field(1, utf8("")), tag(2, 0), varint(13)))); // opset 13
        Files.write(file, model);
        return file;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A length-delimited protobuf field. */
    private static byte[] field(int number, byte[] body) {
        return concat(tag(number, 2), varint(body.length), body);
    }

    private static byte[] tag(int number, int wireType) {
        return varint((number << 3) | wireType);
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
