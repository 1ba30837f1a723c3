package dev.codeindex.index;

import dev.codeindex.manifest.ChunkRef;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.store.PointRef;
import dev.codeindex.store.VectorStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up reconciliation (docs/ARCHITECTURE.md, invariant 9): before a full pass trusts the manifest, the store
 * must hold exactly the points the manifest's entries name.
 *
 * <ol>
 *   <li>Cheap check: the store's point count against the manifest's chunk total. Equal: done.</li>
 *   <li>More points than chunks: the orphan sweep lists the store's points page by page and deletes
 *       every point whose path has no indexed entry or whose id is not one of that entry's ids.</li>
 *   <li>Fewer: entries whose points are not all in the store (all of them when the store is empty:
 *       a deleted collection, a fresh Qdrant, a removed index directory) lose their remaining points
 *       and are removed from the manifest, so the scan that follows finds those files new and
 *       indexes them again through the normal path, with vectors from the manifest's vector cache.
 *       Then the count is checked once more, and a sweep removes orphans that were hidden behind
 *       the missing points.</li>
 * </ol>
 *
 * <p>The store is committed before the manifest, so a crash at any point leaves the manifest behind
 * the store and the next start reconciles again. Memory: one page of points and a bounded cache of
 * expected ids; the manifest is read as a stream. Equal counts with both an orphan and a missing
 * point are not detected: the check stays one count per pass.
 *
 * <p>Threading: the indexing thread, before the scan. Errors: the store's
 * {@link dev.codeindex.store.StoreUnavailableException} propagates; a store that cannot list or
 * look up points is left as it is, with a warning.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** Points per store page, and point ids per existence check. */
    static final int PAGE = 256;
    /** Paths whose expected ids the sweep keeps at hand (a file's points are often listed together). */
    static final int EXPECTED_CACHE = 1024;

    /** What a reconciliation found and did. */
    public record Result(long storePoints, long manifestChunks, long filesRequeued, long pointsDeleted) {
        public boolean changedAnything() {
            return filesRequeued > 0 || pointsDeleted > 0;
        }
    }

    private final Manifest manifest;
    private final VectorStore store;
    private final String collection;

    /** @param collection the point-id namespace the entries' points were written with ({@link SemanticSink}) */
    public Reconciler(Manifest manifest, VectorStore store, String collection) {
        this.manifest = manifest;
        this.store = store;
        this.collection = collection;
    }

    public Result reconcile() {
        long expected = chunkTotal();
        long actual = store.count();
        if (actual == expected) {
            return new Result(actual, expected, 0, 0);
        }
        log.info("the store holds {} points, the manifest {} chunks: reconciling", actual, expected);
        Tally t = new Tally();
        try {
            if (actual > expected) {
                sweep(t);
                actual = store.count();
            }
            if (actual < expected) {
                requeueMissing(actual == 0, t);
                if (store.count() > chunkTotal()) {
                    sweep(t);
                }
            }
        } catch (UnsupportedOperationException e) {
            log.warn("the store cannot be reconciled with the manifest ({}): left as it is", e.getMessage());
        }
        log.info("reconciled: {} files will be indexed again (vectors from the cache), {} stray points deleted",
                t.requeued, t.deleted);
        return new Result(actual, expected, t.requeued, t.deleted);
    }

    /** Counts of one reconciliation. */
    private static final class Tally {
        long requeued;
        long deleted;
    }

    private long chunkTotal() {
        return manifest.totals().getOrDefault(Totals.CHUNKS, 0L);
    }

    /** Deletes the points that no indexed entry names. */
    private void sweep(Tally t) {
        Map<String, Set<String>> cache = new LinkedHashMap<>(EXPECTED_CACHE * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                return size() > EXPECTED_CACHE;
            }
        };
        store.forEachPoint(PAGE, page -> {
            List<String> orphans = new ArrayList<>();
            for (PointRef p : page) {
                if (!cache.computeIfAbsent(p.path(), this::expectedIds).contains(p.id())) {
                    orphans.add(p.id());
                }
            }
            if (!orphans.isEmpty()) {
                store.delete(orphans);
                t.deleted += orphans.size();
            }
        });
        store.commit();
    }

    private Set<String> expectedIds(String path) {
        ManifestEntry e = manifest.get(path).orElse(null);
        return e == null || e.state() != FileState.INDEXED ? Set.of() : new HashSet<>(ids(path, e));
    }

    private List<String> ids(String path, ManifestEntry e) {
        List<String> out = new ArrayList<>(e.chunks().size());
        List<ChunkRef> chunks = e.chunks();
        for (int k = 0; k < chunks.size(); k++) {
            out.add(SemanticSink.pointId(collection, path, chunks.get(k).hash(), k));
        }
        return out;
    }

    /**
     * Removes the entries whose points are not all stored, in groups of about {@link #PAGE} ids.
     *
     * @param storeEmpty nothing to look up or delete: every entry with chunks is missing
     */
    private void requeueMissing(boolean storeEmpty, Tally t) {
        Iterator<Map.Entry<String, ManifestEntry>> it = manifest.entries();
        List<Map.Entry<String, ManifestEntry>> group = new ArrayList<>();
        int ids = 0;
        while (it.hasNext()) {
            Map.Entry<String, ManifestEntry> e = it.next();
            if (e.getValue().state() != FileState.INDEXED || e.getValue().chunks().isEmpty()) {
                continue;
            }
            group.add(e);
            ids += e.getValue().chunks().size();
            if (ids >= PAGE) {
                requeueGroup(group, storeEmpty, t);
                group.clear();
                ids = 0;
            }
        }
        if (!group.isEmpty()) {
            requeueGroup(group, storeEmpty, t);
        }
    }

    private void requeueGroup(List<Map.Entry<String, ManifestEntry>> group, boolean storeEmpty, Tally t) {
        Map<String, List<String>> idsByPath = new LinkedHashMap<>();
        for (Map.Entry<String, ManifestEntry> e : group) {
            idsByPath.put(e.getKey(), ids(e.getKey(), e.getValue()));
        }
        Set<String> present = storeEmpty ? Set.of()
                : store.existing(idsByPath.values().stream().flatMap(List::stream).toList());
        List<Map.Entry<String, ManifestEntry>> missing = new ArrayList<>();
        for (Map.Entry<String, ManifestEntry> e : group) {
            List<String> ids = idsByPath.get(e.getKey());
            long held = ids.stream().filter(present::contains).count();
            if (held < ids.size()) {
                missing.add(e);
                if (!storeEmpty) {
                    store.deleteByPath(e.getKey()); // what is left of it, and any stray point of that path
                    t.deleted += held;
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        store.commit(); // before the manifest: a crash leaves the manifest behind the store, never ahead
        for (Map.Entry<String, ManifestEntry> e : missing) {
            manifest.remove(e.getKey());
            Totals.replace(manifest, e.getKey(), e.getValue(), null);
        }
        manifest.commit();
        t.requeued += missing.size();
    }
}
