package dev.codeindex.testing;

import dev.codeindex.store.SearchHit;
import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.StoreUnavailableException;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import java.util.Collection;
import java.util.List;

/**
 * A real store behind an off switch: while {@link #setDown down}, every call but close throws
 * {@link StoreUnavailableException} naming {@link #ADDRESS}, as a store server that went away does;
 * switched back on, the real store answers with everything it held. For tests of what the pipeline
 * does during an outage, where the store itself must be real ({@link FakeVectorStore} is the
 * in-memory one).
 *
 * <p>Threading: as the wrapped store; the switch may be flipped from any thread.
 */
public final class SwitchableStore implements VectorStore {
    public static final String ADDRESS = "test://switchable";

    private final VectorStore real;
    private volatile boolean down;

    public SwitchableStore(VectorStore real) {
        this.real = real;
    }

    public SwitchableStore setDown(boolean isDown) {
        down = isDown;
        return this;
    }

    private void check() {
        if (down) {
            throw new StoreUnavailableException("store at " + ADDRESS + " is down", null);
        }
    }

    @Override public void upsert(List<StoredChunk> chunks) { check(); real.upsert(chunks); }
    @Override public void delete(Collection<String> ids) { check(); real.delete(ids); }
    @Override public void deleteByPath(String path) { check(); real.deleteByPath(path); }
    @Override public List<SearchHit> search(float[] v, int k, SearchFilter f) { check(); return real.search(v, k, f); }
    @Override public List<SearchHit> searchSymbol(String id, int k, SearchFilter f) { check(); return real.searchSymbol(id, k, f); }
    @Override public long count() { check(); return real.count(); }
    @Override public void commit() { check(); real.commit(); }
    @Override public void close() { real.close(); }
}
