package dev.codeindex.util;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which code HotSpot's optimising compiler (C2) may take up, changed while the JVM runs: C2 costs a
 * lot of CPU per method, which a long batch of work on 2 cores pays out of its own time, and which
 * code run only in that batch never earns back. Three cases, each a compiler directive ({@code c2:
 * {Exclude: true}}: a matching method is compiled by C1 alone, at its full optimisation):
 *
 * <ul>
 *   <li><b>JavaParser</b>, once a run has parsed {@link #PARSER_AFTER_FILES} Java files, for the rest
 *       of the JVM's life. Its generated parser is hundreds of large methods; C2 spent 300–600 ms of
 *       CPU on each, several times over, ~20 s in a first index of JDK {@code java.base}: a third of
 *       that pass's CPU. A daemon later parses only what changes.</li>
 *   <li><b>The reading and chunking side and the store's keyword writing</b> (JavaParser, tree-sitter's
 *       binding, codeindex's chunkers, secret redactor, walker, index run and manifest, MapDB; Lucene's
 *       analysis, its indexing chain and the writers of postings, terms dictionary and stored fields,
 *       LZ4 compression; the JDK's HTTP client)
 *       during any large pass ({@link #largePass}, {@link dev.codeindex.index.IndexRun}:
 *       {@code TWO_PHASE_MIN_FILES} files or more): work the pass does a few thousand times, whose C2
 *       compiles cost more than they save before the pass ends (the keyword writers alone took ~12 s of
 *       C2's CPU in a semantic first index of {@code java.base} with a fast embedder, and kept on C1 the
 *       index thread did not get slower). Lucene's vector graph ({@code util/hnsw}, the vector readers,
 *       this store's dot product), its search code and its readers keep C2: the graph is about half of the
 *       store-writer thread's work, and queries answered during and after the pass want it.</li>
 *   <li><b>Every library and codeindex itself</b> (not the JDK's own classes) during the structural
 *       phase of a large first index ({@link #structuralPass}): read, chunk, keyword-index thousands of
 *       files as fast as the offline pass, which runs on C1 alone (the launcher's
 *       {@code -XX:TieredStopAtLevel=1}) for the same reason. Taken off when the phase ends, so the
 *       code that first gets hot afterwards (vector graph building, vector search) is compiled by C2 as
 *       usual; methods that got hot during the phase stay on C1 code (HotSpot marks a method excluded
 *       for good), which the embedding phase after it, bound by the model, does not notice.</li>
 * </ul>
 *
 * <p>The directives go through HotSpot's diagnostic command (so they hold however the JVM was
 * launched: launcher, service unit, {@code java -jar}), on one daemon thread in the order asked: the
 * first call starts JMX, about half a second of CPU, which no caller waits for. A JVM without that
 * command (not HotSpot) runs as it would anyway. The directives this class adds sit on top of any the
 * JVM was started with, which stay untouched.
 */
public final class Jit {
    private static final Logger log = LoggerFactory.getLogger(Jit.class);
    /** No C2 for JavaParser's classes. */
    static final String PARSER = "{ match: \"com/github/javaparser/*.*\", c2: { Exclude: true } }";
    /** No C2 for any class outside the JDK's own packages ({@code java/}, {@code javax/}, {@code jdk/}, {@code sun/}). */
    static final String LIBRARIES = "{ match: [\"com/*.*\", \"org/*.*\", \"dev/*.*\", \"net/*.*\", \"io/*.*\","
            + " \"ai/*.*\", \"kotlin/*.*\"], c2: { Exclude: true } }";

    /**
     * No C2 for the reading and chunking side of an index pass and the store's keyword writing (see the
     * class comment). HotSpot's patterns take a {@code *} only at either end of a class or method name,
     * so Lucene's writers are named one by one: a method excluded while it is hot stays on C1 for the
     * JVM's life, and the readers beside them (terms dictionary seeks, postings and stored fields
     * decoding, LZ4 decompression, index inputs, the vector codecs) serve the queries and merges after
     * the pass.
     */
    static final String LARGE_PASS = "{ match: [\"com/github/javaparser/*.*\", \"org/treesitter/*.*\","
            + " \"dev/codeindex/chunk/*.*\", \"dev/codeindex/secrets/*.*\", \"dev/codeindex/walk/*.*\","
            + " \"dev/codeindex/index/*.*\", \"dev/codeindex/manifest/*.*\", \"org/mapdb/*.*\","
            + " \"org/eclipse/collections/*.*\", \"net/openhft/*.*\","
            // Lucene's keyword writing, by its writers' names: the readers beside them keep C2
            + " \"org/apache/lucene/analysis/*.*\", \"org/apache/lucene/index/IndexingChain*.*\","
            + " \"org/apache/lucene/index/TermsHash*.*\", \"org/apache/lucene/index/FreqProx*.*\","
            + " \"org/apache/lucene/index/DocumentsWriter*.*\", \"org/apache/lucene/index/StoredFieldsConsumer*.*\","
            + " \"org/apache/lucene/index/BufferedUpdates*.*\", \"org/apache/lucene/index/FrozenBufferedUpdates*.*\","
            + " \"org/apache/lucene/index/ByteSlice*.*\","
            + " \"org/apache/lucene/codecs/lucene90/blocktree/Lucene90BlockTreeTermsWriter*.*\","
            + " \"org/apache/lucene/codecs/lucene90/compressing/Lucene90CompressingStoredFieldsWriter*.*\","
            + " \"org/apache/lucene/codecs/lucene912/Lucene912PostingsWriter*.*\","
            + " \"org/apache/lucene/codecs/lucene912/PostingsUtil.write*\", \"org/apache/lucene/codecs/lucene912/ForUtil.encode*\","
            + " \"org/apache/lucene/codecs/lucene912/PForUtil.encode*\","
            + " \"org/apache/lucene/codecs/lucene912/ForDeltaUtil.encode*\", \"org/apache/lucene/codecs/PushPostingsWriterBase.*\","
            + " \"org/apache/lucene/util/compress/LZ4.compress*\", \"org/apache/lucene/util/compress/LZ4$*.*\","
            + " \"org/apache/lucene/util/fst/FSTCompiler*.*\", \"org/apache/lucene/util/fst/NodeHash*.*\","
            + " \"org/apache/lucene/util/IntroSorter.*\", \"org/apache/lucene/util/MSBRadixSorter*.*\","
            + " \"org/apache/lucene/util/BytesRefHash*.*\", \"org/apache/lucene/util/StringSorter*.*\","
            // the writer's entry points: C2 inlines into them the indexing chain the patterns above keep from it
            // (measured: IndexWriter.updateDocuments compiled three times in one pass, 9-12 KB of bytecode inlined)
            + " \"org/apache/lucene/index/IndexWriter.updateDocument*\", \"org/apache/lucene/index/PrefixCodedTerms$Builder.*\","
            + " \"org/apache/lucene/util/compress/LowercaseAsciiCompression.compress\","
            + " \"org/apache/lucene/codecs/lucene90/compressing/StoredFieldsInts.write*\","
            + " \"org/apache/lucene/codecs/CompetitiveImpactAccumulator.*\", \"org/apache/lucene/store/ByteBuffersDataOutput.*\","
            + " \"dev/codeindex/store/lucene/LuceneStore.document\","
            + " \"dev/codeindex/store/lucene/LuceneStore.upsert\", \"dev/codeindex/store/lucene/CodeTokenizer*.*\","
            + " \"dev/codeindex/store/lucene/SymbolTails*.*\", \"dev/codeindex/store/Snippets.*\","
            // what a chunk is embedded as and whether it fits: once per chunk, by the chunk workers
            + " \"dev/codeindex/embed/ModelTokenBudget.*\", \"dev/codeindex/embed/EmbeddingText.*\","
            + " \"dev/codeindex/embed/http/TokenEstimator.*\", \"jdk/internal/net/http/*.*\"], c2: { Exclude: true } }";

    /** Java files parsed before JavaParser is kept from C2 (C2 takes a method up only after thousands of calls). */
    static final int PARSER_AFTER_FILES = 200;
    private static final AtomicLong PARSED = new AtomicLong();

    /** What is asked for, in the order asked; guarded by the class. */
    private static final List<String> WANTED = new ArrayList<>();
    /** What the JVM holds from this class, bottom of its stack first; the directive thread only. */
    private static final List<String> APPLIED = new ArrayList<>();
    /** False once the JVM refused a directive: nothing more is tried. The directive thread only. */
    private static boolean available = true;
    private static ExecutorService thread;
    /** Passes under way by their directive; guarded by the class. */
    private static final java.util.Map<String, Integer> PASSES = new java.util.HashMap<>();

    private Jit() {}

    /**
     * Counts a Java file parsed in this JVM; the {@link #PARSER_AFTER_FILES}th keeps JavaParser from C2,
     * and, in a JVM that leaves JavaParser's tokenizer to the interpreter, says once how to start it.
     */
    public static void javaFileParsed() {
        if (PARSED.incrementAndGet() == PARSER_AFTER_FILES) {
            want(PARSER, true);
            String hint = hugeMethodsHint(dontCompileHugeMethods());
            if (hint != null) {
                log.info(hint);
            }
        }
    }

    /**
     * What to tell a JVM whose {@code DontCompileHugeMethods} is {@code value} (null: not a HotSpot JVM
     * or not known), or null for nothing. HotSpot compiles no method above 8,000 bytes of bytecode
     * unless started with {@code -XX:-DontCompileHugeMethods} (the launcher and the service units pass
     * it); JavaParser's tokenizer is one such method (8,246 bytes), and ran in the interpreter.
     */
    static String hugeMethodsHint(String value) {
        return "true".equals(value) ? "this JVM runs JavaParser's tokenizer in the interpreter (a method above HotSpot's"
                + " size limit for compiling): an offline index of Java code takes ~20% less time when Java is started"
                + " with -XX:-DontCompileHugeMethods, as bin/codeindex and the service units do" : null;
    }

    /** This JVM's {@code DontCompileHugeMethods}, or null when it has no such option (not HotSpot). */
    static String dontCompileHugeMethods() {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("DontCompileHugeMethods").getValue();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Keeps every library and codeindex from C2 until the returned pass is closed (see the class
     * comment). Passes may overlap (two roots): C2 comes back when the last one closes.
     */
    public static Pass structuralPass() {
        return new Pass(LIBRARIES);
    }

    /**
     * Keeps the reading and chunking side of an index run and the store's keyword writing from C2 until
     * the returned pass is closed (see the class comment); passes may overlap, as {@link #structuralPass}
     * ones do.
     */
    public static Pass largePass() {
        return new Pass(LARGE_PASS);
    }

    /** A pass under way; closing it twice is harmless. */
    public static final class Pass implements AutoCloseable {
        private final String directive;
        private boolean closed;

        private Pass(String directive) {
            this.directive = directive;
            synchronized (Jit.class) {
                if (PASSES.merge(directive, 1, Integer::sum) == 1) {
                    want(directive, true);
                }
            }
        }

        @Override
        public void close() {
            synchronized (Jit.class) {
                if (closed) {
                    return;
                }
                closed = true;
                if (PASSES.merge(directive, -1, Integer::sum) == 0) {
                    PASSES.remove(directive);
                    want(directive, false);
                }
            }
        }
    }

    /**
     * Whether this JVM runs C2 at all: not under {@code -XX:TieredStopAtLevel} below 4 (the launcher's
     * offline pass) or {@code -Xint}. Without it there is nothing to steer, and starting JMX for the
     * directives would only cost its half second of CPU.
     */
    static final boolean C2_RUNS = c2Runs(ManagementFactory.getRuntimeMXBean().getInputArguments());

    /** Whether this JVM runs C2 (see {@link #C2_RUNS}). */
    public static boolean c2Runs() {
        return C2_RUNS;
    }

    /** Whether JVM options {@code args} leave C2 on (the last setting of an option counts). */
    static boolean c2Runs(List<String> args) {
        boolean runs = true;
        for (String a : args) {
            if (a.startsWith("-XX:TieredStopAtLevel=")) {
                runs = a.equals("-XX:TieredStopAtLevel=4");
            } else if (a.equals("-Xint")) {
                runs = false;
            } else if (a.equals("-Xmixed") || a.equals("-Xcomp")) {
                runs = true;
            }
        }
        return runs;
    }

    private static synchronized void want(String directive, boolean on) {
        if (!C2_RUNS) {
            return;
        }
        if (on && !WANTED.contains(directive)) {
            WANTED.add(directive);
        } else if (!on) {
            WANTED.remove(directive);
        }
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(DaemonThreads.named("jit-directives"));
        }
        thread.submit(Jit::sync);
    }

    /** Keeps JavaParser from C2 now (what {@link #javaFileParsed} does after its count). */
    static void keepParserFromC2() {
        want(PARSER, true);
    }

    /** Waits until every change asked for so far has reached the JVM (or been refused); tests only. */
    static void settle() throws Exception {
        ExecutorService t;
        synchronized (Jit.class) {
            t = thread;
        }
        if (t != null) {
            t.submit(() -> { }).get(); // one thread, in order: all before it has run
        }
    }

    /** Brings the JVM's directives from this class to what is wanted: pops down to the common part, pushes the rest. */
    private static void sync() {
        List<String> wanted;
        synchronized (Jit.class) {
            wanted = List.copyOf(WANTED);
        }
        if (!available) {
            return;
        }
        int common = 0;
        while (common < APPLIED.size() && common < wanted.size() && APPLIED.get(common).equals(wanted.get(common))) {
            common++;
        }
        try {
            while (APPLIED.size() > common) {
                command("compilerDirectivesRemove", new String[0]);
                log.debug("compiler directive removed: {}", APPLIED.remove(APPLIED.size() - 1));
            }
            for (String d : wanted.subList(common, wanted.size())) {
                add(d);
                APPLIED.add(d);
                log.debug("compiler directive added: {}", d);
            }
        } catch (Exception | LinkageError e) {
            available = false;
            log.debug("the JVM keeps its own compiler choices: {}", e.toString());
        }
    }

    private static void add(String directive) throws Exception {
        Path file = Files.createTempFile("codeindex-jit", ".json");
        try {
            Files.writeString(file, "[" + directive + "]", StandardCharsets.UTF_8);
            String said = command("compilerDirectivesAdd", new String[] {file.toString()});
            if (!said.contains("1 compiler directives added")) {
                throw new IllegalStateException("the JVM did not take the directive: " + said.strip());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String command(String operation, String[] args) throws Exception {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), operation, new Object[] {args},
                new String[] {String[].class.getName()}));
    }
}
