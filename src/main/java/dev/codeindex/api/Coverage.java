package dev.codeindex.api;

import java.util.Map;

/**
 * How much of a tree search can see: files the keyword side (symbols and BM25) covers, files whose
 * chunks also have vectors, and the files known in all. While a first index runs these grow batch by
 * batch; an answer that carries them lets a person or an agent tell "nothing matches" from "not
 * indexed yet".
 *
 * @param files    files in the index plus new files waiting for a pass (a changed or deleted file waiting is
 *                 counted once, as in the index); -1 while not known (the first scan of a pass has not committed)
 * @param keyword  files in the index: found by symbol and keyword search; -1 when not known (another
 *                 process holds the index and has not said how far it is)
 * @param embedded files of those whose chunks all have vectors: found by meaning too; -1 when not known
 * @param inFlight an index pass is running now
 */
public record Coverage(long files, long keyword, long embedded, boolean inFlight) {
    /** The manifest's totals key: files in the index whose chunks do not all have vectors yet. */
    public static final String UNEMBEDDED = "unembedded";
    /**
     * The totals key of the pending files that are not in the index yet (new ones): a changed or deleted
     * file waiting for a pass is in the index already. Not stored: the manifest counts it as it goes.
     */
    public static final String PENDING_NEW = "pending.new";
    /** A pass holds the index and has not said how far it is (it has committed nothing yet, or it is another process's). */
    public static final Coverage UNKNOWN = new Coverage(-1, -1, -1, true);

    /**
     * From a manifest's totals ({@code files}, {@link #UNEMBEDDED}, {@link #PENDING_NEW}) and its pending count.
     *
     * @param pending files waiting for a pass; -1 when not known. Without {@link #PENDING_NEW} in the totals
     *                (an older daemon's status) every pending file counts as new.
     */
    public static Coverage of(Map<String, Long> totals, long pending, boolean inFlight) {
        long keyword = totals.getOrDefault("files", 0L);
        long embedded = Math.max(0, keyword - totals.getOrDefault(UNEMBEDDED, 0L));
        long added = Math.max(0, Math.min(pending, totals.getOrDefault(PENDING_NEW, pending)));
        return new Coverage(pending < 0 ? -1 : keyword + added, keyword, embedded, inFlight);
    }

    /** Both trees together (a search over several roots); an unknown total stays unknown. */
    public Coverage plus(Coverage o) {
        return new Coverage(sum(files, o.files), sum(keyword, o.keyword), sum(embedded, o.embedded),
                inFlight || o.inFlight);
    }

    private static long sum(long a, long b) {
        return a < 0 || b < 0 ? -1 : a + b;
    }

    /** Every known file is keyword-indexed and embedded, and the total is known. */
    public boolean complete() {
        return files >= 0 && keyword >= files && embedded >= keyword && embedded >= 0;
    }
}
