package dev.codeindex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository explains itself: no source or document points at design notes kept outside it,
 * and docs/ARCHITECTURE.md and docs/LIBRARY-NOTES.md name only classes and tests that exist. Runs with the module
 * directory as the working directory (as Maven runs tests).
 */
class DocsTest {
    static final Path ARCHITECTURE = Path.of("docs/ARCHITECTURE.md");
    /** The documents whose class and test names are checked. */
    static final List<Path> CHECKED = List.of(ARCHITECTURE, Path.of("docs/LIBRARY-NOTES.md"));
    static final Path MAIN = Path.of("src/main/java/dev/codeindex");
    static final Path TESTS = Path.of("src/test/java");
    static final Path SELF = Path.of("src/test/java/dev/codeindex/DocsTest.java");

    /** Documents that live outside the repository, and the ways the code used to cite them. */
    static final List<String> OUTSIDE = List.of("DESIGN" + ".md", "CONTRACT" + ".md", "PITFALLS" + ".md",
            "STYLE" + ".md", "../" + "shared/", "/work/" + "shared", "shared/" + "corpora", "DESIGN" + " invariant");

    /**
     * A class in the doc's convention: {@code `index/IndexRun`}, its path under
     * src/main/java/dev/codeindex, optionally followed by members ({@code .ChangeSet}, {@code .run()}).
     */
    static final Pattern CLASS_REF = Pattern.compile(
            "`((?:[a-z][a-z0-9]*/)+)([A-Z][A-Za-z0-9]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(\\(\\))?`");
    /** A file name, not a class: {@code `bench/RESULTS.md`}, {@code `bench/WarmPasses.java`}. */
    static final Pattern FILE_NAME = Pattern.compile(".*\\.(md|java|sh|py|yaml|yml|json|txt|xml|plist|service|jsonl)");
    /** A test in the doc's convention: {@code `IndexRunTest#a_rerun_without_changes_reads_nothing_and_changes_nothing`}. */
    static final Pattern TEST_REF = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([A-Za-z_][A-Za-z0-9_]*)`");

    @Test
    void nothing_cites_documents_kept_outside_the_repository() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("src/main"), Path.of("src/test"), Path.of("docs"), Path.of("bench"))) {
            files.addAll(filesUnder(dir));
        }
        files.add(Path.of("README.md"));
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            if (f.normalize().equals(SELF)) {
                continue;
            }
            found.addAll(outsideReferences(f, read(f)));
        }
        assertEquals(List.of(), found, "cite docs/ARCHITECTURE.md, docs/LIBRARY-NOTES.md or the README instead");
    }

    @Test
    void classes_named_in_the_docs_exist() throws IOException {
        assertTrue(CLASS_REF.matcher(read(ARCHITECTURE)).find(), "the pipeline names its classes");
        for (Path doc : CHECKED) {
            List<String> missing = missingClasses(read(doc));
            assertEquals(List.of(), missing, "classes named in " + doc + " that are not in " + MAIN);
        }
    }

    @Test
    void tests_named_in_the_docs_exist() throws IOException {
        assertTrue(TEST_REF.matcher(read(ARCHITECTURE)).find(), "the invariants name their tests");
        for (Path doc : CHECKED) {
            List<String> missing = missingTests(read(doc));
            assertEquals(List.of(), missing, "tests named in " + doc + " that are not in " + TESTS);
        }
    }

    @Test
    void the_checks_catch_a_bad_reference() throws IOException {
        assertEquals(1, outsideReferences(Path.of("X.java"), "see " + OUTSIDE.get(0)).size());
        assertEquals(List.of("`index/NoSuchRun`"),
                missingClasses("`index/IndexRun`, `watch/ChangeQueue.ChangeSet`, `index/IndexRun.run()`,"
                        + " `bench/RESULTS.md`, `index/NoSuchRun`"));
        assertEquals(List.of("`DocsTest#no_such_method`", "`NoSuchTest#x`"),
                missingTests("`DocsTest#the_checks_catch_a_bad_reference` `DocsTest#no_such_method` `NoSuchTest#x`"));
    }

    static List<String> outsideReferences(Path file, String text) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String o : OUTSIDE) {
                if (lines[i].contains(o)) {
                    found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        return found;
    }

    static List<String> missingClasses(String doc) {
        Set<String> missing = new TreeSet<>();
        Matcher m = CLASS_REF.matcher(doc);
        while (m.find()) {
            if (FILE_NAME.matcher(m.group().replace("`", "")).matches()) {
                continue;
            }
            Path source = MAIN.resolve(m.group(1)).resolve(m.group(2) + ".java");
            if (!Files.isRegularFile(source)) {
                missing.add(m.group());
            }
        }
        return new ArrayList<>(missing);
    }

    static List<String> missingTests(String doc) throws IOException {
        Set<String> missing = new TreeSet<>();
        Matcher m = TEST_REF.matcher(doc);
        while (m.find()) {
            String cls = m.group(1);
            Pattern declared = Pattern.compile("(?<![.\\w])" + Pattern.quote(m.group(2))
                    + "\\s*\\([^)]*\\)\\s*(throws[^{;]*)?\\{");
            boolean found = false;
            for (Path f : filesUnder(TESTS)) {
                if (f.getFileName().toString().equals(cls + ".java") && declared.matcher(read(f)).find()) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                missing.add(m.group());
            }
        }
        return new ArrayList<>(missing);
    }

    static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(DocsTest::isText).sorted().toList();
        }
    }

    static boolean isText(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".java") || n.endsWith(".md") || n.endsWith(".sh") || n.endsWith(".py")
                || n.endsWith(".html") || n.endsWith(".yaml") || n.endsWith(".txt") || n.endsWith(".properties");
    }

    static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8); // lenient: fixtures may hold any bytes
    }
}
