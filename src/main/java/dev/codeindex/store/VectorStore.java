package dev.codeindex.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where chunks and their vectors live and are searched.
 *
 * <p>Durability: writes become durable at {@link #commit()} (for Qdrant, each write waits for the
 * server). The indexer commits the store before the manifest, so the manifest is never ahead.
 *
 * <p>Threading: writes come from the indexing thread; {@link #search} may run concurrently with them.
 * Errors: {@link StoreUnavailableException} when the store cannot be reached or written.
 */
public interface VectorStore extends AutoCloseable {
    /**
     * Inserts or replaces points by id. A chunk whose {@code vector} is null is stored for symbol and
     * keyword search only (a first index's structural pass, before its embeddings land), and only in a
     * store that {@link #acceptsPointsWithoutVectors()}; upserting it again with its vector (same id)
     * makes it found by meaning too.
     *
     * @throws IllegalArgumentException for a chunk without a vector in a store that does not accept one
     */
    void upsert(List<StoredChunk> chunks);

    /**
     * Whether {@link #upsert} takes chunks without a vector, searched by symbol and keywords until
     * their vector is upserted. A store without keyword search has no use for them (Qdrant here).
     */
    default boolean acceptsPointsWithoutVectors() {
        return false;
    }

    void delete(Collection<String> ids);

    /** Removes every point of a path (a deleted file, or orphans found at start-up). */
    void deleteByPath(String path);

    /**
     * The {@code k} points nearest to {@code vector} that pass the filter, best first, each scored
     * {@code (1 + cosine) / 2} (0 to 1), whichever store.
     */
    List<SearchHit> search(float[] vector, int k, SearchFilter filter);

    /** The cosine of query and point that a {@link #search} hit's score stands for. */
    default double cosineOf(double score) {
        return 2 * score - 1;
    }

    /**
     * Points whose symbol is {@code identifier}: its full name ({@code HashMap.resize}) or its last
     * part ({@code resize}, {@code parse_args}), ignoring case; full-name matches first. A store may
     * also match dotted tails of the path-qualified name ({@code Node.next} in {@code HashMap.Node.next},
     * {@code utils.parseaddr} in {@code email/utils.py}; the embedded store does) after full names.
     */
    List<SearchHit> searchSymbol(String identifier, int k, SearchFilter filter);

    /**
     * Keyword search: the {@code k} points whose symbol and text best match the query's words
     * (BM25 or the store's equivalent), identifiers matched whole and by their parts
     * ({@code parse_args}, {@code parse}, {@code args}). A store without keyword search returns an
     * empty list, and search then ranks by vectors and symbols alone.
     */
    default List<SearchHit> searchText(String query, int k, SearchFilter filter) {
        return List.of();
    }

    /** What {@link #pathsMentioning} found: files in path order, and whether that is all of them. */
    record Mentions(List<String> paths, boolean complete) {}

    /**
     * The files of points whose text holds {@code identifier}, in path order: the candidates of a look-up of
     * where a name is used, a superset of the files that use it (the keyword index ignores case and holds the
     * words of longer identifiers too: {@code parse} is in {@code parse_args}). At most the files of
     * {@code maxPoints} points; {@code complete} is false when more points hold it. Null when the store has no
     * keyword index (callers then say they cannot look).
     */
    default Mentions pathsMentioning(String identifier, int maxPoints, SearchFilter filter) {
        return null;
    }

    /**
     * The points of one file, in line order: what the index holds for it. {@code text} may be cut to
     * what the store keeps of it (a snippet), and {@code vector} is null when the store cannot give it
     * back. A store that cannot list a file's points returns an empty list (callers then chunk the
     * file themselves).
     */
    default List<StoredChunk> chunksOf(String path) {
        return List.of();
    }

    long count();

    /**
     * False when no point holds a vector yet (a first index between its two phases): a meaning search
     * would find nothing, so callers need not embed the query. True when the store cannot tell.
     */
    default boolean holdsVectors() {
        return true;
    }

    /**
     * Which of {@code ids} the store holds. Start-up reconciliation asks this of the points the
     * manifest says are stored (docs/ARCHITECTURE.md, invariant 9). Stores that cannot (test decorators) are not
     * reconciled.
     *
     * @throws UnsupportedOperationException when the store cannot look points up
     */
    default Set<String> existing(Collection<String> ids) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot look points up");
    }

    /**
     * Hands every point to {@code page}, at most {@code pageSize} at a time, in the store's own order;
     * memory holds one page. {@code page} may delete the points it was given (the orphan sweep
     * does); points written meanwhile may or may not be listed.
     *
     * @throws UnsupportedOperationException when the store cannot list its points
     */
    default void forEachPoint(int pageSize, Consumer<List<PointRef>> page) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list its points");
    }

    void commit();

    @Override
    void close();
}
