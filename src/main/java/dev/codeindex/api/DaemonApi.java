package dev.codeindex.api;

/**
 * Everything the outside asks of a running daemon: the HTTP server, the CLI and agents talk to a
 * daemon through this interface and its records only, never through the classes that do the work.
 *
 * <p>Threading: every method may be called from any thread, concurrently. Only {@link #sync} blocks,
 * and never longer than its timeout.
 *
 * <p>Errors: a request the caller got wrong throws {@link IllegalArgumentException} with a message
 * for the user (HTTP 400); a request this daemon cannot serve as configured (search in an offline
 * daemon) throws {@link IllegalStateException} (HTTP 409).
 */
public interface DaemonApi {
    /** One consistent snapshot: each root's status is read once. */
    DaemonStatus status();

    /** The ranked hits for a query, over every root or the one the request names. */
    SearchAnswer search(SearchRequest request);

    /**
     * The definitions of a name, over every root or the one the request names: the symbol itself first,
     * then symbols it is the dotted tail of, then symbols sharing its last part, then definitions that
     * declare it inside their body. Errors as for search.
     */
    SearchAnswer findSymbol(SymbolRequest request);

    /**
     * The definition (method, function, class) that encloses a line of a file, with its code. Errors:
     * a path outside the root, an excluded or missing file, or a line past its end throw
     * {@link IllegalArgumentException}.
     */
    ContextAnswer context(ContextRequest request);

    /**
     * The chunks nearest in meaning to the chunk at a file's line, or to a snippet, best first; the
     * source chunk and whatever overlaps its lines are left out. Errors as for {@link #context}, and
     * {@link IllegalStateException} when there is no semantic index (offline).
     */
    SimilarAnswer similar(SimilarRequest request);

    /**
     * The lines that use a name (as a whole identifier, by name only: of any type), with the definition each
     * sits in, file by file (source first, then docs, vendored code and tests, each in path order), over every root or the one the request names. Errors: a name
     * that is not one, a bad k, language or glob throw {@link IllegalArgumentException}.
     */
    ReferencesAnswer references(ReferencesRequest request);

    /**
     * Waits until everything written to the watched trees before this call is in the index.
     *
     * @return false when that did not happen within {@code timeoutMillis}
     * @throws IllegalStateException at once when indexing is paused ({@link #pauseIndexing})
     */
    boolean sync(long timeoutMillis) throws InterruptedException;

    /**
     * Pauses indexing in every root and returns at once: each pass in flight stops at its next batch
     * boundary, no other starts, the watchers keep collecting changes; status says {@code paused}.
     * Search still answers. Idempotent.
     *
     * @throws IllegalStateException when nothing indexes here (no running daemon)
     */
    void pauseIndexing();

    /** Goes on after {@link #pauseIndexing}: what changed meanwhile is applied. Idempotent; errors as pause. */
    void resumeIndexing();

    /**
     * Schedules a pass and returns at once: a full rescan of every root (or of {@code root} only) when
     * {@code path} is null; else a pass over that path, relative to the root.
     *
     * @param root the watched root's absolute path, or null for every root
     * @param path a path relative to the root ({@code ..} may not leave it), or null
     */
    ReindexAnswer reindex(String root, String path);
}
