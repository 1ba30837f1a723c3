package dev.codeindex.embed.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.EmbedderUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONNX embedding model of the user's choice, read from a {@code .onnx} file with its Hugging Face
 * {@code tokenizer.json}. Each text is tokenized (cut to the model's window), run alone through the
 * model, and the vectors of its tokens are pooled into one (mean, first or last token) and, unless
 * told otherwise, normalised. The arithmetic is the bundled models' own, so the bundled files loaded
 * through here give the same vectors.
 *
 * <p>The model id names the file and a hash of everything that shapes a stored vector (the model's
 * bytes, the tokenizer's, pooling, normalisation, document prefix): a file replaced at the same path
 * is another model, and its vectors never mix with the old one's. Thread-safe.
 */
public final class OnnxFileEmbedder implements Embedder {
    private static final Logger log = LoggerFactory.getLogger(OnnxFileEmbedder.class);
    /** The inputs a text model may take that codeindex knows how to fill. */
    static final List<String> SUPPLIED_INPUTS = List.of("input_ids", "attention_mask", "token_type_ids", "position_ids");
    /** Output names that are the per-token vectors, preferred over another rank-3 output. */
    static final List<String> TOKEN_OUTPUTS = List.of("last_hidden_state", "token_embeddings");
    public static final String ID_PREFIX = "onnx:";

    private final InFlight inFlight = new InFlight();
    private final ModelFileSettings settings;
    private final Executor executor;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Map<String, OnnxJavaType> inputs;
    private final String output;
    private final HuggingFaceTokenizer counting;
    private final TokenCounter counter;
    private final HuggingFaceTokenizer cutting;
    private final String id;
    private final int dimension;
    /** The window left to a text after the document prefix. */
    private final int textWindow;

    private OnnxFileEmbedder(ModelFileSettings settings, Executor executor, OrtEnvironment env, OrtSession session,
                             Map<String, OnnxJavaType> inputs, String output, HuggingFaceTokenizer counting,
                             TokenCounter counter, HuggingFaceTokenizer cutting, String id, int dimension) {
        this.settings = settings;
        this.executor = executor;
        this.env = env;
        this.session = session;
        this.inputs = inputs;
        this.output = output;
        this.counting = counting;
        this.counter = counter;
        this.cutting = cutting;
        this.id = id;
        this.dimension = dimension;
        this.textWindow = settings.maxTokens()
                - (settings.documentPrefix().isEmpty() ? 0 : counting.encode(settings.documentPrefix(), false, false)
                .getIds().length);
    }

    /**
     * Loads the model and its tokenizer and checks that one can serve the other.
     *
     * @param executor where the texts of one call are embedded in parallel
     * @throws ModelFileException a file that is not what it should be (the message says what to give instead)
     * @throws EmbedderUnavailableException the runtime itself cannot load (a native library missing)
     */
    public static OnnxFileEmbedder open(ModelFileSettings settings, Executor executor) {
        JsonNode tokenizerJson = checkTokenizerJson(settings.tokenizer());
        String id = modelId(settings);
        OrtEnvironment env;
        OrtSession session;
        try {
            env = OrtEnvironment.getEnvironment();
        } catch (RuntimeException | LinkageError e) {
            throw new EmbedderUnavailableException("cannot start ONNX Runtime: " + e, e);
        }
        try {
            session = env.createSession(settings.model().toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new ModelFileException(ModelFileException.Part.MODEL, settings.model()
                    + " is not an ONNX model ONNX Runtime can load (" + firstLine(e.getMessage())
                    + "); give the model's .onnx file", e);
        }
        HuggingFaceTokenizer counting = null;
        HuggingFaceTokenizer cutting = null;
        try {
            Map<String, OnnxJavaType> inputs = inputs(settings.model(), session);
            String output = tokenOutput(settings.model(), session);
            try {
                // counting sees the whole text (does it fit?); embedding cuts it to the window
                counting = HuggingFaceTokenizer.newInstance(settings.tokenizer(),
                        Map.of("truncation", "false", "padding", "false"));
                cutting = HuggingFaceTokenizer.newInstance(settings.tokenizer(), Map.of("truncation", "true",
                        "padding", "false", "maxLength", Integer.toString(settings.maxTokens())));
            } catch (IOException | RuntimeException e) {
                throw new ModelFileException(ModelFileException.Part.TOKENIZER, settings.tokenizer()
                        + " cannot be loaded as a Hugging Face tokenizer (" + firstLine(String.valueOf(e.getMessage()))
                        + "); give the tokenizer.json of the model's repository", e);
            }
            int dim = declaredDimension(session, output);
            TokenCounter counter = new TokenCounter(counting, tokenizerJson);
            OnnxFileEmbedder embedder = new OnnxFileEmbedder(settings, executor, env, session, inputs, output, counting,
                    counter, cutting, id, dim);
            if (dim <= 0) { // a dynamic axis: ask the model
                embedder = new OnnxFileEmbedder(settings, executor, env, session, inputs, output, counting, counter,
                        cutting, id, embedder.embedOne("a").length);
            }
            log.info("model {} ({}): {} dimensions, {} pooling, {}normalised, window {} tokens", id, settings.model(),
                    embedder.dimension, settings.pooling().configName(), settings.normalize() ? "" : "not ",
                    settings.maxTokens());
            return embedder;
        } catch (RuntimeException e) {
            if (counting != null) {
                counting.close();
            }
            if (cutting != null) {
                cutting.close();
            }
            closeQuietly(session);
            throw e;
        }
    }

    /** A tokenizer.json is a JSON object with a "model" object (the vocabulary and its algorithm); returns it parsed. */
    static JsonNode checkTokenizerJson(Path file) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new ModelFileException(ModelFileException.Part.TOKENIZER, file + " is not a Hugging Face tokenizer.json"
                    + " (not JSON: " + firstLine(e.getMessage()) + "); give the tokenizer.json of the model's repository"
                    + " (vocab.txt, tokenizer.model or tokenizer_config.json are not enough)", e);
        }
        if (root == null || !root.isObject() || !root.path("model").isObject()) {
            throw new ModelFileException(ModelFileException.Part.TOKENIZER, file + " is not a Hugging Face tokenizer.json"
                    + " (it has no \"model\" object); give the tokenizer.json of the model's repository, not its"
                    + " config.json or tokenizer_config.json", null);
        }
        return root;
    }

    /** The inputs the model takes, each one codeindex can fill, with its integer type. */
    private static Map<String, OnnxJavaType> inputs(Path model, OrtSession session) {
        Map<String, OnnxJavaType> out = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                String name = e.getKey();
                OnnxJavaType type = e.getValue().getInfo() instanceof TensorInfo t ? t.type : null;
                if (!SUPPLIED_INPUTS.contains(name) || (type != OnnxJavaType.INT64 && type != OnnxJavaType.INT32)) {
                    throw new ModelFileException(ModelFileException.Part.MODEL, model + " takes an input '" + name + "' ("
                            + e.getValue().getInfo() + ") that codeindex cannot supply: it gives a text model "
                            + String.join(", ", SUPPLIED_INPUTS) + " as integer tensors; export the model for"
                            + " feature extraction (e.g. optimum-cli export onnx --task feature-extraction)", null);
                }
                out.put(name, type);
            }
        } catch (OrtException e) {
            throw new ModelFileException(ModelFileException.Part.MODEL, model + ": cannot read its inputs: "
                    + e.getMessage(), e);
        }
        if (!out.containsKey("input_ids")) {
            throw new ModelFileException(ModelFileException.Part.MODEL, model + " takes no input_ids (its inputs: "
                    + out.keySet() + "); give a text embedding model", null);
        }
        return out;
    }

    /** The output holding one float vector per token: [batch, tokens, dimension]. */
    private static String tokenOutput(Path model, OrtSession session) {
        Map<String, NodeInfo> outputs;
        try {
            outputs = session.getOutputInfo();
        } catch (OrtException e) {
            throw new ModelFileException(ModelFileException.Part.MODEL, model + ": cannot read its outputs: "
                    + e.getMessage(), e);
        }
        String found = null;
        List<String> described = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            described.add(e.getKey() + " " + e.getValue().getInfo());
            if (e.getValue().getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.FLOAT
                    && t.getShape().length == 3 && (found == null || TOKEN_OUTPUTS.contains(e.getKey())
                    && !TOKEN_OUTPUTS.contains(found))) {
                found = e.getKey();
            }
        }
        if (found == null) {
            throw new ModelFileException(ModelFileException.Part.MODEL, model + " has no output codeindex can pool: it"
                    + " needs the vectors of the tokens as floats shaped [batch, tokens, dimension] (such as"
                    + " last_hidden_state); the model's outputs are " + String.join("; ", described)
                    + ". Export the model for feature extraction", null);
        }
        return found;
    }

    private static int declaredDimension(OrtSession session, String output) {
        try {
            long[] shape = ((TensorInfo) session.getOutputInfo().get(output).getInfo()).getShape();
            return shape[2] > 0 && shape[2] <= Integer.MAX_VALUE ? (int) shape[2] : -1;
        } catch (OrtException e) {
            return -1;
        }
    }

    /**
     * {@code onnx:NAME:HASH}: NAME from the file's path, HASH over the model's and the tokenizer's
     * bytes and every setting that changes a stored vector (not the query prefix: queries are not stored).
     */
    static String modelId(ModelFileSettings s) {
        String digest = sha256Hex(("model " + fileSha256(s.model(), ModelFileException.Part.MODEL)
                + "\ntokenizer " + fileSha256(s.tokenizer(), ModelFileException.Part.TOKENIZER)
                + "\npooling " + s.pooling().configName() + "\nnormalize " + s.normalize()
                + "\ndocumentPrefix " + s.documentPrefix()).getBytes(StandardCharsets.UTF_8));
        return ID_PREFIX + name(s.model()) + ":" + digest.substring(0, 16);
    }

    /**
     * The model's name for people: the file's name without {@code .onnx}; a generic one
     * ({@code model.onnx}, {@code model_quantized.onnx} in an {@code onnx/} folder) gets the
     * repository folder's name in front.
     */
    static String name(Path model) {
        String file = model.getFileName().toString();
        String stem = file.toLowerCase(Locale.ROOT).endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
        Path dir = model.toAbsolutePath().getParent();
        if (stem.startsWith("model") && dir != null) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("onnx") && dir.getParent() != null) {
                dir = dir.getParent();
            }
            if (dir.getFileName() != null) {
                stem = dir.getFileName() + "-" + stem;
            }
        }
        return stem.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String fileSha256(Path file, ModelFileException.Part part) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new ModelFileException(part, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String modelId() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The model's window less what the document prefix takes of it: what a chunk's text may fill. */
    @Override
    public int maxTokens() {
        return textWindow;
    }

    @Override
    public int countTokens(String text) {
        enter();
        try {
            return counter.count(text);
        } finally {
            inFlight.exit();
        }
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return embedAll(texts, settings.documentPrefix());
    }

    @Override
    public List<float[]> embedQueries(List<String> queries) {
        return embedAll(queries, settings.queryPrefix());
    }

    private List<float[]> embedAll(List<String> texts, String prefix) {
        enter();
        try {
            if (texts.size() == 1) {
                return List.of(embedOne(prefix + texts.get(0)));
            }
            List<CompletableFuture<float[]>> running = new ArrayList<>(texts.size());
            for (String t : texts) {
                running.add(CompletableFuture.supplyAsync(() -> embedOne(prefix + t), executor));
            }
            List<float[]> out = new ArrayList<>(texts.size());
            for (CompletableFuture<float[]> f : running) {
                out.add(f.join());
            }
            return out;
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof EmbedderUnavailableException u ? u
                    : new EmbedderUnavailableException("model " + id + " failed: " + cause, cause);
        } finally {
            inFlight.exit();
        }
    }

    private void enter() {
        if (!inFlight.enter()) {
            throw new EmbedderUnavailableException("model " + id + " is closed: codeindex is stopping", null);
        }
    }

    /** One text through the model: its tokens' vectors pooled, then normalised when asked. */
    float[] embedOne(String text) {
        Encoding enc = cutting.encode(text, true, false);
        long[] ids = enc.getIds();
        int n = ids.length;
        if (n == 0) {
            throw new EmbedderUnavailableException("model " + id + ": the text has no tokens", null);
        }
        Map<String, long[]> values = new HashMap<>();
        values.put("input_ids", ids);
        values.put("attention_mask", enc.getAttentionMask());
        values.put("token_type_ids", enc.getTypeIds());
        long[] positions = new long[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        values.put("position_ids", positions);
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (Map.Entry<String, OnnxJavaType> in : inputs.entrySet()) {
                feed.put(in.getKey(), tensor(values.get(in.getKey()), in.getValue()));
            }
            try (OrtSession.Result result = session.run(feed, Set.of(output))) {
                OnnxValue value = result.get(0);
                FloatBuffer tokens = ((OnnxTensor) value).getFloatBuffer();
                long[] shape = ((TensorInfo) value.getInfo()).getShape();
                float[] pooled = pool(tokens, (int) shape[1], (int) shape[2]);
                return settings.normalize() ? normalize(pooled) : pooled;
            }
        } catch (OrtException e) {
            throw new EmbedderUnavailableException("model " + id + " failed: " + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : feed.values()) {
                t.close();
            }
        }
    }

    private OnnxTensor tensor(long[] v, OnnxJavaType type) throws OrtException {
        long[] shape = {1, v.length};
        if (type == OnnxJavaType.INT32) {
            int[] ints = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                ints[i] = (int) v[i];
            }
            return OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape);
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape);
    }

    /** Summed token by token, then divided, in float: the order the bundled models use. */
    private float[] pool(FloatBuffer tokens, int count, int dim) {
        float[] out = new float[dim];
        switch (settings.pooling()) {
            case CLS -> tokens.get(0, out, 0, dim);
            case LAST -> tokens.get((count - 1) * dim, out, 0, dim);
            case MEAN -> {
                for (int t = 0; t < count; t++) {
                    int base = t * dim;
                    for (int d = 0; d < dim; d++) {
                        out[d] = out[d] + tokens.get(base + d);
                    }
                }
                for (int d = 0; d < dim; d++) {
                    out[d] = out[d] / (float) count;
                }
            }
            default -> throw new IllegalStateException("pooling " + settings.pooling());
        }
        return out;
    }

    static float[] normalize(float[] v) {
        float sum = 0;
        for (float x : v) {
            sum = sum + x * x;
        }
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    /**
     * Refuses new calls and waits (at most {@link OnnxEmbedder#CLOSE_WAIT_MILLIS}) for those in
     * flight; only then are the session and tokenizers released, never under a running call.
     */
    @Override
    public void close() {
        boolean idle;
        try {
            idle = inFlight.close(OnnxEmbedder.CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        if (idle) {
            counting.close();
            cutting.close();
            closeQuietly(session);
        } else {
            log.warn("model {}: a call was still running after {} ms; it is left to the process exit", id,
                    OnnxEmbedder.CLOSE_WAIT_MILLIS);
        }
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException | RuntimeException e) {
            log.debug("closing the model's session failed", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
