package dev.codeindex.walk;

import java.util.Locale;
import java.util.Set;

/**
 * What a file is for, by its path and language, in the order people look for it: source, then
 * documentation, then vendored code, then tests. A first index embeds files in this order, and where a
 * name is used lists them in it.
 *
 * <p>Threading: stateless.
 */
public enum PathTier {
    SOURCE, DOCS, VENDORED, TESTS;

    private static final Set<String> DOC_LANGUAGES = Set.of("markdown", "text", "rst", "asciidoc", "html");
    private static final Set<String> DOC_DIRS = Set.of("doc", "docs", "documentation");
    /**
     * Directories of examples and benchmarks, as a tree's top directory only: {@code com/example/demo} is Spring's
     * default package and {@code include/benchmark/} google/benchmark's public headers (a review).
     */
    private static final Set<String> TOP_DOC_DIRS = Set.of("example", "examples", "sample", "samples", "demo", "demos");
    private static final Set<String> TOP_TEST_DIRS = Set.of("bench", "benches", "benchmark", "benchmarks");
    private static final Set<String> VENDORED_DIRS = Set.of("vendor", "vendored", "third_party", "thirdparty",
            "third-party", "node_modules", "external", "extern", "deps");
    private static final Set<String> TEST_DIRS = Set.of("test", "tests", "__tests__", "spec", "specs", "testing",
            "testdata", "test-data");

    /** Which tier a file is in; vendored wins over tests (a vendored library's tests are vendored code). */
    public static PathTier of(String path, String language) {
        String p = path.toLowerCase(Locale.ROOT);
        String[] parts = p.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (VENDORED_DIRS.contains(parts[i])) {
                return VENDORED;
            }
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (int i = 0; i < parts.length - 1; i++) {
            if (TEST_DIRS.contains(parts[i])) {
                return TESTS;
            }
        }
        if (isTestName(name) || parts.length > 1 && TOP_TEST_DIRS.contains(parts[0])) {
            return TESTS;
        }
        if (language != null && DOC_LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
            return DOCS;
        }
        for (int i = 0; i < parts.length - 1; i++) {
            if (DOC_DIRS.contains(parts[i])) {
                return DOCS;
            }
        }
        return parts.length > 1 && TOP_DOC_DIRS.contains(parts[0]) ? DOCS : SOURCE;
    }

    /**
     * {@code FooTest.java}, {@code FooTests.cs}, {@code test_foo.py}, {@code foo_test.go}, {@code foo.test.ts},
     * {@code foo.spec.js}; not {@code latest.py} or {@code Contest.java}: a {@code Test} suffix must start a word.
     */
    private static boolean isTestName(String name) {
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String lower = stem.toLowerCase(Locale.ROOT);
        return lower.startsWith("test_") || lower.endsWith("_test") || lower.endsWith("_tests")
                || stem.matches(".*[a-z0-9]Tests?") || stem.equals("test") || stem.equals("tests")
                || name.contains(".test.") || name.contains(".spec.");
    }
}
