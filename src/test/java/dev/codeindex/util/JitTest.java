package dev.codeindex.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directives reach HotSpot: its own list of compiler directives, read back, shows what is asked.
 * Runs in a JVM with C2 (surefire's {@code c2-tests} execution); in one without, there is nothing to see.
 */
class JitTest {
    @BeforeAll
    static void c2() {
        assumeTrue(Jit.C2_RUNS, "this JVM runs without C2 (the tests' default JVM); the c2-tests execution runs these");
    }

    private static String jvmDirectives() throws Exception {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
    }

    @Test
    void a_structural_pass_keeps_libraries_from_c2_until_it_ends_and_javaparser_stays_excluded() throws Exception {
        Jit.Pass pass = Jit.structuralPass();
        Jit.settle();
        String during = jvmDirectives();
        assertTrue(during.contains("org/*.*") && during.contains("dev/*.*"), during);
        assertFalse(during.contains("java/*"), "the JDK's own classes keep C2: " + during);

        Jit.keepParserFromC2(); // asked while the pass runs: on top of the pass's directive
        Jit.Pass overlapping = Jit.structuralPass(); // a second root's pass
        pass.close();
        Jit.settle();
        assertTrue(jvmDirectives().contains("org/*.*"), "the second pass still runs");

        overlapping.close();
        overlapping.close(); // harmless
        Jit.settle();
        String after = jvmDirectives();
        assertFalse(after.contains("org/*.*"), after);
        assertTrue(after.contains("com/github/javaparser/"), after);
    }

    @Test
    void a_large_pass_keeps_the_chunking_side_from_c2_and_leaves_the_vector_graph_and_the_jdk_on_it() throws Exception {
        Jit.Pass large = Jit.largePass();
        Jit.Pass structural = Jit.structuralPass(); // phase 1 of a two-phase pass, inside the large pass
        Jit.settle();
        String both = jvmDirectives();
        assertTrue(both.contains("dev/codeindex/chunk/") && both.contains("org/mapdb/") && both.contains("org/*.*"), both);

        structural.close();
        Jit.settle();
        String large1 = jvmDirectives();
        assertTrue(large1.contains("dev/codeindex/chunk/") && large1.contains("com/github/javaparser/"), large1);
        assertFalse(large1.contains("org/*.*") || large1.contains("org/apache/lucene/util/hnsw"),
                "Lucene's vector graph keeps C2 once the structural phase ends: " + large1);
        assertTrue(large1.contains("org/apache/lucene/codecs/lucene912/Lucene912PostingsWriter"),
                "the postings writer does not: " + large1);

        large.close();
        Jit.settle();
        assertFalse(jvmDirectives().contains("dev/codeindex/chunk/"));
    }

    /** Whether a HotSpot name pattern ({@code *} at either end or both, or none) matches a name. */
    private static boolean matches(String pattern, String name) {
        boolean head = pattern.startsWith("*");
        boolean tail = pattern.endsWith("*") && pattern.length() > 1;
        String core = pattern.substring(head ? 1 : 0, pattern.length() - (tail ? 1 : 0));
        return head && tail ? name.contains(core) : head ? name.endsWith(core) : tail ? name.startsWith(core)
                : name.equals(core);
    }

    /**
     * Whether a directive matches a method ({@code org/apache/lucene/index/IndexWriter}, inner classes
     * with their {@code $}, and a method name), read as HotSpot reads its patterns: {@code class.method}.
     */
    private static boolean excludes(String directive, String className, String method) {
        Matcher m = Pattern.compile("\"([^\"]+)\\.([^\".]+)\"").matcher(directive);
        while (m.find()) {
            if (matches(m.group(1), className) && matches(m.group(2), method)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void a_large_pass_covers_the_keyword_writers_and_leaves_the_vector_graph_search_and_readers_to_c2() {
        String[][] writers = {
            {"org/apache/lucene/codecs/lucene90/blocktree/Lucene90BlockTreeTermsWriter$TermsWriter", "writeBlock"},
            {"org/apache/lucene/codecs/lucene912/Lucene912PostingsWriter", "flushDocBlock"},
            {"org/apache/lucene/codecs/lucene912/PostingsUtil", "writeVIntBlock"},
            {"org/apache/lucene/codecs/lucene912/ForDeltaUtil", "encodeDeltas"},
            {"org/apache/lucene/codecs/lucene90/compressing/Lucene90CompressingStoredFieldsWriter", "flush"},
            {"org/apache/lucene/index/IndexingChain$PerField", "invert"}, {"org/apache/lucene/index/TermsHashPerField", "add"},
            {"org/apache/lucene/util/compress/LZ4", "compressWithDictionary"},
            {"org/apache/lucene/util/compress/LZ4$HighCompressionHashTable", "get"},
            {"org/apache/lucene/util/fst/FSTCompiler", "add"}, {"org/apache/lucene/util/IntroSorter", "sort"},
            {"dev/codeindex/store/lucene/LuceneStore", "document"}, {"dev/codeindex/store/lucene/CodeTokenizer", "incrementToken"},
            {"jdk/internal/net/http/ResponseContent$FixedLengthBodyParser", "accept"},
            {"com/github/javaparser/GeneratedJavaParser", "Block"}, {"dev/codeindex/chunk/ChunkAssembler", "assemble"},
            {"org/apache/lucene/index/IndexWriter", "updateDocuments"}, {"org/apache/lucene/index/IndexWriter", "updateDocument"},
            {"org/apache/lucene/index/PrefixCodedTerms$Builder", "add"},
            {"org/apache/lucene/util/compress/LowercaseAsciiCompression", "compress"},
            {"dev/codeindex/embed/ModelTokenBudget", "fits"}, {"dev/codeindex/embed/http/TokenEstimator", "count"},
            {"dev/codeindex/store/Snippets", "of"}};
        for (String[] w : writers) {
            assertTrue(excludes(Jit.LARGE_PASS, w[0], w[1]), w[0] + "." + w[1]);
        }
        String[][] kept = {
            {"org/apache/lucene/util/hnsw/HnswGraphBuilder", "addGraphNode"},
            {"org/apache/lucene/util/hnsw/HnswGraphSearcher", "searchLevel"}, {"org/apache/lucene/util/VectorUtil", "dotProduct"},
            {"org/apache/lucene/codecs/lucene99/Lucene99HnswVectorsWriter$FieldWriter", "addValue"},
            {"org/apache/lucene/codecs/lucene95/OffHeapFloatVectorValues", "vectorValue"},
            {"org/apache/lucene/search/TermScorer", "score"},
            {"org/apache/lucene/codecs/lucene90/blocktree/SegmentTermsEnum", "seekExact"},
            {"org/apache/lucene/codecs/lucene912/PostingsUtil", "readVIntBlock"},
            {"org/apache/lucene/codecs/lucene912/ForUtil", "decode"},
            {"org/apache/lucene/codecs/lucene90/compressing/Lucene90CompressingStoredFieldsReader", "document"},
            {"org/apache/lucene/util/compress/LZ4", "decompress"}, {"org/apache/lucene/store/ByteBufferIndexInput", "readFloats"},
            {"org/apache/lucene/util/packed/DirectMonotonicReader", "get"},
            {"dev/codeindex/store/lucene/LuceneStore", "search"}, {"dev/codeindex/store/lucene/SimdDot", "dot"},
            {"dev/codeindex/store/lucene/VectorDot", "dot"}, {"dev/codeindex/store/lucene/GraphVectorsFormat$Scorer", "score"},
            {"dev/codeindex/search/Searcher", "search"}, {"java/util/HashMap", "get"},
            {"com/fasterxml/jackson/core/json/UTF8StreamJsonParser", "nextToken"},
            {"org/apache/lucene/index/IndexWriter", "getReader"}, {"org/apache/lucene/index/PrefixCodedTerms$TermIterator", "next"},
            {"org/apache/lucene/util/compress/LowercaseAsciiCompression", "decompress"},
            {"org/apache/lucene/store/ByteBuffersDataInput", "readBytes"}};
        for (String[] k : kept) {
            assertFalse(excludes(Jit.LARGE_PASS, k[0], k[1]), k[0] + "." + k[1]);
        }
        assertTrue(matches("*Writer", "Lucene99HnswVectorsWriter") && !matches("a/b/C", "a/b/C$D") && matches("a/b/C*", "a/b/C$D"),
                "the matcher reads stars as HotSpot does");
    }

    @Test
    void a_jvm_started_without_the_huge_methods_option_is_told_how_to_compile_the_tokenizer() {
        assertTrue(Jit.hugeMethodsHint("true").contains("-XX:-DontCompileHugeMethods"), "HotSpot's default");
        assertNull(Jit.hugeMethodsHint("false"), "started with the option: nothing to say");
        assertNull(Jit.hugeMethodsHint(null), "not HotSpot: nothing to say");
        assertTrue(java.util.Set.of("true", "false").contains(Jit.dontCompileHugeMethods()), "read from this HotSpot JVM");
    }

    @Test
    void a_jvm_without_c2_is_left_alone() {
        assertTrue(Jit.c2Runs(java.util.List.of("-Xmx512m")));
        assertFalse(Jit.c2Runs(java.util.List.of("-XX:TieredStopAtLevel=1", "-Xmx512m")), "the launcher's offline pass");
        assertTrue(Jit.c2Runs(java.util.List.of("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4")), "the last one counts");
        assertFalse(Jit.c2Runs(java.util.List.of("-Xint")));
        assertTrue(Jit.C2_RUNS, "the tests' JVM runs C2, so the directive tests above see them applied");
    }
}
