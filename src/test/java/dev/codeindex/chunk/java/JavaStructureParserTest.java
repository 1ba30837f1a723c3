package dev.codeindex.chunk.java;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.chunk.ParseFailure;
import dev.codeindex.chunk.Region;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.Structure;
import dev.codeindex.chunk.SymbolStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JavaStructureParserTest {
    private final JavaStructureParser parser = new JavaStructureParser();

    static String fixture(String name) throws IOException {
        try (InputStream in = JavaStructureParserTest.class.getResourceAsStream("/fixtures/java/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void counts_follow_the_contract_rules_for_nested_anonymous_abstract_enum_record_and_annotation() throws Exception {
        Structure s = parser.parse(new SourceFile("p/Shapes.java", "java", fixture("Shapes.java")));
        // functions: ctor, area, compute, anonymous run, local go, Inner ctor, d, e, RED.label, label,
        // Color ctor, compact Point ctor, origin, greet = 14 (annotation members and lambdas are not functions)
        // classes: Shapes, Local, Inner, Deep, Color, Point, Marker, Greeter = 8 (anonymous classes are not)
        assertEquals(new SymbolStats(14, 8, 3), s.symbols());
    }

    @Test
    void regions_do_not_overlap_and_name_methods_with_their_enclosing_types() throws Exception {
        Structure s = parser.parse(new SourceFile("p/Shapes.java", "java", fixture("Shapes.java")));
        List<Region> sorted = s.regions().stream().sorted(Comparator.comparingInt(Region::startLine)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(sorted.get(i).startLine() > sorted.get(i - 1).endLine(), "overlap: " + sorted);
        }
        Region compute = find(s, "Shapes.compute");
        assertEquals("method", compute.kind());
        assertEquals(15, compute.startLine(), "the Javadoc above the method belongs to its region");
        assertEquals(find(s, "Shapes.Inner.Deep.e").kind(), "method");
        assertEquals(find(s, "Shapes.Color.Color").kind(), "constructor");
        assertEquals(find(s, "Shapes.Point.Point").kind(), "constructor");
        assertEquals("annotation", find(s, "Shapes.Marker").kind());
        assertEquals("interface", find(s, "Greeter").kind());
        assertEquals("class", find(s, "Shapes").kind(), "type header region");
        assertTrue(s.regions().stream().noneMatch(r -> r.symbol().contains("run")),
                "anonymous class methods stay inside their enclosing method");
    }

    @Test
    void a_file_with_syntax_errors_is_a_parse_failure() {
        assertThrows(ParseFailure.class, () -> parser.parse(new SourceFile("Bad.java", "java",
                "class Bad { void f( { int x = ; }")));
    }

    @Test
    void modern_syntax_parses_at_language_level_25() throws Exception {
        String src = """
                sealed interface S permits A, B {}
                record A(int x) implements S {}
                final class B implements S {}
                class U {
                    String f(Object o) {
                        return switch (o) {
                            case A(int x) when x > 0 -> "a";
                            case String s -> s;
                            default -> "";
                        };
                    }
                    void g() { var t = \"\"\"
                        text\"\"\"; }
                    int h(int k) {
                        return switch (k) {
                            case 1 -> 1;
                            default -> {
                                yield k * 2;
                            }
                        };
                    }
                }
                """;
        Structure s = parser.parse(new SourceFile("S.java", "java", src));
        assertEquals(new SymbolStats(3, 4, 0), s.symbols());
    }

    @Test
    void semantic_validation_is_off_but_the_configuration_still_parses_java_25() {
        assertTrue(JavaStructureParser.configuration().getProcessors().stream()
                .noneMatch(p -> p.get().getClass().getName().endsWith("ParserConfiguration$2")),
                "the validating processor of the pinned JavaParser must be gone (did the version change?)");
        assertDoesNotThrow(() -> parser.parse(new SourceFile("V.java", "java",
                "class V { abstract abstract void f() {} }")), "validation problems do not fail a file");
    }

    @Test
    void parsing_from_two_threads_gives_the_same_result() throws Exception {
        String text = fixture("Shapes.java");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Structure>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                fs.add(pool.submit(() -> parser.parse(new SourceFile("p/Shapes.java", "java", text))));
            }
            Structure first = fs.get(0).get();
            for (Future<Structure> f : fs) {
                assertEquals(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Region find(Structure s, String symbol) {
        Optional<Region> r = s.regions().stream().filter(x -> x.symbol().equals(symbol)).findFirst();
        assertTrue(r.isPresent(), symbol + " not in " + s.regions());
        return r.get();
    }
}
