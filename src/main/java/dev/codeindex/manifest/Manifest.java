package dev.codeindex.manifest;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable truth of what is indexed for one root, plus the work list of the current pass.
 *
 * <p>Writes are grouped in one transaction and become durable only at {@link #commit()}; a crash
 * loses exactly the uncommitted writes. Callers commit once the store has accepted a batch.
 *
 * <p>Threading: one writer. Every write, {@link #commit()}, {@link #rollback()} and {@link #close()}
 * comes from one thread, the indexing thread of the pass (an index run, or a watched root's pass
 * thread). During a pass two kinds of reader run alongside it, and an implementation must make
 * their reads safe while the writer writes and commits:
 *
 * <ul>
 *   <li>the run's worker threads call {@link #get}, {@link #pathsWithHash} and {@link
 *       #gonePathsWithHash} (move and copy detection for the batch they chunk) while the indexing
 *       thread stores and commits the batch before;
 *   <li>the full scan reads the iterator of {@link #headers()} on a prefetch thread of its own while
 *       the indexing thread adds pending files and marks paths gone.
 * </ul>
 *
 * <p>A reader may see the writer's uncommitted changes, which both allow for: a worker checks the
 * entry it would reuse again when it reads it, and the scan writes only the work list, never the
 * heads it reads. Any other method, and any other concurrent use, is the indexing thread's alone.
 */
public interface Manifest extends AutoCloseable {
    Optional<ManifestEntry> get(String relPath);

    void put(String relPath, ManifestEntry entry);

    void remove(String relPath);

    /** Entries in increasing {@code String.compareTo} order of path. */
    Iterator<Map.Entry<String, ManifestEntry>> entries();

    /** The heads of all entries (what a scan compares) in path order, without decoding chunk lists. */
    Iterator<EntryHeader> headers();

    /** The head of the entry at {@code relPath}, then those under {@code relPath + "/"}, in path order. */
    Iterator<EntryHeader> headersUnder(String relPath);

    long size();

    /** Up to {@code max} paths of indexed entries whose content has this hash, in path order. */
    List<String> pathsWithHash(String hash, int max);

    // --- work list of the current pass ---

    void addPending(PendingFile file);

    void removePending(String relPath);

    /** Up to {@code max} pending files with path greater than {@code afterPath} ("" for the first), in order. */
    List<PendingFile> pendingAfter(String afterPath, int max);

    long pendingCount();

    /** Marks a manifest path the walk did not meet; {@code hash} is its content hash ("" for skipped files). */
    void markGone(String relPath, String hash);

    /** Up to {@code max} paths marked gone whose content had this hash: where a moved file came from. */
    List<String> gonePathsWithHash(String hash, int max);

    boolean isGone(String relPath);

    void unmarkGone(String relPath);

    /** Up to {@code max} paths marked gone, in order. */
    List<String> gone(int max);

    long goneCount();

    /** Empties the work list (pending and gone) without touching entries. */
    void clearWork();

    // --- the embedding queue: files whose vectors are pending, in the order they are to be embedded ---

    /**
     * Queues {@code relPath} under {@code key} (unique per file, sorting in embedding order). Kept in
     * the same transaction as the entries, so the queue holds exactly the entries whose vectors are
     * pending whatever moment a crash picks.
     */
    void queueVectors(String key, String relPath);

    void unqueueVectors(String key);

    /** Up to {@code max} queued files with key greater than {@code afterKey} ("" for the first): key to path, in key order. */
    List<Map.Entry<String, String>> vectorQueueAfter(String afterKey, int max);

    long vectorQueueSize();

    // --- running totals, kept in the same transaction as the entries ---

    /**
     * The totals key of the pending files that have no entry yet (new files waiting for a pass; the API's
     * {@code Coverage.PENDING_NEW}): {@link #totals()} gives it, counted as the work list changes, never stored.
     */
    String PENDING_NEW = "pending.new";

    /** The running totals, with {@link #PENDING_NEW}. */
    Map<String, Long> totals();

    void addTotal(String key, long delta);

    // --- vectors by (model id, chunk content hash): a chunk's text is embedded once ---

    /**
     * The vector cached for this chunk text, if any; {@code dimension} is the model's (0 when not
     * known), and a cached value of another length is damage of the cache, never returned.
     *
     * @throws DataCorruptException when the cache cannot be read and its opener did not ask to
     *     replace a damaged one
     */
    Optional<float[]> cachedVector(String modelId, String chunkHash, int dimension);

    void cacheVector(String modelId, String chunkHash, float[] vector);

    // --- checkpoint and metadata ---

    Checkpoint checkpoint();

    void saveCheckpoint(Checkpoint checkpoint);

    Optional<String> meta(String key);

    void putMeta(String key, String value);

    void commit();

    void rollback();

    @Override
    void close();
}
