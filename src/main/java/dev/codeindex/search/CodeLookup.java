package dev.codeindex.search;

import dev.codeindex.api.ContextAnswer;
import dev.codeindex.chunk.Chunk;
import dev.codeindex.chunk.SourceChunker;
import dev.codeindex.chunk.SourceFile;
import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.EmbeddingText;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import dev.codeindex.util.Hashes;
import dev.codeindex.util.IoErrors;
import dev.codeindex.walk.FileStat;
import dev.codeindex.walk.Languages;
import dev.codeindex.walk.WalkVisitor;
import dev.codeindex.walk.Walker;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers questions about one place in one root's files: the definition that encloses a line
 * ({@link #context}) and the code most like it ({@link #similar}). It reads the file as it is now, and takes the definitions' line ranges from
 * the chunks the index holds for it when they still match the file (each stored chunk's hash is
 * checked against the file's lines); otherwise it chunks the file now with the indexer's chunker
 * and says so.
 *
 * <p>Only files the walk would index are shown: a path outside the root (by {@code ..} or a symbolic
 * link), an ignored file or one matching a secret pattern is refused, so nothing the index keeps
 * out reaches a client.
 *
 * <p>Threading: stateless past construction; any thread (the walker, chunker and store are).
 *
 * <p>Errors: {@link IllegalArgumentException} with a message for the user for a path or line the
 * caller got wrong.
 */
public final class CodeLookup {
    private static final Logger log = LoggerFactory.getLogger(CodeLookup.class);
    /** Files larger than this are not shown. */
    static final long MAX_FILE_BYTES = 8L << 20;
    /** Lines shown on each side of a line no chunk holds (blank lines, closing braces). */
    static final int AROUND = 5;

    private final Path root;
    private final Walker walker;
    private final SourceChunker chunker;
    private final VectorStore store;
    private final Embedder embedder;

    /** Without an embedder: {@link #context} only. */
    public CodeLookup(Path root, Walker walker, SourceChunker chunker, VectorStore store) {
        this(root, walker, chunker, store, null);
    }

    /**
     * @param walker   the root's walker: what it would not index is not shown
     * @param chunker  the root's chunker, for files whose stored chunks are missing or stale
     * @param store    the root's store, or null (offline: every file is chunked now)
     * @param embedder the root's model, or null (offline: {@link #similar} refuses)
     */
    public CodeLookup(Path root, Walker walker, SourceChunker chunker, VectorStore store, Embedder embedder) {
        this.root = root.toAbsolutePath().normalize();
        this.walker = walker;
        this.chunker = chunker;
        this.store = store;
        this.embedder = embedder;
    }

    /** What {@link #similar} found: the source (null for a snippet) and the hits, best first. */
    public record Similar(ContextAnswer source, List<SearchHit> hits) {}

    /**
     * The chunks nearest to the chunk that holds {@code line} of {@code path} (its stored vector when
     * the index has the file as it is, else its text embedded as the indexer would), or to
     * {@code code} embedded as a document; the source chunk and every chunk of its file overlapping
     * its lines are left out.
     *
     * @param path a file (relative to the root, or absolute inside it), or null when {@code code} is given
     * @param code a snippet, or null when {@code path} is given
     * @param k    1 to {@link Searcher#MAX_K}
     * @throws IllegalArgumentException for both or neither of path and code, a bad k, or what {@link #context} refuses
     * @throws IllegalStateException    without a semantic index (offline)
     */
    public Similar similar(String path, int line, String code, int k) {
        if (store == null || embedder == null) {
            throw new IllegalStateException("finding similar code needs a semantic index, and the index of " + root
                    + " is offline (analysis only, no embeddings): run `codeindex index " + root + "` without --offline");
        }
        boolean hasPath = path != null && !path.isBlank();
        boolean hasCode = code != null && !code.isBlank();
        if (hasPath == hasCode) {
            throw new IllegalArgumentException(hasPath ? "give either a path and line or code, not both"
                    : "give a path and a line (the chunk there), or code (a snippet) to find code like it");
        }
        if (k < 1 || k > Searcher.MAX_K) {
            throw new IllegalArgumentException("k must be from 1 to " + Searcher.MAX_K + ", got " + k);
        }
        if (hasCode) {
            return new Similar(null, nearest(embedder.embed(List.of(code.strip())).get(0), k, null, 0, 0, false));
        }
        Located at = locate(path, line);
        ContextAnswer a = at.answer();
        float[] vector = a.indexed() && at.chosen() != null ? at.chosen().vector() : null;
        if (vector == null) {
            int from = at.chosen() == null ? a.startLine() : at.chosen().start();
            int to = at.chosen() == null ? a.endLine() : Math.min(at.chosen().end(), a.endLine());
            List<String> lines = a.code().lines().toList();
            String text = String.join("\n", lines.subList(from - a.startLine(), Math.min(lines.size(), to - a.startLine() + 1)));
            vector = embedder.embed(List.of(EmbeddingText.header(a.path(), a.symbol(), a.kind(), a.language()) + text)).get(0);
        }
        return new Similar(a, nearest(vector, k, a.path(), a.startLine(), a.endLine(),
                a.symbol() != null && !a.symbol().isEmpty()));
    }

    /**
     * The k nearest points, leaving out those of {@code path} that overlap lines [start, end], and
     * folding overlapping ones of a file together ({@link HitMerge#collapse}); compared from a definition
     * ({@code fromDefinition}), a file's bare import head comes after code ({@link #lastIfPreamble}).
     */
    private List<SearchHit> nearest(float[] vector, int k, String path, int start, int end, boolean fromDefinition) {
        int fetch = k + 16;
        while (true) {
            List<SearchHit> hits = store.search(vector, fetch, SearchFilter.NONE);
            List<SearchHit> others = new ArrayList<>();
            for (SearchHit h : hits) {
                boolean source = h.path().equals(path) && h.startLine() <= end && h.endLine() >= start;
                if (!source) {
                    others.add(h);
                }
            }
            List<SearchHit> out = lastIfPreamble(HitMerge.collapse(others), fromDefinition);
            out = new ArrayList<>(out.subList(0, Math.min(k, out.size())));
            if (out.size() >= k || hits.size() < fetch || fetch >= 4 * Searcher.MAX_K) {
                return out;
            }
            fetch *= 4;
        }
    }

    /** A line of a file's head that only says what it uses: an import, a require, a strictness pragma. */
    private static final java.util.regex.Pattern PREAMBLE_LINE = java.util.regex.Pattern.compile(
            "\\s*(?:import\\b.*|from\\s+\\S+\\s+import\\b.*|(?:const|let|var)\\s+[\\w{}, $]+=\\s*require\\(.*"
            + "|['\"]use strict['\"];?|#include\\b.*|package\\s+[\\w.]+;?|using\\s+[\\w.]+;|[\\w$, ]*}\\s*from\\s+.*|[\\w$]+,?)?\\s*");

    /**
     * Hits that are only a file's imports, after the others, when a definition is compared: its nearest were
     * two files' {@code 'use strict'; import …} heads (a trial), which every file of a package shares.
     */
    static List<SearchHit> lastIfPreamble(List<SearchHit> hits, boolean fromDefinition) {
        if (!fromDefinition) {
            return hits;
        }
        List<SearchHit> code = new ArrayList<>();
        List<SearchHit> heads = new ArrayList<>();
        for (SearchHit h : hits) {
            boolean head = h.symbol().isEmpty() && h.startLine() == 1 && !h.snippet().endsWith("…")
                    && h.snippet().lines().allMatch(l -> PREAMBLE_LINE.matcher(l).matches());
            (head ? heads : code).add(h);
        }
        code.addAll(heads);
        return code;
    }

    public Path root() {
        return root;
    }

    Walker walker() {
        return walker;
    }

    /**
     * The lines that use {@code name} (its last part, as a whole identifier), file by file (source first, then docs, vendored code and tests, each in path order),
     * with the definition each sits in ({@link ReferenceFinder}).
     *
     * @param name     an identifier, optionally qualified ({@code HashMap.resize}, {@code Type::method})
     * @param k        1 to {@link Searcher#MAX_K}
     * @param language only files of this language, or null
     * @param pathGlob only paths matching this glob (as search takes it), or null
     * @throws IllegalArgumentException for a name that is not one, a bad k, language or glob
     */
    public References references(String name, int k, String language, String pathGlob) {
        String word = referenceName(name);
        ReferenceFinder.Found f = new ReferenceFinder(this, store).find(word, k, language, pathGlob);
        return new References(word, f.references(), f.files(), f.candidates(), f.complete(), f.notes());
    }

    /**
     * The identifier {@link #references} matches for {@code name}: its last part, {@code Type::method} and
     * {@code Class#method} read as dotted.
     *
     * @throws IllegalArgumentException for a name that is not one
     */
    public static String referenceName(String name) {
        return ReferenceFinder.lastPart(Searcher.symbolName(name));
    }

    /**
     * What {@link #references} found in this root.
     *
     * @param name       the name matched (a qualified name's last part)
     * @param files      files with a reference listed
     * @param candidates files that may hold the name (in another case, or inside a longer identifier, too)
     * @param complete   every candidate was read and every reference listed
     * @param notes      how the look went (no keyword index, a cap reached), when worth saying
     */
    public record References(String name, List<dev.codeindex.api.Reference> references, long files, long candidates,
                             boolean complete, List<String> notes) {}

    /** Whether {@code given} names a path inside this root (relative ones always do, until checked). */
    public boolean holds(String given) {
        try {
            Path p = Path.of(given);
            return !p.isAbsolute() || p.normalize().startsWith(root);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * The innermost definition that holds {@code line} of {@code path}: a method, function or class
     * header, with its whole range when it was stored as several windows; when none holds it, the
     * plain chunk that does, or the few lines around it.
     *
     * @param path relative to the root, or absolute inside it
     * @param line 1-based
     * @throws IllegalArgumentException for a path outside the root, excluded, missing, a directory,
     *                                  binary or too large, or a line the file does not have
     */
    public ContextAnswer context(String path, int line) {
        return locate(path, line).answer();
    }

    /** Where {@link #context} found the line, with the chunk that holds it (its stored vector, if any). */
    record Located(ContextAnswer answer, Piece chosen) {}

    /** A chunk as this class compares them: from the store, or made now. */
    record Piece(int start, int end, String symbol, String kind, String hash, float[] vector, int regionStart,
                 int regionEnd) {
        boolean holds(int line) {
            return start <= line && line <= end;
        }

        boolean isDefinition() {
            return !symbol.isEmpty() && !"lines".equals(kind);
        }

        int span() {
            return end - start;
        }

        /** Whether this is a window of a longer region, as a chunker of version 7 or later records it. */
        boolean isWindow() {
            return regionStart != start || regionEnd != end;
        }
    }

    Located locate(String path, int line) {
        FileView f = view(relative(path));
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, got " + line);
        }
        if (line > f.lines().size()) {
            throw new IllegalArgumentException("line " + line + " is past the end of " + f.rel() + ", which has "
                    + f.lines().size() + " line" + (f.lines().size() == 1 ? "" : "s"));
        }
        Enclosing e = f.enclosing(line);
        ContextAnswer answer = new ContextAnswer(root.toString(), f.rel(), line, e.start(), e.end(), e.symbol(), e.kind(),
                f.language(), String.join("\n", f.lines().subList(e.start() - 1, e.end())), f.indexed(), f.note());
        return new Located(answer, e.chosen());
    }

    /**
     * A file as it is now (secrets redacted as the indexer would), with the chunks that describe it: the
     * stored ones while they still match its lines ({@code indexed}), else chunks made now, with a note.
     */
    record FileView(String rel, String language, List<String> lines, List<Piece> pieces, boolean indexed, String note) {
        /**
         * The innermost definition holding {@code line} (its whole range when stored as several windows),
         * else the plain chunk that does, else the few lines around it (kind {@code lines}, no chosen piece).
         */
        Enclosing enclosing(int line) {
            Piece chosen = choose(pieces, line);
            if (chosen == null) {
                return new Enclosing(Math.max(1, line - AROUND), Math.min(lines.size(), line + AROUND), "", "lines", null);
            }
            int[] range = chosen.isDefinition() ? extent(pieces, chosen) : new int[] {chosen.start(), chosen.end()};
            return new Enclosing(range[0], Math.min(range[1], lines.size()), chosen.symbol(), chosen.kind(), chosen);
        }
    }

    /** What holds a line: a definition's or chunk's range, its symbol and kind, and the piece chosen (null for none). */
    record Enclosing(int start, int end, String symbol, String kind, Piece chosen) {}

    /**
     * {@code rel} read and described as {@link FileView} says.
     *
     * @throws IllegalArgumentException for a file the walk would not index, missing, binary or too large
     */
    FileView view(String rel) {
        checkIndexable(rel);
        return describe(rel, source(rel));
    }

    /**
     * As {@link #view(String)}, from the file's source read already (a caller that looked into it first).
     *
     * @throws IllegalArgumentException for a file the walk would not index
     */
    FileView view(String rel, Source source) {
        checkIndexable(rel);
        return describe(rel, source);
    }

    /** A file's text as the indexer decodes it (UTF-8, else ISO-8859-1), secrets not yet redacted, and its language. */
    record Source(String text, String language) {}

    /**
     * {@code rel} read as {@link Source}.
     *
     * @throws IllegalArgumentException for a file missing, larger than is shown, binary or unreadable
     */
    Source source(String rel) {
        return source(rel, read(rel));
    }

    /**
     * The source of a file's bytes.
     *
     * @throws IllegalArgumentException for a binary file
     */
    static Source source(String rel, byte[] bytes) {
        int probe = Math.min(bytes.length, Languages.BINARY_PROBE_BYTES);
        if (Languages.isBinaryName(rel) || Languages.looksBinary(bytes, probe)) {
            throw new IllegalArgumentException(rel + " is a binary file: it has no lines to show");
        }
        return new Source(decode(bytes), Languages.detect(rel, bytes, probe));
    }

    private FileView describe(String rel, Source source) {
        String language = source.language();
        // what the index holds, and what is shown: never a secret the indexer would have redacted
        String text = chunker.redacted(rel, source.text());
        List<String> lines = lines(text);
        List<Piece> pieces = stored(rel);
        boolean indexed = !pieces.isEmpty() && matches(pieces, lines);
        String note = null;
        if (!indexed) {
            note = store == null ? "no semantic index to read: chunked from the file now"
                    : pieces.isEmpty() ? "the index holds no chunks of this file (new, or not indexed yet): chunked from the file now"
                    : "the file changed since it was indexed: chunked from the file now";
            pieces = chunkNow(rel, language, text);
        }
        return new FileView(rel, language, lines, pieces, indexed, note);
    }

    /**
     * {@code given} relative to the root, normalized and '/'-separated.
     *
     * @throws IllegalArgumentException for an empty path, or one outside the root
     */
    String relative(String given) {
        if (given == null || given.isBlank()) {
            throw new IllegalArgumentException("path is required: a file relative to the root " + root
                    + ", or an absolute path inside it");
        }
        Path p;
        try {
            p = Path.of(given);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("path is not a valid path: " + e.getReason());
        }
        Path resolved = (p.isAbsolute() ? p : root.resolve(p)).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("path '" + given + "' lies outside the root " + root
                    + ": give a file relative to the root, or an absolute path inside it");
        }
        if (Files.exists(resolved)) {
            try {
                if (!resolved.toRealPath().startsWith(root.toRealPath())) {
                    throw new IllegalArgumentException("path '" + given + "' leads outside the root " + root
                            + " through a symbolic link");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("path '" + given + "' cannot be read (" + why(e) + ")");
            }
        }
        return root.relativize(resolved).toString().replace(File.separatorChar, '/');
    }

    /** Refuses what the walk would not index: missing, a directory, ignored, a secret, special files. */
    private void checkIndexable(String rel) {
        Path abs = root.resolve(rel);
        if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(rel + " is a directory: give a file and a line in it");
        }
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("no file " + rel + " in " + root
                    + ": give a path relative to the root (as search answers show it) or an absolute path");
        }
        boolean[] seen = new boolean[2]; // file, ignored
        try {
            walker.walkPath(rel, new WalkVisitor() {
                @Override
                public void onFile(FileStat stat) {
                    seen[0] |= stat.relPath().equals(rel);
                }

                @Override
                public void onIgnored(String relPath, boolean directory) {
                    seen[1] = true;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a link the index followed (an index run given --follow-symlinks, read by a process without it) is
        // shown as the index holds it (a trial); an excluded file never is, even if the index still holds it
        if (!seen[0] && !seen[1] && throughLink(rel) && store != null && !store.chunksOf(rel).isEmpty()) {
            return;
        }
        if (!seen[0]) {
            throw new IllegalArgumentException(rel + " is not indexed: "
                    + (seen[1] ? "it is excluded (an ignore rule, a built-in exclude or a secret pattern)"
                    : "it is not a regular file the index reads (a symbolic link, a device, …)"));
        }
    }

    /** Whether {@code rel} or a directory on its way from the root is a symbolic link. */
    private boolean throughLink(String rel) {
        Path p = root;
        for (Path part : Path.of(rel)) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                return true;
            }
        }
        return false;
    }

    private byte[] read(String rel) {
        Path abs = root.resolve(rel);
        try {
            long size = Files.size(abs);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(rel + " is " + (size >> 20) + " MB, more than the "
                        + (MAX_FILE_BYTES >> 20) + " MB shown; read it directly");
            }
            return Files.readAllBytes(abs);
        } catch (IOException e) {
            throw new IllegalArgumentException(rel + " cannot be read (" + why(e) + ")");
        }
    }

    /** What went wrong, for people ({@link IoErrors#reason}); a file gone is said so, not by its path. */
    static String why(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : IoErrors.reason(e);
    }

    /** UTF-8, else ISO-8859-1, as the indexer reads files. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** The file's lines without terminators, as the chunker counts them (a final newline ends the last line). */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl;
            int cut = to > from && text.charAt(to - 1) == '\r' ? to - 1 : to;
            out.add(text.substring(from, cut));
            from = nl < 0 ? text.length() : nl + 1;
        }
        return out;
    }

    private List<Piece> stored(String rel) {
        if (store == null) {
            return List.of();
        }
        try {
            return store.chunksOf(rel).stream().map(CodeLookup::piece).toList();
        } catch (RuntimeException e) { // the store is down: the file itself still answers
            log.warn("reading the chunks of {} from the store failed; chunking it now: {}", rel, e.toString());
            return List.of();
        }
    }

    private static Piece piece(StoredChunk c) {
        return new Piece(c.startLine(), c.endLine(), c.symbol(), c.kind(), c.chunkHash(), c.vector(), c.regionStart(),
                c.regionEnd());
    }

    /** Whether every stored chunk still has the hash of the file's lines it covers. */
    private static boolean matches(List<Piece> pieces, List<String> lines) {
        for (Piece p : pieces) {
            if (p.start() < 1 || p.end() > lines.size() || p.start() > p.end()
                    || !Hashes.of(String.join("\n", lines.subList(p.start() - 1, p.end()))).equals(p.hash())) {
                return false;
            }
        }
        return true;
    }

    private List<Piece> chunkNow(String rel, String language, String text) {
        List<Piece> out = new ArrayList<>();
        for (Chunk c : chunker.chunk(new SourceFile(rel, language, text)).chunks()) {
            out.add(new Piece(c.startLine(), c.endLine(), c.symbol(), c.kind(), c.hash(), null, c.regionStart(),
                    c.regionEnd()));
        }
        out.sort(Comparator.comparingInt(Piece::start).thenComparingInt(Piece::end));
        return out;
    }

    /** The innermost definition holding the line, else the smallest chunk holding it, else null. */
    static Piece choose(List<Piece> pieces, int line) {
        Piece best = null;
        for (Piece p : pieces) {
            if (!p.holds(line)) {
                continue;
            }
            if (best == null || p.isDefinition() && !best.isDefinition()
                    || p.isDefinition() == best.isDefinition() && p.span() < best.span()) {
                best = p;
            }
        }
        return best;
    }

    /**
     * The lines of the definition {@code chosen} belongs to: the windows of its region joined, or, from a
     * store written before windows recorded their region, its windows of the same symbol that overlap
     * it. Two definitions of one name (overloads) are never joined, though they touch.
     */
    static int[] extent(List<Piece> pieces, Piece chosen) {
        int start = chosen.start();
        int end = chosen.end();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Piece p : pieces) {
                boolean joins = chosen.isWindow()
                        ? p.regionStart() == chosen.regionStart() && p.regionEnd() == chosen.regionEnd()
                        : p.start() <= end && p.end() >= start;
                if (p.symbol().equals(chosen.symbol()) && p.kind().equals(chosen.kind()) && joins
                        && (p.start() < start || p.end() > end)) {
                    start = Math.min(start, p.start());
                    end = Math.max(end, p.end());
                    grew = true;
                }
            }
        }
        return new int[] {start, end};
    }
}
