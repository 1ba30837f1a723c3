package dev.codeindex.chunk.treesitter;

import dev.codeindex.chunk.ParseFailure;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.Structure;
import dev.codeindex.chunk.StructureParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Tree-sitter structure parsers for Python, JavaScript, TypeScript, TSX, Go, Rust, C and C++.
 *
 * <p>Each returned parser is thread-safe: it keeps one {@link TSParser} (not thread-safe, holds
 * native memory) and one walk state per thread, and closes every tree and cursor it makes.
 * Counting rules per language: see the package documentation.
 */
public final class TreeSitterParsers {
    /** Language ids served, as the walker names them. */
    public static final List<String> LANGUAGES =
            List.of("python", "javascript", "typescript", "tsx", "go", "rust", "c", "cpp");

    private static final Map<String, Supplier<Spec>> FACTORIES = Map.of(
            "python", PythonSpec::new,
            "javascript", () -> new JsSpec("javascript"),
            "typescript", () -> new JsSpec("typescript"),
            "tsx", () -> new JsSpec("tsx"),
            "go", GoSpec::new,
            "rust", RustSpec::new,
            "c", () -> new CSpec(false),
            "cpp", () -> new CSpec(true));

    private static final Map<String, StructureParser> PARSERS = new ConcurrentHashMap<>();

    private TreeSitterParsers() {}

    /** The parser for a language id, or null when tree-sitter is not used for it. */
    public static StructureParser forLanguage(String languageId) {
        Supplier<Spec> factory = languageId == null ? null : FACTORIES.get(languageId);
        if (factory == null) {
            return null;
        }
        return PARSERS.computeIfAbsent(languageId, id -> new Parser(id, factory));
    }

    /**
     * Loads its grammar (a native library, resolved into symbol tables) on the first file of its
     * language: a run that meets no Rust file never loads the Rust grammar, and a no-change pass
     * loads none (that was ~60 ms of every start on the Linux tree).
     */
    private static final class Parser implements StructureParser {
        private final String id;
        private final Supplier<Spec> factory;
        private volatile Spec spec;
        private final ThreadLocal<TSParser> parser;
        private final ThreadLocal<Walk> walk = ThreadLocal.withInitial(Walk::new);

        Parser(String id, Supplier<Spec> factory) {
            this.id = id;
            this.factory = factory;
            this.parser = ThreadLocal.withInitial(() -> {
                TSParser p = new TSParser();
                if (!p.setLanguage(spec().language)) {
                    p.close();
                    throw new IllegalStateException("tree-sitter rejected the " + id + " grammar");
                }
                return p;
            });
        }

        private Spec spec() {
            Spec s = spec;
            if (s == null) {
                synchronized (this) {
                    s = spec;
                    if (s == null) {
                        s = factory.get();
                        spec = s;
                    }
                }
            }
            return s;
        }

        @Override
        public Structure parse(SourceFile file) throws ParseFailure {
            Spec spec = spec();
            String text = file.text();
            boolean bom = text.startsWith("\uFEFF");
            if (bom) {
                text = text.substring(1); // a byte order mark is not source (Python's tokenizer drops it too)
            }
            spec.precheck(text, bom);
            TSParser p = parser.get();
            TSTree tree;
            try {
                // parseString, never parse(byte[], null, null, UTF8): that one crashes the JVM.
                tree = p.parseString(null, text);
            } catch (RuntimeException e) {
                // text with an unpaired surrogate is refused by the native UTF-16 to UTF-8 conversion
                p.reset();
                throw new ParseFailure(spec.id + ": " + e.getMessage(), e);
            }
            if (tree == null) {
                throw new ParseFailure(spec.id + ": no tree");
            }
            try {
                return walk.get().run(spec, tree, text);
            } finally {
                tree.close();
            }
        }

        @Override
        public String toString() {
            return "tree-sitter " + id;
        }
    }
}
