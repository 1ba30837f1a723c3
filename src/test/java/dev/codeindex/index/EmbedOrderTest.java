package dev.codeindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.index.EmbedOrder.File;
import dev.codeindex.index.EmbedOrder.Tier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedOrderTest {
    @Test
    void files_are_told_apart_by_their_place_and_name() {
        assertEquals(Tier.SOURCE, EmbedOrder.tier("src/main/java/a/Latest.java", "java"));
        assertEquals(Tier.SOURCE, EmbedOrder.tier("lib/latest.py", "python"));
        assertEquals(Tier.SOURCE, EmbedOrder.tier("src/Contest.java", "java"));
        assertEquals(Tier.TESTS, EmbedOrder.tier("src/test/java/a/LatestTest.java", "java"));
        assertEquals(Tier.TESTS, EmbedOrder.tier("pkg/FooTests.cs", "csharp"));
        assertEquals(Tier.TESTS, EmbedOrder.tier("lib/test_parser.py", "python"));
        assertEquals(Tier.TESTS, EmbedOrder.tier("net/http/server_test.go", "go"));
        assertEquals(Tier.TESTS, EmbedOrder.tier("web/app.spec.ts", "typescript"));
        assertEquals(Tier.TESTS, EmbedOrder.tier("web/__tests__/app.js", "javascript"));
        assertEquals(Tier.DOCS, EmbedOrder.tier("README.md", "markdown"));
        assertEquals(Tier.DOCS, EmbedOrder.tier("docs/conf.py", "python"));
        assertEquals(Tier.VENDORED, EmbedOrder.tier("vendor/github.com/x/y.go", "go"));
        assertEquals(Tier.VENDORED, EmbedOrder.tier("node_modules/left-pad/test/index.js", "javascript"),
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
