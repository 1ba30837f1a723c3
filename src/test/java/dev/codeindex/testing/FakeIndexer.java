package dev.codeindex.testing;

import dev.codeindex.index.IndexState;
import dev.codeindex.index.IndexSummary;
import dev.codeindex.index.Indexer;
import dev.codeindex.index.ProgressListener;
import dev.codeindex.manifest.Checkpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * An {@link Indexer} that indexes nothing but remembers every pass it was asked for, with knobs to
 * fail passes the way a store or embedder outage does. Each pass "indexes" the paths it is given
 * (or {@link #filesPerRescan} files for a full pass), so status counts move as they would.
 *
 * <p>Threading: passes come from the root's thread; knobs and reads may come from the test's.
 */
public final class FakeIndexer implements Indexer {
    /**
     * One pass as the daemon asked for it: the paths, or null for a full pass, and whether files with an
     * unchanged stat were to be read and compared.
     */
    public record Pass(Set<String> paths, boolean compareContent) {
        public boolean full() {
            return paths == null;
        }
    }

    private final List<Pass> passes = new ArrayList<>();
    private final Map<String, Long> totals = new TreeMap<>();
    private RuntimeException failure;
    private int failuresLeft;
    private long pending;
    private volatile long filesPerRescan = 1;
    private volatile Runnable beforePass = () -> {};

    /** Runs at the start of every pass, on the pass's thread: to see what the daemon had done by then. */
    public FakeIndexer beforePass(Runnable hook) {
        beforePass = hook;
        return this;
    }

    /** The next {@code n} passes throw {@code e} (e.g. a StoreUnavailableException). */
    public synchronized FakeIndexer failNext(int n, RuntimeException e) {
        failuresLeft = n;
        failure = e;
        return this;
    }

    /** Every pass throws {@code e} until {@link #recover()}. */
    public synchronized FakeIndexer failAlways(RuntimeException e) {
        return failNext(Integer.MAX_VALUE, e);
    }

    public synchronized FakeIndexer recover() {
        failuresLeft = 0;
        failure = null;
        return this;
    }

    /** What {@link #state()} reports as pending work. */
    public synchronized FakeIndexer pending(long files) {
        pending = files;
        return this;
    }

    public synchronized List<Pass> passes() {
        return List.copyOf(passes);
    }

    public synchronized long fullPasses() {
        return passes.stream().filter(Pass::full).count();
    }

    @Override
    public IndexSummary pass(Collection<String> paths, ProgressListener progress, BooleanSupplier stop)
            throws IOException, InterruptedException {
        return pass(paths, false, progress, stop, () -> false);
    }

    @Override
    public synchronized IndexSummary pass(Collection<String> paths, boolean compareContent, ProgressListener progress,
                                          BooleanSupplier stop, BooleanSupplier giveWay)
            throws IOException, InterruptedException {
        beforePass.run();
        passes.add(new Pass(paths == null ? null : new TreeSet<>(paths), compareContent));
        progress.phase("scan", -1);
        if (failuresLeft > 0) {
            failuresLeft--;
            throw failure;
        }
        long indexed = paths == null ? filesPerRescan : paths.size();
        totals.merge("files", indexed, Long::sum);
        return summary(indexed);
    }

    @Override
    public synchronized IndexState state() {
        return new IndexState(new TreeMap<>(totals), pending, Checkpoint.NONE);
    }

    /** A summary of a pass that indexed {@code indexed} files and nothing else. */
    public static IndexSummary summary(long indexed) {
        return new IndexSummary("fake", true, indexed, indexed, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0,
                indexed, 0, 0, 0, false, false, 1, Map.of());
    }
}
