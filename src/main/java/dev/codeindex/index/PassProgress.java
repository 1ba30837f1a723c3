package dev.codeindex.index;

import java.util.function.LongSupplier;

/**
 * A pass's progress as it is reported, with the rate and time left measured on chunks: a file's cost
 * is its chunks (each one embedded or looked up, then stored), and files differ in size by orders of
 * magnitude, so a rate in files says little about the files still to come.
 *
 * <p>The chunk total of the index phase is not known before the files are read; it is estimated from
 * the bytes still to read at the chunks-per-byte measured so far, and the time left from the chunk
 * rate measured since the phase started. Both are unknown (-1) until the first batch is stored, so
 * nothing is guessed from the scan or from the first files chunked; from then on each batch refines
 * them.
 *
 * <p>Threading: one run reports at a time ({@link #progress} also from worker threads); any thread may
 * take a {@link #snapshot()}. Fields are volatile: a snapshot may mix two consecutive reports.
 */
public final class PassProgress implements ProgressListener {
    /** Before any pass, and after one. */
    public static final String IDLE = "idle";

    /**
     * One moment of a pass.
     *
     * @param phase        "scan", "index" (files to read, chunk and store, then files gone to remove), "embed"
     *                     (the second phase of a two-phase index: files stored without vectors, embedded now;
     *                     its counts and rate are its own) or "idle"
     * @param filesDone    files of the phase done (seen, for the scan)
     * @param filesTotal   files of the phase; -1 while unknown (the scan)
     * @param chunksDone   chunks stored by this pass
     * @param chunksTotal  chunks the pass is estimated to store in all; -1 until its first batch is stored
     * @param chunksPerSec chunks stored per second of the index phase; 0 until measured
     * @param etaMillis    time left, from the chunk rate; -1 while unknown
     */
    public record Snapshot(String phase, long filesDone, long filesTotal, long chunksDone, long chunksTotal,
                           double chunksPerSec, long etaMillis) {
        public static final Snapshot IDLE = new Snapshot(PassProgress.IDLE, 0, 0, 0, 0, 0, -1);
    }

    private final LongSupplier millis;
    private volatile String phase = IDLE;
    private volatile long filesDone;
    private volatile long filesTotal;
    private volatile long indexStartedAt;
    private volatile long bytesTotal = -1;
    private volatile long storedFiles;
    private volatile long storedBytes;
    private volatile long storedChunks;
    private volatile long lastStoredAt;

    /** @param millis the time, in milliseconds (a clock's {@code millis}) */
    public PassProgress(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public void phase(String name, long total) {
        if (stores(name)) {
            indexStartedAt = millis.getAsLong();
            bytesTotal = -1;
            storedFiles = 0;
            storedBytes = 0;
            storedChunks = 0;
            lastStoredAt = 0;
        }
        filesDone = 0;
        filesTotal = total;
        phase = name;
    }

    @Override
    public void progress(long done, String detail) {
        filesDone = done;
    }

    @Override
    public void work(long bytes) {
        bytesTotal = bytes;
    }

    @Override
    public void stored(long files, long bytes, long chunks) {
        storedBytes = bytes;
        storedChunks = chunks;
        lastStoredAt = millis.getAsLong();
        storedFiles = files; // last: a snapshot that sees it sees the rest
    }

    @Override
    public void finished() {
        phase = IDLE;
    }

    /** The phases that store chunks, measured in chunks: "index" and "embed". */
    private static boolean stores(String phase) {
        return "index".equals(phase) || "embed".equals(phase);
    }

    public Snapshot snapshot() {
        String p = phase;
        if (IDLE.equals(p)) {
            return Snapshot.IDLE;
        }
        long files = storedFiles;
        long chunks = storedChunks;
        long bytes = storedBytes;
        long total = filesTotal;
        long done = Math.max(filesDone, stores(p) ? files : 0);
        if (!stores(p) || files == 0) {
            return new Snapshot(p, done, total, chunks, -1, 0, -1);
        }
        long bt = bytesTotal;
        long chunksTotal;
        if (bt > 0 && bytes > 0) {
            chunksTotal = chunks + (long) Math.ceil(Math.max(0, bt - bytes) * (double) chunks / bytes);
        } else {
            chunksTotal = total > files ? (long) Math.ceil(chunks * (double) total / files) : chunks;
        }
        long elapsed = lastStoredAt - indexStartedAt;
        double rate = elapsed > 0 ? chunks * 1000.0 / elapsed : 0;
        long eta;
        if (files >= total) {
            eta = 0;
        } else if (elapsed <= 0) {
            eta = -1;
        } else if (chunks > 0) {
            eta = (long) ((chunksTotal - chunks) * 1000.0 / rate);
        } else { // nothing chunked so far (unchanged content, skipped files): the file rate is all there is
            eta = (long) ((total - files) * (double) elapsed / files);
        }
        if (eta > 0) { // time has passed since the last batch was measured
            eta -= Math.max(0, millis.getAsLong() - lastStoredAt);
            // past its estimate with work left (a large file, a slow model call): not known until the next
            // store, rather than "about 0 s left" for minutes
            eta = eta > 0 ? eta : -1;
        }
        return new Snapshot(p, done, total, chunks, chunksTotal, rate, eta);
    }
}
