package dev.codeindex.testing;

import dev.codeindex.manifest.Checkpoint;
import dev.codeindex.manifest.EntryHeader;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.PendingFile;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Manifest} that passes every call to a real one, with hooks a test sets to see or steer
 * calls: to stall a worker at a chosen read, to note what a commit made durable, or to fail a commit.
 *
 * <p>Hooks run on the calling thread (the indexing thread or a worker) and may throw: what a
 * {@code before} hook throws is the call's failure, and the real manifest is not called. Checked
 * exceptions thrown by a hook are rethrown wrapped in {@link IllegalStateException}.
 *
 * <p>Knobs: {@link #beforeAnyCall}, {@link #beforeGet}, {@link #beforeGonePathsWithHash},
 * {@link #afterPut}, {@link #beforeCommit}, {@link #afterCommit}, and {@link #failCommit} (the n-th
 * commit throws before reaching the real manifest, so nothing of it becomes durable).
 *
 * <p>Threading: as thread-safe as the real manifest; hooks are set before the code under test runs.
 */
public final class InterceptingManifest implements Manifest {
    /** A hook on one call; {@code arg} is the call's main argument. */
    @FunctionalInterface
    public interface Hook<T> {
        void on(T arg) throws Exception;
    }

    /** A hook on a call with two arguments. */
    @FunctionalInterface
    public interface Hook2<A, B> {
        void on(A a, B b) throws Exception;
    }

    private final Manifest real;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private volatile Hook<String> beforeAnyCall = call -> { };
    private volatile Hook<String> beforeGet = path -> { };
    private volatile Hook<String> beforeGonePathsWithHash = hash -> { };
    private volatile Hook2<String, ManifestEntry> afterPut = (path, entry) -> { };
    private volatile Hook<Integer> beforeCommit = n -> { };
    private volatile Hook<Integer> afterCommit = n -> { };
    private volatile int failCommit;

    public InterceptingManifest(Manifest real) {
        this.real = real;
    }

    // --- hooks ---

    /** Before every call, with the name of the interface method called (for recording, not for choosing). */
    public InterceptingManifest beforeAnyCall(Hook<String> hook) {
        this.beforeAnyCall = hook;
        return this;
    }

    /** Before {@link #get}, with the path read. */
    public InterceptingManifest beforeGet(Hook<String> hook) {
        this.beforeGet = hook;
        return this;
    }

    /** Before {@link #gonePathsWithHash} (how a worker looks for where a new file was moved from), with the hash. */
    public InterceptingManifest beforeGonePathsWithHash(Hook<String> hook) {
        this.beforeGonePathsWithHash = hook;
        return this;
    }

    /** After {@link #put} reached the real manifest, with the path and entry written. */
    public InterceptingManifest afterPut(Hook2<String, ManifestEntry> hook) {
        this.afterPut = hook;
        return this;
    }

    /** Before each {@link #commit}, with its number: 1 for the first through this wrapper, failed ones counted. */
    public InterceptingManifest beforeCommit(Hook<Integer> hook) {
        this.beforeCommit = hook;
        return this;
    }

    /** After each {@link #commit} that succeeded, with its number as {@link #beforeCommit} counts. */
    public InterceptingManifest afterCommit(Hook<Integer> hook) {
        this.afterCommit = hook;
        return this;
    }

    /** The {@code n}-th commit called (from 1) throws {@link IllegalStateException}, commits nothing; 0: none. */
    public InterceptingManifest failCommit(int n) {
        this.failCommit = n;
        return this;
    }

    /** Commits that reached the real manifest. */
    public int commits() {
        return commits.get();
    }

    private static <T> void run(Hook<T> hook, T arg) {
        try {
            hook.on(arg);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void call(String name) {
        run(beforeAnyCall, name);
    }

    // --- Manifest: intercepted ---

    @Override
    public Optional<ManifestEntry> get(String relPath) {
        call("get");
        run(beforeGet, relPath);
        return real.get(relPath);
    }

    @Override
    public void put(String relPath, ManifestEntry entry) {
        call("put");
        real.put(relPath, entry);
        Hook2<String, ManifestEntry> hook = afterPut;
        run(e -> hook.on(relPath, e), entry);
    }

    @Override
    public List<String> gonePathsWithHash(String hash, int max) {
        call("gonePathsWithHash");
        run(beforeGonePathsWithHash, hash);
        return real.gonePathsWithHash(hash, max);
    }

    @Override
    public void commit() {
        call("commit");
        int n = attempts.incrementAndGet();
        run(beforeCommit, n);
        if (n == failCommit) {
            throw new IllegalStateException("commit " + n + " fails, as the test asked");
        }
        real.commit();
        commits.incrementAndGet();
        run(afterCommit, n);
    }

    // --- Manifest: passed through ---

    @Override
    public void remove(String relPath) {
        call("remove");
        real.remove(relPath);
    }

    @Override
    public Iterator<Map.Entry<String, ManifestEntry>> entries() {
        call("entries");
        return real.entries();
    }

    @Override
    public Iterator<EntryHeader> headers() {
        call("headers");
        return real.headers();
    }

    @Override
    public Iterator<EntryHeader> headersUnder(String relPath) {
        call("headersUnder");
        return real.headersUnder(relPath);
    }

    @Override
    public long size() {
        call("size");
        return real.size();
    }

    @Override
    public List<String> pathsWithHash(String hash, int max) {
        call("pathsWithHash");
        return real.pathsWithHash(hash, max);
    }

    @Override
    public void addPending(PendingFile file) {
        call("addPending");
        real.addPending(file);
    }

    @Override
    public void removePending(String relPath) {
        call("removePending");
        real.removePending(relPath);
    }

    @Override
    public List<PendingFile> pendingAfter(String afterPath, int max) {
        call("pendingAfter");
        return real.pendingAfter(afterPath, max);
    }

    @Override
    public long pendingCount() {
        call("pendingCount");
        return real.pendingCount();
    }

    @Override
    public void markGone(String relPath, String hash) {
        call("markGone");
        real.markGone(relPath, hash);
    }

    @Override
    public boolean isGone(String relPath) {
        call("isGone");
        return real.isGone(relPath);
    }

    @Override
    public void unmarkGone(String relPath) {
        call("unmarkGone");
        real.unmarkGone(relPath);
    }

    @Override
    public List<String> gone(int max) {
        call("gone");
        return real.gone(max);
    }

    @Override
    public long goneCount() {
        call("goneCount");
        return real.goneCount();
    }

    @Override
    public void clearWork() {
        call("clearWork");
        real.clearWork();
    }

    @Override
    public void queueVectors(String key, String relPath) {
        call("queueVectors");
        real.queueVectors(key, relPath);
    }

    @Override
    public void unqueueVectors(String key) {
        call("unqueueVectors");
        real.unqueueVectors(key);
    }

    @Override
    public List<Map.Entry<String, String>> vectorQueueAfter(String afterKey, int max) {
        call("vectorQueueAfter");
        return real.vectorQueueAfter(afterKey, max);
    }

    @Override
    public long vectorQueueSize() {
        call("vectorQueueSize");
        return real.vectorQueueSize();
    }

    @Override
    public Map<String, Long> totals() {
        call("totals");
        return real.totals();
    }

    @Override
    public void addTotal(String key, long delta) {
        call("addTotal");
        real.addTotal(key, delta);
    }

    @Override
    public Optional<float[]> cachedVector(String modelId, String chunkHash, int dimension) {
        call("cachedVector");
        return real.cachedVector(modelId, chunkHash, dimension);
    }

    @Override
    public void cacheVector(String modelId, String chunkHash, float[] vector) {
        call("cacheVector");
        real.cacheVector(modelId, chunkHash, vector);
    }

    @Override
    public Checkpoint checkpoint() {
        call("checkpoint");
        return real.checkpoint();
    }

    @Override
    public void saveCheckpoint(Checkpoint checkpoint) {
        call("saveCheckpoint");
        real.saveCheckpoint(checkpoint);
    }

    @Override
    public Optional<String> meta(String key) {
        call("meta");
        return real.meta(key);
    }

    @Override
    public void putMeta(String key, String value) {
        call("putMeta");
        real.putMeta(key, value);
    }

    @Override
    public void rollback() {
        call("rollback");
        real.rollback();
    }

    /** Closes the real manifest. */
    @Override
    public void close() {
        call("close");
        real.close();
    }
}
