package dev.codeindex.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The directives reach HotSpot: its own list of compiler directives, read back, shows what is asked. */
class JitTest {
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
    void a_large_pass_keeps_the_chunking_side_from_c2_and_leaves_the_store_and_the_jdk_on_it() throws Exception {
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
        assertTrue(large1.contains("org/apache/lucene/codecs/lucene912/"), "the postings writer does not: " + large1);

        large.close();
        Jit.settle();
        assertFalse(jvmDirectives().contains("dev/codeindex/chunk/"));
    }

    /**
     * Whether a directive matches every method of a class ({@code org/apache/lucene/index/IndexWriter},
     * inner classes with their {@code $}), read as HotSpot reads class patterns: a {@code *} at the end
     * matches any rest, none matches the name alone.
     */
    private static boolean excludes(String directive, String className) {
        Matcher m = Pattern.compile("\"([^\"]+)\\.\\*\"").matcher(directive);
        while (m.find()) {
            String cls = m.group(1);
            if (cls.endsWith("*") ? className.startsWith(cls.substring(0, cls.length() - 1)) : className.equals(cls)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void a_large_pass_covers_the_keyword_writers_and_leaves_the_vector_graph_and_search_to_c2() {
        for (String writer : List.of("org/apache/lucene/codecs/lucene90/blocktree/Lucene90BlockTreeTermsWriter$TermsWriter",
                "org/apache/lucene/codecs/lucene912/Lucene912PostingsWriter",
                "org/apache/lucene/codecs/lucene90/compressing/Lucene90CompressingStoredFieldsWriter",
                "org/apache/lucene/index/IndexingChain$PerField", "org/apache/lucene/util/compress/LZ4",
                "org/apache/lucene/util/fst/FSTCompiler", "org/apache/lucene/util/IntroSorter",
                "org/apache/lucene/util/BytesRefHash", "dev/codeindex/store/lucene/LuceneStore",
                "dev/codeindex/store/lucene/CodeTokenizer", "jdk/internal/net/http/ResponseContent$FixedLengthBodyParser",
                "com/github/javaparser/GeneratedJavaParser", "dev/codeindex/chunk/ChunkAssembler")) {
            assertTrue(excludes(Jit.LARGE_PASS, writer), writer);
        }
        for (String graph : List.of("org/apache/lucene/util/hnsw/HnswGraphBuilder",
                "org/apache/lucene/util/hnsw/HnswGraphSearcher", "org/apache/lucene/util/VectorUtil",
                "org/apache/lucene/codecs/lucene99/Lucene99HnswVectorsWriter$FieldWriter",
                "org/apache/lucene/codecs/lucene95/OffHeapFloatVectorValues", "org/apache/lucene/search/IndexSearcher",
                "org/apache/lucene/search/TermScorer", "dev/codeindex/store/lucene/SimdDot",
                "dev/codeindex/store/lucene/GraphVectorsFormat$Scorer", "dev/codeindex/search/Searcher",
                "java/util/HashMap", "com/fasterxml/jackson/core/json/UTF8StreamJsonParser")) {
            assertFalse(excludes(Jit.LARGE_PASS, graph), graph);
        }
        assertTrue(excludes("{ match: [\"a/b/C.*\"] }", "a/b/C") && !excludes("{ match: [\"a/b/C.*\"] }", "a/b/C$D"),
                "the matcher reads a name without a star as the class alone");
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
