package dev.codeindex.testing;

import dev.codeindex.chunk.InnerDefinitions;
import dev.codeindex.chunk.Symbols;
import dev.codeindex.store.PointRef;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.SearchHit;
import dev.codeindex.store.StoreUnavailableException;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-memory {@link VectorStore} that passes the store contract, with knobs to make it go down.
 *
 * <p>Durability is modelled: writes are visible at once but durable only at {@link #commit()};
 * {@link #reopen()} gives a store over the committed points only, as a restart (or a crash) would.
 * Search is exact cosine nearness; symbols match by full name, then by last part (as the Qdrant store
 * does, without dotted tails); there is no keyword search.
 *
 * <p>Knobs: {@link #setDown} makes every call but {@link #close()} throw {@link StoreUnavailableException};
 * {@link #failOn} makes only some operations throw; {@link #failFrom} makes an operation throw from its
 * nth call on; {@link #failNext} fails the next n calls of any failable operation. Counters: {@link #calls(Op)}.
 *
 * <p>Threading: thread-safe (every call holds the store's monitor, except for the consumer of
 * {@link #forEachPoint}, which may write back).
 */
public final class FakeVectorStore implements VectorStore {
    /** What the knobs and counters name. */
    public enum Op { UPSERT, DELETE, SEARCH, COUNT, LIST, COMMIT }

    /** The address an unavailable fake names in its message, as a real store names its server. */
    public static final String ADDRESS = "test://fake-store";

    private static final double FULL_NAME_SCORE = 2.0;
    private static final double LAST_PART_SCORE = 1.0;

    /** Committed points, shared with the stores {@link #reopen()} makes. */
    private final Map<String, StoredChunk> durable;
    private final TreeMap<String, StoredChunk> points;
    private final Map<Op, AtomicInteger> calls = new EnumMap<>(Op.class);
    private final Set<Op> failing = EnumSet.noneOf(Op.class);
    private final Map<Op, Integer> failFrom = new EnumMap<>(Op.class);
    private int failNext;
    private volatile boolean down;

    public FakeVectorStore() {
        this(new TreeMap<>());
    }

    private FakeVectorStore(Map<String, StoredChunk> durable) {
        this.durable = durable;
        synchronized (durable) {
            this.points = new TreeMap<>(durable);
        }
        for (Op op : Op.values()) {
            calls.put(op, new AtomicInteger());
        }
    }

    /** A new store over what this one committed; uncommitted writes are lost, knobs and counters start afresh. */
    public FakeVectorStore reopen() {
        return new FakeVectorStore(durable);
    }

    // --- knobs ---

    /** While down, every operation throws {@link StoreUnavailableException} and changes nothing. */
    public FakeVectorStore setDown(boolean down) {
        this.down = down;
        return this;
    }

    /** Only these operations throw (until called again; no argument heals them all). */
    public synchronized FakeVectorStore failOn(Op... ops) {
        failing.clear();
        failing.addAll(List.of(ops));
        return this;
    }

    /** Calls of {@code op} from the {@code call}th on (counting from 1) throw; other operations succeed. */
    public synchronized FakeVectorStore failFrom(Op op, int call) {
        failFrom.put(op, call);
        return this;
    }

    /** The next {@code n} operations of any kind throw; those after them succeed. */
    public synchronized FakeVectorStore failNext(int n) {
        failNext = n;
        return this;
    }

    /** Calls of {@code op} so far, failed ones included. */
    public int calls(Op op) {
        return calls.get(op).get();
    }

    private synchronized void enter(Op op) {
        int call = calls.get(op).incrementAndGet();
        boolean fail = down || failing.contains(op) || call >= failFrom.getOrDefault(op, Integer.MAX_VALUE);
        if (!fail && failNext > 0) {
            failNext--;
            fail = true;
        }
        if (fail) {
            String what = op.name().toLowerCase(Locale.ROOT);
            throw new StoreUnavailableException("store at " + ADDRESS + " is down (" + what + ")", null);
        }
    }

    // --- VectorStore ---

    @Override
    public synchronized void upsert(List<StoredChunk> chunks) {
        enter(Op.UPSERT);
        for (StoredChunk c : chunks) {
            points.put(c.id(), c);
        }
    }

    @Override
    public synchronized void delete(Collection<String> ids) {
        enter(Op.DELETE);
        ids.forEach(points::remove);
    }

    @Override
    public synchronized void deleteByPath(String path) {
        enter(Op.DELETE);
        points.values().removeIf(c -> c.path().equals(path));
    }

    @Override
    public synchronized List<SearchHit> search(float[] vector, int k, SearchFilter filter) {
        enter(Op.SEARCH);
        record Scored(StoredChunk chunk, double score) {}
        List<Scored> scored = new ArrayList<>();
        for (StoredChunk c : points.values()) {
            if (passes(c, filter)) {
                scored.add(new Scored(c, cosine(vector, c.vector())));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return scored.stream().limit(k).map(s -> hit(s.chunk(), s.score())).toList();
    }

    @Override
    public synchronized List<SearchHit> searchSymbol(String identifier, int k, SearchFilter filter) {
        enter(Op.SEARCH);
        String full = identifier.toLowerCase(Locale.ROOT);
        String last = Symbols.lastPart(full);
        List<SearchHit> exact = new ArrayList<>();
        List<SearchHit> byLast = new ArrayList<>();
        List<SearchHit> inside = new ArrayList<>();
        for (StoredChunk c : points.values()) {
            String symbol = c.symbol().toLowerCase(Locale.ROOT);
            if (!passes(c, filter)) {
                continue;
            }
            if (symbol.equals(full)) {
                exact.add(hit(c, FULL_NAME_SCORE));
            } else if (Symbols.lastPart(symbol).equals(last)) {
                byLast.add(hit(c, LAST_PART_SCORE));
            } else if (InnerDefinitions.mayName(full)
                    && InnerDefinitions.of(c.language(), c.text(), c.symbol()).contains(full)) {
                inside.add(hit(c, LAST_PART_SCORE / 2));
            }
        }
        exact.addAll(byLast);
        exact.addAll(inside);
        return List.copyOf(exact.subList(0, Math.min(k, exact.size())));
    }

    /** The points of {@code path} as they were upserted (whole text, vector), in line order. */
    @Override
    public synchronized List<StoredChunk> chunksOf(String path) {
        enter(Op.SEARCH);
        return points.values().stream().filter(c -> c.path().equals(path))
                .sorted(Comparator.comparingInt(StoredChunk::startLine).thenComparingInt(StoredChunk::endLine)).toList();
    }

    @Override
    public synchronized long count() {
        enter(Op.COUNT);
        return points.size();
    }

    @Override
    public synchronized Set<String> existing(Collection<String> ids) {
        enter(Op.LIST);
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            if (points.containsKey(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Pages in id order; each page is read after the one before was handed out, so deletes meanwhile skip nothing. */
    @Override
    public void forEachPoint(int pageSize, Consumer<List<PointRef>> page) {
        enter(Op.LIST);
        String after = null;
        while (true) {
            List<PointRef> refs = new ArrayList<>(pageSize);
            synchronized (this) {
                Map<String, StoredChunk> rest = after == null ? points : points.tailMap(after, false);
                for (StoredChunk c : rest.values()) {
                    if (refs.size() == pageSize) {
                        break;
                    }
                    refs.add(new PointRef(c.id(), c.path()));
                }
            }
            if (refs.isEmpty()) {
                return;
            }
            page.accept(refs);
            after = refs.get(refs.size() - 1).id();
        }
    }

    @Override
    public synchronized void commit() {
        enter(Op.COMMIT);
        synchronized (durable) {
            durable.clear();
            durable.putAll(points);
        }
    }

    /** Closing never fails and keeps nothing uncommitted for {@link #reopen()}. */
    @Override
    public void close() {}

    private static boolean passes(StoredChunk c, SearchFilter f) {
        return (f.language() == null || f.language().equals(c.language()))
                && (f.pathPrefix() == null || c.path().startsWith(f.pathPrefix()))
                && (f.kind() == null || f.kind().equals(c.kind()));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static SearchHit hit(StoredChunk c, double score) {
        return new SearchHit(c.path(), c.startLine(), c.endLine(), c.symbol(), c.language(), score, c.text(),
                c.regionStart(), c.regionEnd());
    }
}
