package dev.codeindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.index.EmbedOrder.File;
import dev.codeindex.walk.PathTier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedOrderTest {
    @Test
    void files_are_told_apart_by_their_place_and_name() {
        assertEquals(PathTier.SOURCE, PathTier.of("src/main/java/a/Latest.java", "java"));
        assertEquals(PathTier.SOURCE, PathTier.of("lib/latest.py", "python"));
        assertEquals(PathTier.SOURCE, PathTier.of("src/Contest.java", "java"));
        assertEquals(PathTier.TESTS, PathTier.of("src/test/java/a/LatestTest.java", "java"));
        assertEquals(PathTier.TESTS, PathTier.of("pkg/FooTests.cs", "csharp"));
        assertEquals(PathTier.TESTS, PathTier.of("lib/test_parser.py", "python"));
        assertEquals(PathTier.TESTS, PathTier.of("net/http/server_test.go", "go"));
        assertEquals(PathTier.TESTS, PathTier.of("web/app.spec.ts", "typescript"));
        assertEquals(PathTier.TESTS, PathTier.of("web/__tests__/app.js", "javascript"));
        assertEquals(PathTier.DOCS, PathTier.of("README.md", "markdown"));
        assertEquals(PathTier.DOCS, PathTier.of("docs/conf.py", "python"));
        assertEquals(PathTier.DOCS, PathTier.of("examples/basic.rs", "rust"), "examples come after the library (a trial)");
        assertEquals(PathTier.TESTS, PathTier.of("benches/tuple_combinations.rs", "rust"));
        assertEquals(PathTier.SOURCE, PathTier.of("src/main/java/com/example/demo/App.java", "java"), "Spring's package (review)");
        assertEquals(PathTier.SOURCE, PathTier.of("include/benchmark/benchmark.h", "cpp"), "google/benchmark's headers");
        assertEquals(PathTier.VENDORED, PathTier.of("vendor/github.com/x/y.go", "go"));
        assertEquals(PathTier.VENDORED, PathTier.of("node_modules/left-pad/test/index.js", "javascript"),
                "a vendored library's tests are vendored code");
    }

    @Test
    void source_comes_first_then_docs_vendored_and_tests_each_newest_first() {
        List<File> files = new ArrayList<>(List.of(
                new File("src/test/AppTest.java", "java", 900),
                new File("vendor/lib/x.go", "go", 950),
                new File("README.md", "markdown", 990),
                new File("src/Old.java", "java", 100),
                new File("src/New.java", "java", 800),
                new File("src/Same.java", "java", 800)));
        files.sort(EmbedOrder.ORDER);
        assertEquals(List.of("src/New.java", "src/Same.java", "src/Old.java", "README.md", "vendor/lib/x.go",
                "src/test/AppTest.java"), files.stream().map(File::path).toList());
    }

    @Test
    void the_queue_key_sorts_as_the_order_does() {
        List<File> files = new ArrayList<>(List.of(
                new File("src/test/AppTest.java", "java", 900),
                new File("vendor/lib/x.go", "go", 950),
                new File("README.md", "markdown", 990),
                new File("src/Old.java", "java", 100),
                new File("src/Older.java", "java", 0),
                new File("src/Ancient.java", "java", -5_000),
                new File("src/Future.java", "java", Long.MAX_VALUE),
                new File("src/New.java", "java", 800),
                new File("src/Same.java", "java", 800),
                new File("src/Same2.java", "java", 800)));
        List<File> byOrder = new ArrayList<>(files);
        byOrder.sort(EmbedOrder.ORDER);
        List<File> byKey = new ArrayList<>(files);
        byKey.sort((a, b) -> EmbedOrder.key(a).compareTo(EmbedOrder.key(b)));
        assertEquals(byOrder, byKey);
        assertEquals("src/Future.java", byKey.get(0).path());
    }
}
