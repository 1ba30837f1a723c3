package dev.codeindex.chunk.treesitter;

import dev.codeindex.chunk.ParseFailure;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.chunk.Structure;
import dev.codeindex.chunk.StructureParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(TreeSitterParsers.class);
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
    static final class Parser implements StructureParser {
        private final String id;
        private final Supplier<Spec> factory;
        private volatile Spec spec;
        /** Why the grammar or tree-sitter itself cannot be loaded here; then no file is tried again. */
        private volatile String unusable;
        private final ThreadLocal<TSParser> parser;
        private final ThreadLocal<Walk> walk = ThreadLocal.withInitial(Walk::new);

        Parser(String id, Supplier<Spec> factory) {
            this.id = id;
            this.factory = factory;
            this.parser = ThreadLocal.withInitial(() -> {
                TSParser p = new TSParser();
                if (!p.setLanguage(spec.language)) { // spec() has run: parse() asks for it first
                    p.close();
                    throw new IllegalStateException("tree-sitter rejected the " + id + " grammar");
                }
                return p;
            });
        }

        /**
         * The grammar, loaded once. A grammar that cannot be loaded (a native library missing for
         * this platform, a broken one) makes every file of the language a parse failure, chunked
         * by line windows and counted, with one warning: not a failed batch, retried forever.
         */
        private Spec spec() throws ParseFailure {
            Spec s = spec;
            if (s != null) {
                return s;
            }
            synchronized (this) {
                if (spec == null && unusable == null) {
                    try {
                        spec = factory.get();
                    } catch (RuntimeException | LinkageError e) {
                        unusable = e.toString();
                        log.warn("the tree-sitter {} grammar cannot be loaded ({}); {} files are chunked by line windows",
                                id, unusable, id);
                    }
                }
                if (spec == null) {
                    throw new ParseFailure(id + ": the tree-sitter grammar cannot be loaded (" + unusable + ")");
                }
                return spec;
            }
        }

        private TSParser tsParser() throws ParseFailure {
            try {
                return parser.get();
            } catch (LinkageError e) { // tree-sitter's own native library
                parser.remove();
                throw new ParseFailure(id + ": tree-sitter cannot be loaded (" + e + ")", e);
            }
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
            TSParser p = tsParser();
            TSTree tree;
            try {
                // parseString, never parse(byte[], null, null, UTF8): that one crashes the JVM.
                tree = p.parseString(null, spec.forParser(text));
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
