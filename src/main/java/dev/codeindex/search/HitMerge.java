package dev.codeindex.search;

import dev.codeindex.chunk.Symbols;
import dev.codeindex.store.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the lists of the store's retrievers. Measured in bench/ (RESULTS.md, "Retrieval quality"):
 * rank fusion (RRF) of BM25 and vectors made sentence queries worse, as docs/LIBRARY-NOTES.md records; adding
 * a small share of the BM25 score to the vector score made them better, so that is what
 * {@link #fuse} does.
 */
final class HitMerge {
    /** Candidates each retriever contributes to {@link #fuse}, and the depth the vector scores are scaled over. */
    static final int POOL = 50;
    /** {@link #discountShort} discounts hits of code of at most this many lines ... */
    static final int SHORT_LINES = 2;
    /** ... and this many characters (a snippet holds all of a text this short). */
    static final int SHORT_CHARS = 150;
    /** What {@link #discountShort} takes off, on the scale of {@link #fuse} (vector score 0 to 1). */
    static final double SHORT_DISCOUNT = 0.3;

    private HitMerge() {}

    /**
     * Vector order, nudged by keywords: each hit scores its vector score min-max scaled over the top
     * {@link #POOL} vector hits (1 for the nearest, 0 for the 50th), plus {@code keywordWeight} times
     * its BM25 score over the best BM25 score of the query. A keyword hit the vectors did not return
     * starts from 0. Scaling makes the weight independent of the store's score range.
     */
    static List<SearchHit> fuse(List<SearchHit> vectorHits, List<SearchHit> keywordHits, double keywordWeight, int k) {
        Map<String, Double> score = new HashMap<>();
        Map<String, SearchHit> hits = new LinkedHashMap<>();
        if (!vectorHits.isEmpty()) {
            double top = vectorHits.get(0).score();
            double floor = vectorHits.get(Math.min(POOL, vectorHits.size()) - 1).score();
            double range = top - floor > 1e-9 ? top - floor : 1;
            for (SearchHit h : vectorHits) {
                if (hits.putIfAbsent(key(h), h) == null) {
                    score.put(key(h), (h.score() - floor) / range);
                }
            }
        }
        if (!keywordHits.isEmpty() && keywordHits.get(0).score() > 0) {
            double best = keywordHits.get(0).score();
            Map<String, Boolean> seen = new HashMap<>();
            for (SearchHit h : keywordHits) {
                if (seen.putIfAbsent(key(h), true) == null) {
                    hits.putIfAbsent(key(h), h);
                    score.merge(key(h), keywordWeight * h.score() / best, Double::sum);
                }
            }
        }
        List<String> order = new ArrayList<>(hits.keySet());
        // stable: equal scores keep vector order, then keyword order
        order.sort(Comparator.comparingDouble((String key) -> score.get(key)).reversed());
        List<SearchHit> out = new ArrayList<>(Math.min(k, order.size()));
        for (String key : order.subList(0, Math.min(k, order.size()))) {
            SearchHit h = hits.get(key);
            out.add(h.withScore(score.get(key)));
        }
        return out;
    }

    /** {@code first}, then the hits of {@code rest} it does not already hold, at most {@code k}. */
    static List<SearchHit> lead(List<SearchHit> first, List<SearchHit> rest, int k) {
        Map<String, SearchHit> out = new LinkedHashMap<>();
        for (SearchHit h : first) {
            out.putIfAbsent(key(h), h);
        }
        for (SearchHit h : rest) {
            out.putIfAbsent(key(h), h);
        }
        List<SearchHit> list = new ArrayList<>(out.values());
        return list.subList(0, Math.min(k, list.size()));
    }

    /**
     * One hit per region of a file: a hit whose lines overlap a better-ranked hit of the same file (another
     * window of the same long definition, a window sliding over the same text), or that is another window
     * of the same definition though the two do not overlap ({@link #sameDefinition}), is folded into it.
     * The better hit keeps its place, score, symbol and snippet and widens its range to the union of both;
     * a range that widens may meet further hits, which fold in too. Hits that only touch or lie apart
     * (two overloads, two sections) stay separate.
     */
    static List<SearchHit> collapse(List<SearchHit> ranked) {
        List<SearchHit> out = new ArrayList<>(ranked.size());
        for (SearchHit h : ranked) {
            int into = -1;
            for (int i = 0; i < out.size() && into < 0; i++) {
                if (folds(out.get(i), h)) {
                    into = i;
                }
            }
            if (into < 0) {
                out.add(h);
                continue;
            }
            SearchHit merged = union(out.get(into), h);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (int j = out.size() - 1; j > into; j--) {
                    if (folds(merged, out.get(j))) {
                        merged = union(merged, out.remove(j));
                        grew = true;
                    }
                }
            }
            out.set(into, merged);
        }
        return out;
    }

    /**
     * The hits without those that are {@link #twins} of a better-ranked one. For search and symbol look-ups; not
     * for similar code, whose copies are what it is asked for.
     */
    static List<SearchHit> withoutTwins(List<SearchHit> ranked) {
        List<SearchHit> out = new ArrayList<>(ranked.size());
        for (SearchHit h : ranked) {
            if (out.stream().noneMatch(kept -> twins(kept, h))) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Whether two hits are the same code in twin files of one directory, one name and another extension
     * ({@code index.d.ts} and {@code index.d.cts}, {@code util.js} and {@code util.mjs}): the same symbol, lines and
     * text. A package that ships its declarations or builds in two module formats answered each hit twice (a
     * trial); the better-ranked one stays.
     */
    static boolean twins(SearchHit a, SearchHit b) {
        return !a.path().equals(b.path()) && a.startLine() == b.startLine() && a.endLine() == b.endLine()
                && a.symbol().equals(b.symbol()) && a.snippet().equals(b.snippet()) && stem(a.path()).equals(stem(b.path()));
    }

    /** A path without the extensions of its file name: {@code types/index.d.cts} gives {@code types/index}. */
    private static String stem(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.indexOf('.', slash + 2); // a leading dot (.eslintrc.js) is the name's own
        return dot < 0 ? path : path.substring(0, dot);
    }

    private static boolean folds(SearchHit a, SearchHit b) {
        return overlap(a, b) || sameDefinition(a, b);
    }

    /**
     * Whether two hits are windows of one named definition: the same file, symbol and region. Two
     * overloads have a region each, so they stay apart; so do hits from a store that does not know regions
     * (each hit is then its own region).
     */
    static boolean sameDefinition(SearchHit a, SearchHit b) {
        return a.path().equals(b.path()) && !a.symbol().isEmpty() && a.symbol().equals(b.symbol())
                && a.regionStart() == b.regionStart() && a.regionEnd() == b.regionEnd();
    }

    /**
     * Sentence ranking, after {@link #collapse}: a hit of code that is short, at most {@link #SHORT_LINES}
     * lines and {@link #SHORT_CHARS} characters, scores {@link #SHORT_DISCOUNT} less, and the list is
     * sorted again (stably). Such a chunk (a class header without its body, a one-line wrapper that calls
     * the function the sentence describes, a lone assignment) says too little for its nearness to mean
     * much, and it outranked the definition it names. A line or two of prose, or a long line (minified
     * code, data), may say plenty: they are left alone. Measured on bench/retrieval5.sh (RESULTS.md,
     * "short hits"): tuning and held-out sentence MRR@10 up or unchanged in all six languages.
     */
    static List<SearchHit> discountShort(List<SearchHit> ranked) {
        List<SearchHit> out = new ArrayList<>(ranked.size());
        for (SearchHit h : ranked) {
            out.add(isShortCode(h) ? h.withScore(h.score() - SHORT_DISCOUNT) : h);
        }
        out.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return out;
    }

    /** Whether a hit is code of few lines and little text; its snippet is all of its text when that is short. */
    static boolean isShortCode(SearchHit h) {
        return h.endLine() - h.startLine() + 1 <= SHORT_LINES && h.snippet().length() <= SHORT_CHARS
                && !h.snippet().endsWith("…") && !Symbols.isProse(h.language());
    }

    /** Whether two hits are of the same file and share at least one line. */
    static boolean overlap(SearchHit a, SearchHit b) {
        return a.path().equals(b.path()) && a.startLine() <= b.endLine() && b.startLine() <= a.endLine();
    }

    private static SearchHit union(SearchHit best, SearchHit other) {
        return best.withLines(Math.min(best.startLine(), other.startLine()), Math.max(best.endLine(), other.endLine()));
    }

    private static String key(SearchHit h) {
        return h.path() + ":" + h.startLine() + "-" + h.endLine();
    }
}
