package dev.codeindex.cli;

import dev.codeindex.api.ContextAnswer;
import dev.codeindex.api.Coverage;
import dev.codeindex.api.ContextRequest;
import dev.codeindex.api.DaemonApi;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.ReferencesAnswer;
import dev.codeindex.api.ReferencesRequest;
import dev.codeindex.api.ReindexAnswer;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.SearchAnswer;
import dev.codeindex.api.SearchRequest;
import dev.codeindex.api.SearchResult;
import dev.codeindex.api.SimilarAnswer;
import dev.codeindex.api.SimilarRequest;
import dev.codeindex.api.SymbolRequest;
import dev.codeindex.search.CodeLookup;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roots {@code codeindex mcp} serves, as one {@link DaemonApi}: each root answered by its own
 * {@link RootSource} (a watch daemon or the index on disk). A request that names a root goes to it;
 * one that does not goes to every root (search, symbols, a snippet's similar code: hits merged by
 * score, each naming its root) or to the root that holds its path.
 *
 * <p>When several roots are asked and some fail (one not indexed yet), the others' hits are the
 * answer and {@code index_status} shows what is wrong with the failing one; when all fail, the first
 * failure is the answer.
 *
 * <p>Threading: any thread.
 */
final class ServedRoots implements DaemonApi, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServedRoots.class);

    private final Map<String, RootSource> sources = new LinkedHashMap<>();
    private final long startedAt = System.currentTimeMillis();

    ServedRoots(List<RootSource> roots) {
        for (RootSource s : roots) {
            sources.putIfAbsent(s.root().toString(), s);
        }
    }

    List<String> roots() {
        return List.copyOf(sources.keySet());
    }

    /** Where the answers for {@code root} come from, for people; null for a root not served. */
    String sourceOf(String root) {
        RootSource s = sources.get(root);
        return s == null ? null : s.source();
    }

    @Override
    public DaemonStatus status() {
        List<RootStatus> each = new ArrayList<>();
        for (RootSource s : sources.values()) {
            String root = s.root().toString();
            s.status().roots().stream().filter(r -> r.root().equals(root)).findFirst().ifPresent(each::add);
        }
        Runtime rt = Runtime.getRuntime();
        return new DaemonStatus(RootState.overall(each.stream().map(RootStatus::state).toList()), Version.get(),
                System.currentTimeMillis() - startedAt, startedAt, rt.totalMemory() - rt.freeMemory(), rt.maxMemory(), each);
    }

    @Override
    public SearchAnswer search(SearchRequest r) {
        return over(r.root(), r.k(), (api, root) -> api.search(
                new SearchRequest(r.query(), r.k(), r.language(), r.pathGlob(), root)));
    }

    @Override
    public SearchAnswer findSymbol(SymbolRequest r) {
        return over(r.root(), r.k(), (api, root) -> api.findSymbol(new SymbolRequest(r.name(), r.k(), root, r.kind())));
    }

    /** Each selected root's references in turn, at most k in all; a root that cannot answer is noted. */
    @Override
    public ReferencesAnswer references(ReferencesRequest r) {
        List<RootSource> selected = r.root() != null ? List.of(served(r.root())) : List.copyOf(sources.values());
        if (selected.size() == 1) {
            RootSource s = selected.get(0);
            return s.references(new ReferencesRequest(r.name(), r.k(), r.language(), r.pathGlob(), s.root().toString()));
        }
        List<String> notes = new ArrayList<>(); // the roots' notes and askOrNote's, in the order the roots are asked
        ReferencesAnswer.Merged merged = new ReferencesAnswer.Merged(CodeLookup.referenceName(r.name()), r.k(), notes);
        List<RuntimeException> failures = new ArrayList<>();
        for (RootSource s : selected) {
            int room = merged.room(s.root().toString());
            if (room <= 0) {
                continue;
            }
            ReferencesAnswer a = askOrNote(s, x -> x.references(new ReferencesRequest(r.name(), room,
                    r.language(), r.pathGlob(), x.root().toString())), notes, failures);
            if (a == null) {
                merged.missing();
                continue;
            }
            merged.add(a);
        }
        if (!merged.answered()) {
            throw failures.get(0);
        }
        return merged.answer();
    }

    @Override
    public ContextAnswer context(ContextRequest r) {
        RootSource s = rootFor(r.root(), r.path());
        return s.context(new ContextRequest(r.path(), r.line(), s.root().toString()));
    }

    @Override
    public SimilarAnswer similar(SimilarRequest r) {
        if (r.code() == null || r.root() != null || sources.size() == 1) {
            RootSource s = r.code() != null ? served(r.root() != null ? r.root() : roots().get(0)) : rootFor(r.root(), r.path());
            return s.similar(new SimilarRequest(r.path(), r.line(), r.code(), r.k(), s.root().toString()));
        }
        SearchAnswer hits = over(null, r.k(), (api, root) -> {
            return api.similar(new SimilarRequest(null, 0, r.code(), r.k(), root)).hits();
        });
        return SimilarAnswer.ofSnippet(hits);
    }

    @Override
    public void pauseIndexing() {
        for (RootSource s : sources.values()) {
            s.pauseIndexing();
        }
    }

    @Override
    public void resumeIndexing() {
        for (RootSource s : sources.values()) {
            s.resumeIndexing();
        }
    }

    @Override
    public boolean sync(long timeoutMillis) throws InterruptedException {
        boolean all = true;
        for (RootSource s : sources.values()) {
            all &= s.sync(timeoutMillis);
        }
        return all;
    }

    @Override
    public ReindexAnswer reindex(String root, String path) {
        if (root != null || sources.size() == 1) {
            RootSource s = served(root != null ? root : roots().get(0));
            return s.reindex(s.root().toString(), path);
        }
        if (path != null) {
            throw new IllegalArgumentException("this server serves " + sources.size() + " roots " + roots()
                    + ": say which with `root`");
        }
        List<String> done = new ArrayList<>();
        for (RootSource s : sources.values()) {
            done.addAll(s.reindex(s.root().toString(), null).roots());
        }
        return new ReindexAnswer(true, null, done);
    }

    /** The {@code index} tool for one served root. */
    dev.codeindex.mcp.McpTools.IndexStart index(String root) {
        return served(root).index();
    }

    /** Asks each selected root, merges the hits by score and keeps the best {@code k}. */
    private SearchAnswer over(String root, int k, BiFunction<DaemonApi, String, SearchAnswer> ask) {
        List<RootSource> selected = root != null ? List.of(served(root)) : List.copyOf(sources.values());
        if (selected.size() == 1) {
            RootSource s = selected.get(0);
            return ask.apply(s, s.root().toString());
        }
        List<SearchResult> hits = new ArrayList<>();
        long pending = 0;
        Coverage coverage = null;
        boolean coverageKnown = true;
        List<RuntimeException> failures = new ArrayList<>();
        int answered = 0;
        List<String> notes = new ArrayList<>();
        for (RootSource s : selected) {
            SearchAnswer a = askOrNote(s, x -> ask.apply(x, x.root().toString()), notes, failures);
            if (a == null) {
                continue;
            }
            answered++;
            notes.addAll(a.notes());
            hits.addAll(a.results());
            pending = pending < 0 || a.pending() < 0 ? -1 : pending + a.pending();
            coverageKnown &= a.coverage() != null;
            coverage = a.coverage() == null ? coverage : coverage == null ? a.coverage() : coverage.plus(a.coverage());
        }
        if (answered == 0) {
            throw failures.get(0);
        }
        hits.sort(Comparator.comparingDouble(SearchResult::score).reversed());
        // a root that did not say (an older daemon) leaves the sum unknown rather than too small
        return new SearchAnswer(hits.subList(0, Math.min(k, hits.size())), pending,
                coverageKnown ? coverage : null, notes);
    }

    /**
     * One root's answer, or null when it cannot answer: then a note says so (an agent would read "nothing
     * defines X" as true of every root) and the failure is kept. A request wrong for one root is wrong for
     * all: it is thrown.
     */
    private static <T> T askOrNote(RootSource s, java.util.function.Function<RootSource, T> ask, List<String> notes,
                                   List<RuntimeException> failures) {
        try {
            return ask.apply(s);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("mcp: {} cannot answer: {}", s.root(), e.getMessage());
            failures.add(e);
            notes.add(SearchAnswer.notSearched(s.root(), e));
            return null;
        }
    }

    private RootSource served(String root) {
        RootSource s = sources.get(root);
        if (s == null) {
            throw new IllegalArgumentException("this server serves " + roots() + ", not " + root);
        }
        return s;
    }

    /** The root named, else the only one, else the deepest that holds an absolute path. */
    private RootSource rootFor(String root, String path) {
        if (root != null) {
            return served(root);
        }
        if (sources.size() == 1) {
            return sources.values().iterator().next();
        }
        Path p = null;
        try {
            p = path == null ? null : Path.of(path);
        } catch (InvalidPathException e) {
            // not a path: asked below
        }
        if (p != null && p.isAbsolute()) {
            Path abs = p.normalize();
            return sources.values().stream().filter(s -> abs.startsWith(s.root()))
                    .max(Comparator.comparingInt(s -> s.root().getNameCount()))
                    .orElseThrow(() -> new IllegalArgumentException("path '" + path + "' lies outside every root"
                            + " served here: " + roots()));
        }
        if (p != null) {
            // a relative path that names a file in one root only: that root (as a daemon of several roots does; it
            // was refused though only one root held the file, a trial)
            Path rel = p;
            List<RootSource> holding = sources.values().stream()
                    .filter(s -> java.nio.file.Files.isRegularFile(s.root().resolve(rel))).toList();
            if (holding.size() == 1) {
                return holding.get(0);
            }
            if (holding.size() > 1) {
                throw new IllegalArgumentException("this server serves " + sources.size() + " roots " + roots() + " and "
                        + holding.size() + " of them hold " + path + ": give an absolute path, or say which root with"
                        + " `root`");
            }
        }
        throw new IllegalArgumentException("this server serves " + sources.size() + " roots " + roots()
                + " and none of them holds " + path + ": give an absolute path, or say which root with `root`");
    }

    @Override
    public void close() {
        sources.values().forEach(RootSource::close);
    }
}
