package dev.codeindex.chunk;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chunks any source file: the language's structure parser when there is one, line windows
 * otherwise, and line windows again when the parser fails or the file is too big to parse.
 * Thread-safe; never throws for bad input.
 */
public final class SourceChunker {
    /**
     * Bumped whenever chunk boundaries or texts change for the same input; stored per manifest entry,
     * so an upgrade re-chunks files (and, with the vector cache, embeds only chunks whose text changed).
     */
    public static final int VERSION = 10; // 2: Python with form feeds is parsed; 3: secrets are redacted;
    // 4: doc comments and attributes join their definition, windows of few lines overlap less, prose by sections;
    // 5: a Rust impl block's header joins its first function; 6: TypeScript overload signatures join the body;
    // 7: each window records the region it is a window of (stored, so search folds a definition's windows);
    // 8: what is read changed (minified text and files with many control bytes are skipped): files indexed
    // before are read again, or an upgraded index kept a bundle a fresh one skips; 9: a JS/TS function with its
    // own name inside an operator (export default ok && function f …) is a definition; secrets rules version 3;
    // 10: C and C++ with form feeds are parsed (every function after a page break lost its name), and a function
    // a parse error swallowed into the one before it is a function of its own

    private static final Logger log = LoggerFactory.getLogger(SourceChunker.class);

    private final ChunkAssembler assembler;
    private final TextRedactor redactor;
    private final Map<String, StructureParser> parsers;
    private final long maxParseChars;
    private final int fingerprint;

    /**
     * @param parsers       structure parser per language id
     * @param maxParseChars larger files get line windows without a structural parse (bounds parse time and memory)
     */
    public SourceChunker(ChunkLimits limits, Map<String, StructureParser> parsers, long maxParseChars) {
        this(limits, TokenBudget.NONE, parsers, maxParseChars);
    }

    /** @param budget keeps every chunk within the embedding model's window */
    public SourceChunker(ChunkLimits limits, TokenBudget budget, Map<String, StructureParser> parsers,
                         long maxParseChars) {
        this(limits, budget, parsers, maxParseChars, TextRedactor.NONE);
    }

    /** {@code text} of the file at {@code relPath} as the index sees it: with its secrets redacted, lines unchanged. */
    public String redacted(String relPath, String text) {
        return redactor.redact(relPath, text).text();
    }

    /** @param redactor hides secrets in a file's text before anything else sees it */
    public SourceChunker(ChunkLimits limits, TokenBudget budget, Map<String, StructureParser> parsers,
                         long maxParseChars, TextRedactor redactor) {
        this.assembler = new ChunkAssembler(limits, budget);
        this.redactor = redactor;
        this.parsers = Map.copyOf(parsers);
        this.maxParseChars = maxParseChars;
        this.fingerprint = java.util.Objects.hash(VERSION, limits, maxParseChars, budget.fingerprint(),
                redactor.fingerprint());
    }

    /** Identifies the chunker version and every setting that shapes chunks. */
    public int fingerprint() {
        return fingerprint;
    }

    public boolean hasParser(String language) {
        return parsers.containsKey(language);
    }

    /**
     * The file's chunks, made from its text with secrets redacted (line numbers unchanged); the
     * result counts the redactions.
     */
    public ChunkResult chunk(SourceFile raw) {
        TextRedactor.Redacted r = redactor.redact(raw.relPath(), raw.text());
        SourceFile file = r.count() == 0 ? raw : new SourceFile(raw.relPath(), raw.language(), r.text());
        return chunkRedacted(file).withRedactions(r.count());
    }

    private ChunkResult chunkRedacted(SourceFile file) {
        StructureParser parser = parsers.get(file.language());
        if (parser == null) {
            List<Chunk> chunks = ProseSections.LANGUAGES.contains(file.language()) ? assembler.assembleProse(file)
                    : assembler.assemble(file, List.of());
            return new ChunkResult(chunks, SymbolStats.ZERO, false);
        }
        if (file.text().length() > maxParseChars) {
            log.debug("{}: {} chars, above the parse limit; line windows", file.relPath(), file.text().length());
            return new ChunkResult(assembler.assemble(file, List.of()), SymbolStats.ZERO, true);
        }
        try {
            Structure s = parser.parse(file);
            return new ChunkResult(assembler.assemble(file, s.regions()), s.symbols(), false);
        } catch (ParseFailure e) {
            log.debug("{}: parse failed ({}); line windows", file.relPath(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            log.warn("{}: parser error ({}); line windows", file.relPath(), e.toString());
        }
        return new ChunkResult(assembler.assemble(file, List.of()), SymbolStats.ZERO, true);
    }
}
