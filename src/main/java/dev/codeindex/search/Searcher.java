package dev.codeindex.search;

import dev.codeindex.embed.Embedder;
import dev.codeindex.embed.EmbedderUnavailableException;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.VectorStore;
import dev.codeindex.walk.Languages;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Answers a query against one store: the CLI's {@code search} and the server's {@code /search} both
 * come here, so they rank alike. Chosen by measurement (bench/retrieval.sh, RESULTS.md "Retrieval
 * quality"):
 *
 * <ol>
 *   <li>Every query is ranked by meaning (nearest vectors), nudged by keywords: the vector score
 *       plus {@link #KEYWORD_WEIGHT} times the BM25 score, both scaled per query ({@link HitMerge#fuse}).
 *       On held-out sentence queries this beat vectors alone; rank fusion (RRF) did worse. An
 *       identifier query weighs keywords more ({@link #IDENTIFIER_KEYWORD_WEIGHT}).</li>
 *   <li>A query that is an identifier ({@code resolveSymlinks}, {@code HashMap.resize},
 *       {@code parse_args}, optionally with {@code ()}) first looks the symbol up: its definitions
 *       lead, ordered by {@link SymbolOrder}.</li>
 * </ol>
 *
 * <p>Then hits that overlap a better one of the same file, or are other windows of the same long
 * definition, are folded into it, which shows their union ({@link HitMerge#collapse}): no region appears
 * twice in a list. Last, a sentence ranked with vectors scores hits of one or two lines lower
 * ({@link HitMerge#discountShort}).
 *
 * <p>Threading: as thread-safe as the embedder and the store, which both are.
 */
public final class Searcher {
    /** Share of the (scaled) BM25 score added to the (scaled) vector score; see {@link HitMerge#fuse}. */
    static final double KEYWORD_WEIGHT = 0.2;
    /**
     * The same share for a query that is an identifier: after the definitions it names, what holds the
     * name as a word (a call, a nested definition the symbol look-up does not know) counts for more than
     * what resembles it. Chosen on the tuning parts of bench/retrieval5.sh (RESULTS.md, "item 3").
     */
    static final double IDENTIFIER_KEYWORD_WEIGHT = 1.0;
    /** A glob is checked after the store's prefix filter: ask for this many times more hits, again while too few match. */
    static final int GLOB_OVERFETCH = 5;
    /** The most candidates one search looks at for a glob: a glob that matches fewer may answer fewer than k. */
    static final int MAX_GLOB_FETCH = 5_000;
    public static final int MAX_K = 1000;

    private final Embedder embedder;
    private final VectorStore store;

    public Searcher(Embedder embedder, VectorStore store) {
        this.embedder = embedder;
        this.store = store;
    }

    /**
     * @param k        results wanted, 1 to {@link #MAX_K}
     * @param language only this language id, or null
     * @param pathGlob only paths matching this glob (relative to the root, {@code /}-separated), or null
     * @throws IllegalArgumentException for a k out of range or a malformed glob, with a message for the user
     */
    public List<SearchHit> search(String query, int k, String language, String pathGlob) {
        return search(query, k, language, pathGlob, note -> {});
    }

    /**
     * As {@link #search(String, int, String, String)}; when the query cannot be embedded (the embedding
     * server is down or answers vectors of another size), it is answered by symbols and keywords alone and
     * {@code notes} is told why, rather than failing: symbols and keywords need no model (a team trial).
     */
    public List<SearchHit> search(String query, int k, String language, String pathGlob, Consumer<String> notes) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("the query is empty");
        }
        if (!hasVisibleText(query)) {
            throw new IllegalArgumentException("the query has nothing to search for: only spaces, invisible"
                    + " characters or bytes that are not UTF-8");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be from 1 to " + MAX_K + ", got " + k);
        }
        Scope scope = scope(language, pathGlob);
        SearchFilter filter = scope.filter();
        PathMatcher glob = scope.glob();
        pathGlob = scope.pattern();
        String q = query.strip();
        // no vector stored yet (a first index between its phases): keywords alone, no query to embed
        float[] vector = store.holdsVectors() ? embedded(q, notes) : null;
        if (glob == null) {
            List<SearchHit> hits = ranked(q, vector, k, filter).hits();
            return hits.subList(0, Math.min(k, hits.size()));
        }
        // the glob is checked after the store's prefix filter: candidates are fetched until k of them
        // match or the store has no more (a glob such as **/atomic/* has no prefix to filter on)
        for (int fetch = k * GLOB_OVERFETCH; ; fetch *= GLOB_OVERFETCH) {
            Ranked r = ranked(q, vector, Math.min(fetch, MAX_GLOB_FETCH), filter);
            List<SearchHit> out = new ArrayList<>();
            for (SearchHit h : r.hits()) {
                if (out.size() < k && matches(glob, pathGlob, h.path())) {
                    out.add(h);
                }
            }
            if (out.size() >= k || r.exhausted() || fetch >= MAX_GLOB_FETCH) {
                return out;
            }
        }
    }

    /** The query's vector, or null (with a note) when the model cannot give one now. */
    private float[] embedded(String q, Consumer<String> notes) {
        try {
            return embedder.embedQueries(List.of(q)).get(0);
        } catch (EmbedderUnavailableException e) {
            notes.accept("the query could not be embedded (" + e.getMessage() + "): these hits come from symbol and"
                    + " keyword search alone, not by meaning");
            return null;
        }
    }

    /**
     * Fused scores are scaled over this index's own candidates, so the best hit of any index scores about 1,
     * however far it is from the query. Multiplied by the cosine of the nearest candidate, scores of
     * different roots compare: a root with nothing near the query no longer puts its best hit beside the
     * root that holds the answer (a search over several roots merges their hits by score). The order within
     * one index is unchanged.
     */
    static List<SearchHit> onCosineScale(List<SearchHit> hits, double nearestCosine) {
        double f = Math.max(0.05, Math.min(1, nearestCosine));
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            out.add(h.withScore(h.score() * f));
        }
        return out;
    }

    /**
     * Hits ranked as search returns them, before a glob: {@code fetch} of them or more.
     *
     * @param exhausted the store gave fewer candidates than were asked: there are no more to find
     */
    private record Ranked(List<SearchHit> hits, boolean exhausted) {}

    /** @param vector the query's vector, or null to search by keywords alone */
    private Ranked ranked(String q, float[] vector, int fetch, SearchFilter filter) {
        int pool = Math.max(fetch, HitMerge.POOL);
        List<SearchHit> nearest = vector != null ? store.search(vector, pool, filter) : List.of();
        List<SearchHit> words = store.searchText(q, pool, filter);
        // every candidate is kept until overlapping windows are collapsed, so that k distinct hits remain
        int candidates = fetch + 2 * pool;
        String identifier = identifier(q);
        List<SearchHit> hits = HitMerge.fuse(nearest, words,
                identifier == null ? KEYWORD_WEIGHT : IDENTIFIER_KEYWORD_WEIGHT, candidates);
        List<SearchHit> defs = List.of();
        if (identifier != null) {
            // a qualified name (email.utils.parseaddr) is ordered by its path: look at more definitions
            int symbols = identifier.indexOf('.') < 0 ? fetch : pool;
            defs = definitions(identifier, symbols, filter);
            hits = HitMerge.lead(defs, hits, candidates);
        }
        hits = HitMerge.withoutTwins(HitMerge.collapse(hits));
        if (identifier == null && !nearest.isEmpty()) {
            // only with vectors: among keyword hits alone a short chunk that holds the words is as good as any
            hits = HitMerge.discountShort(hits);
            hits = onCosineScale(hits, store.cosineOf(nearest.get(0).score()));
        } else if (defs.isEmpty() && !nearest.isEmpty() && !hits.isEmpty() && hits.get(0).score() > 0) {
            // an identifier nothing defines keeps its order, but its best hit scores the cosine of its nearest
            // chunk, as a sentence's does: a made-up name's nearest chunk scored 1.0 or more, as an exact
            // definition does (a trial)
            hits = onCosineScale(hits, store.cosineOf(nearest.get(0).score()) / hits.get(0).score());
        }
        boolean exhausted = nearest.size() < pool && words.size() < pool && defs.size() < fetch;
        return new Ranked(hits, exhausted);
    }

    /**
     * The definitions of a symbol ({@code HashMap.resize}, {@code parse_args}, {@code email.utils.parseaddr}),
     * ordered by {@link SymbolOrder}: the symbol itself first, then symbols it is the dotted tail of,
     * then symbols that only share its last part, then definitions that declare it inside their body
     * (a nested helper function). No meaning search: a name nothing defines has no hits.
     *
     * @param name a name, optionally dotted, optionally with {@code ()}
     * @param k    results wanted, 1 to {@link #MAX_K}
     * @throws IllegalArgumentException for a name that is not an identifier or a k out of range
     */
    public List<SearchHit> findSymbol(String name, int k) {
        return findSymbol(name, k, null);
    }

    /**
     * As {@link #findSymbol(String, int)}, of one kind only.
     *
     * @param kind a chunk kind ({@code function}, {@code method}, {@code class}, … as chunks record it), or null for any
     * @throws IllegalArgumentException also for a kind that is not a word
     */
    public List<SearchHit> findSymbol(String name, int k, String kind) {
        String kindKey = null;
        if (kind != null && !kind.isBlank()) {
            kindKey = kind.strip().toLowerCase(Locale.ROOT);
            if (!kindKey.matches("[a-z_]{1,40}")) {
                throw new IllegalArgumentException("'" + kind + "' is not a kind: give one such as function, method,"
                        + " class, interface, struct, enum, type, module");
            }
        }
        String identifier = symbolName(name);
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be from 1 to " + MAX_K + ", got " + k);
        }
        // a qualified name is ordered by its path, and a short one may share its last part with many:
        // look at more definitions than asked for, so the best ones are among them
        List<SearchHit> hits = HitMerge.withoutTwins(HitMerge.collapse(
                definitions(identifier, Math.max(k, HitMerge.POOL), new SearchFilter(null, null, kindKey))));
        if (identifier.indexOf('.') > 0) {
            // a qualified name that something defines is answered by those definitions alone: nine other classes'
            // __init__ followed HTTPAdapter.__init__ (a trial); a name only its last part matches keeps them all
            String id = identifier.toLowerCase(Locale.ROOT);
            List<SearchHit> qualified = hits.stream().filter(h -> SymbolOrder.match(id, h) <= 1).toList();
            if (!qualified.isEmpty()) {
                hits = qualified;
            }
        }
        // a definition too long for one chunk is found through the windows fetched, which need not be all of
        // them: the hit is the definition, so it shows the whole of it (it showed 1-1155 of a 1-1202 function)
        return hits.subList(0, Math.min(k, hits.size())).stream()
                .map(h -> h.regionStart() <= h.startLine() && h.regionEnd() >= h.endLine()
                        ? h.withLines(h.regionStart(), h.regionEnd()) : h)
                .toList();
    }

    private List<SearchHit> definitions(String identifier, int fetch, SearchFilter filter) {
        return SymbolOrder.order(identifier, store.searchSymbol(identifier, fetch, filter));
    }

    /**
     * A request's language and path glob, checked: the store's filter (language, the glob's literal prefix)
     * and the glob itself, which the store cannot apply ({@code pattern} null when none was given).
     */
    record Scope(SearchFilter filter, PathMatcher glob, String pattern) {
        boolean admits(String path) {
            return glob == null || matches(glob, pattern, path);
        }
    }

    /**
     * @throws IllegalArgumentException for an unknown language or a malformed glob, with a message for the user
     */
    static Scope scope(String language, String pathGlob) {
        String languageId = language == null ? null : Languages.id(language);
        if (language != null && languageId == null) {
            throw new IllegalArgumentException("unknown language '" + language + "': the languages are "
                    + String.join(", ", Languages.IDS) + " (or a file extension: py, rs, ts)");
        }
        if (pathGlob != null) {
            pathGlob = pathGlob.strip();
            if (pathGlob.startsWith("./")) {
                pathGlob = pathGlob.substring(2);
            }
            if (pathGlob.endsWith("/")) { // a directory: everything under it (it matched nothing; a trial)
                pathGlob = pathGlob + "**";
            }
        }
        PathMatcher glob = pathGlob == null ? null : matcher(pathGlob);
        return new Scope(new SearchFilter(languageId, pathGlob == null ? null : literalPrefix(pathGlob)), glob, pathGlob);
    }

    /**
     * The dotted name {@code name} gives: Rust's and C++'s {@code Type::method}, Ruby's and Javadoc's
     * {@code Class#method} read as the index holds them ({@code Type.method}), a trailing {@code ()} dropped.
     *
     * @throws IllegalArgumentException for an empty name or words, with a message for the user
     */
    static String symbolName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the symbol name is empty");
        }
        String identifier = identifier(name.strip().replace("::", ".").replaceAll("(?<=\\w)#(?=\\w)", "."));
        if (identifier == null) {
            throw new IllegalArgumentException("'" + name + "' is not a symbol name: letters, digits, _ and $,"
                    + " optionally dotted (HashMap.resize, parse_args, email.utils.parseaddr)");
        }
        return identifier;
    }

    /**
     * Whether a query holds anything but whitespace, invisible format characters (a zero-width space)
     * and U+FFFD (what bytes that are not UTF-8 decode to): such a query would reach the store empty.
     */
    static boolean hasVisibleText(String q) {
        return q.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && Character.getType(c) != Character.FORMAT && c != 0xFFFD && !Character.isISOControl(c));
    }

    /** The identifier a query names ({@code parse_args()} names {@code parse_args}), or null for a sentence. */
    static String identifier(String q) {
        return dev.codeindex.api.SymbolRequest.name(q);
    }

    private static PathMatcher matcher(String glob) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (java.util.regex.PatternSyntaxException e) { // its pattern is the glob turned into a regex: not the user's
            throw new IllegalArgumentException("invalid path glob '" + glob + "': " + e.getDescription()
                    + "; a glob takes *, **, ?, [abc] and {a,b}, and \\ before a character to match it as it is", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid path glob '" + glob + "': " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code path} matches: a glob with a slash is matched against the whole path from the root, one
     * without against the file name at any depth too, as in .gitignore ({@code utils.py}, {@code *.py} found
     * nothing below the root's top directory; a trial).
     */
    static boolean matches(PathMatcher glob, String pattern, String path) {
        Path p = Path.of(path);
        return glob.matches(p) || (pattern.indexOf('/') < 0 && p.getFileName() != null && glob.matches(p.getFileName()));
    }

    /** The part of a glob before its first wildcard: the store filters on it (none for a bare file name). */
    static String literalPrefix(String glob) {
        if (glob.indexOf('/') < 0) {
            return null; // a file name at any depth: no prefix of the path
        }
        int wild = glob.length();
        for (char c : new char[] {'*', '?', '[', '{', '\\'}) {
            int i = glob.indexOf(c);
            if (i >= 0) {
                wild = Math.min(wild, i);
            }
        }
        return wild == 0 ? null : glob.substring(0, wild);
    }
}
