package dev.codeindex.index;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

/**
 * The order in which a first index's embeddings should land, so that the vectors people search for
 * first come first: source, then documentation, then vendored code, then tests; within each, the
 * most recently modified first, then by path (a stable order, so a resumed pass goes on where it
 * stopped). Building block of the two-phase first index (#15 item 1): the structural pass makes every
 * file keyword-searchable, and the embedding pass walks the files in this order.
 *
 * <p>Threading: stateless.
 */
public final class EmbedOrder {
    /** A file as the order sees it: root-relative path ({@code /}-separated), its language id, its mtime. */
    public record File(String path, String language, long mtimeMillis) {}

    /** Tiers, in the order they are embedded. */
    public enum Tier { SOURCE, DOCS, VENDORED, TESTS }

    /** Source first, then docs, vendored and tests; newest first within a tier; then by path. */
    public static final Comparator<File> ORDER = Comparator.comparing((File f) -> tier(f.path(), f.language()))
            .thenComparing(Comparator.comparingLong(File::mtimeMillis).reversed())
            .thenComparing(File::path);

    private static final Set<String> DOC_LANGUAGES = Set.of("markdown", "text", "rst", "asciidoc", "html");
    private static final Set<String> DOC_DIRS = Set.of("doc", "docs", "documentation");
    private static final Set<String> VENDORED_DIRS = Set.of("vendor", "vendored", "third_party", "thirdparty",
            "third-party", "node_modules", "external", "extern", "deps");
    private static final Set<String> TEST_DIRS = Set.of("test", "tests", "__tests__", "spec", "specs", "testing",
            "testdata", "test-data");

    private EmbedOrder() {}

    /**
     * A string that sorts as {@link #ORDER} sorts {@code f}: the tier's ordinal, the mtime inverted as
     * 16 hex digits (newest first), then the path. The durable embedding queue is keyed by it, so it
     * hands files out in this order and a resumed pass goes on where it stopped.
     */
    public static String key(File f) {
        // descending signed order = ascending unsigned order of the complement with the sign bit flipped
        long inverted = ~f.mtimeMillis() ^ Long.MIN_VALUE;
        String hex = Long.toHexString(inverted);
        return tier(f.path(), f.language()).ordinal() + "0".repeat(16 - hex.length()) + hex + f.path();
    }

    /** Which tier a file is in; vendored wins over tests (a vendored library's tests are vendored code). */
    public static Tier tier(String path, String language) {
        String p = path.toLowerCase(Locale.ROOT);
        String[] parts = p.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (VENDORED_DIRS.contains(parts[i])) {
                return Tier.VENDORED;
            }
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (int i = 0; i < parts.length - 1; i++) {
            if (TEST_DIRS.contains(parts[i])) {
                return Tier.TESTS;
            }
        }
        if (isTestName(name)) {
            return Tier.TESTS;
        }
        if (language != null && DOC_LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
            return Tier.DOCS;
        }
        for (int i = 0; i < parts.length - 1; i++) {
            if (DOC_DIRS.contains(parts[i])) {
                return Tier.DOCS;
            }
        }
        return Tier.SOURCE;
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
