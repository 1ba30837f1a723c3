package dev.codeindex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.store.SearchFilter;
import dev.codeindex.store.StoreUnavailableException;
import dev.codeindex.store.StoredChunk;
import dev.codeindex.store.VectorStore;
import dev.codeindex.store.VectorStoreContract;
import dev.codeindex.testing.FakeVectorStore.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake keeps the store contract, so what a test learns from it holds for the real stores. */
class FakeVectorStoreTest extends VectorStoreContract {
    private FakeVectorStore last;

    @Override
    protected VectorStore open() {
        last = last == null ? new FakeVectorStore() : last.reopen();
        return last;
    }

    private static StoredChunk point(String id, String path) {
        return new StoredChunk(id, path, 1, 2, "S" + id, "class", "java", "text", "h" + id, new float[] {1, 0});
    }

    @Test
    void a_store_that_is_down_refuses_every_operation_and_keeps_what_it_had() {
        FakeVectorStore s = new FakeVectorStore();
        s.upsert(List.of(point("a", "A.java")));
        s.commit();
        s.setDown(true);
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> s.upsert(List.of(point("b", "B.java"))));
        assertTrue(e.getMessage().contains(FakeVectorStore.ADDRESS), e.getMessage());
        assertThrows(StoreUnavailableException.class, () -> s.deleteByPath("A.java"));
        assertThrows(StoreUnavailableException.class, () -> s.search(new float[] {1, 0}, 1, SearchFilter.NONE));
        assertThrows(StoreUnavailableException.class, s::count);
        assertThrows(StoreUnavailableException.class, s::commit);
        s.setDown(false);
        assertEquals(1, s.count());
        assertEquals(2, s.calls(Op.UPSERT), "failed calls count too");
    }

    @Test
    void chosen_operations_fail_and_the_next_n_calls_fail_whatever_they_are() {
        FakeVectorStore s = new FakeVectorStore().failOn(Op.COMMIT);
        s.upsert(List.of(point("a", "A.java")));
        assertThrows(StoreUnavailableException.class, s::commit);
        s.failOn();
        s.failNext(2);
        assertThrows(StoreUnavailableException.class, s::count);
        assertThrows(StoreUnavailableException.class, s::commit);
        s.commit();
        assertEquals(1, s.count());
    }

    @Test
    void an_operation_fails_from_its_nth_call_on_and_the_others_go_on() {
        FakeVectorStore s = new FakeVectorStore().failFrom(Op.UPSERT, 2);
        s.upsert(List.of(point("a", "A.java")));
        assertThrows(StoreUnavailableException.class, () -> s.upsert(List.of(point("b", "B.java"))));
        assertThrows(StoreUnavailableException.class, () -> s.upsert(List.of(point("c", "C.java"))));
        s.commit();
        assertEquals(1, s.count());
        assertEquals(3, s.calls(Op.UPSERT));
    }

    @Test
    void a_reopened_store_has_only_what_was_committed() {
        FakeVectorStore s = new FakeVectorStore();
        s.upsert(List.of(point("a", "A.java")));
        s.commit();
        s.upsert(List.of(point("b", "B.java")));
        assertEquals(2, s.count());
        assertEquals(1, s.reopen().count(), "the uncommitted point is lost, as in a crash");
    }
}
