package dev.codeindex.manifest.mapdb;

import dev.codeindex.manifest.Checkpoint;
import dev.codeindex.manifest.DataCorruptException;
import dev.codeindex.manifest.DataDirInUseException;
import dev.codeindex.manifest.EntryHeader;
import dev.codeindex.manifest.FileState;
import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.ManifestEntry;
import dev.codeindex.manifest.ManifestUnreadableException;
import dev.codeindex.manifest.PendingFile;
import dev.codeindex.util.DiskFullException;
import dev.codeindex.util.DiskSpace;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

/**
 * {@link Manifest} in one MapDB file with transactions on (a kill -9 without them corrupts the
 * file: docs/LIBRARY-NOTES.md, MapDB). Entries and the work list are BTreeMaps so they iterate in path order.
 *
 * <p>Threading: the concurrent reads {@link Manifest} allows are safe here because the DB is made
 * with MapDB's concurrency on (the default; never {@code concurrencyDisable()}): its store locks
 * each record it reads or writes, and a commit takes those locks, so a read waits rather than
 * seeing half a commit; and each BTreeMap is a {@code ConcurrentNavigableMap}, whose iterators stay
 * usable while maps are written. A read from another thread sees the one transaction of the
 * writer, committed or not.
 */
public final class MapDbManifest implements Manifest {
    private static final String MAX = "\uffff";
    /**
     * Layout of the maps and entries in this file; a reader refuses any other instead of misreading it.
     * 4: entries may hold the minified state. The layout is 3's, but a reader of 3 misread such an entry
     * (an index out of bounds, at every run) and, before that, could empty a store of a newer format: so a
     * file this reader opens says 4, and older readers refuse it with their own message before touching
     * anything.
     */
    static final String FORMAT = "4";
    /** Formats this reader opens and marks {@link #FORMAT}: their layout is a subset of it. */
    private static final java.util.Set<String> UPGRADED = java.util.Set.of("3");
    /**
     * Keys per B-tree node of a map this class creates (MapDB's default is 32). Every put and
     * remove deserializes and rewrites a whole node; with 16, an index of the Python standard
     * library spends ~15% less time writing the manifest (bench/WarmPasses.java: passes of ~0.73 s
     * instead of ~0.85 s; cold 2.19 s instead of 2.31 s), and a no-change rescan of Linux reads
     * it as fast as before. A map keeps the size it was created with (MapDB's catalog holds it),
     * so a manifest written before this reads and grows as it did: not a format change.
     */
    static final int NODE_SIZE = 16;

    private final DB db;
    /**
     * The vector cache, in its own file so that damage to the manifest file does not lose paid-for
     * embeddings; replaced by an empty one when it is found damaged and the opener asked for that
     * ({@link #replaceVectorCacheWhenDamaged}).
     */
    private volatile DB vectorDb;
    private final Path vectorFile;
    private final BTreeMap<String, byte[]> files;
    private final BTreeMap<String, byte[]> heads; // path -> entry head, what a scan reads
    private final BTreeMap<String, Boolean> byHash; // "hash\0path"
    private final BTreeMap<String, byte[]> pending;
    private final BTreeMap<String, String> gone; // path -> content hash
    private final BTreeMap<String, Boolean> goneByHash; // "hash\0path"
    private final HTreeMap<String, Long> totals;
    /** Files whose vectors are pending: embedding-order key to path (created empty in a manifest written before it). */
    private final BTreeMap<String, String> vectorQueue;
    private volatile HTreeMap<String, byte[]> vectors; // "model\0chunkHash" -> float32 little-endian
    /** The cache as the first releases held it, inside the manifest file (before vectors.db); read, never written. */
    private final HTreeMap<String, byte[]> legacyVectors;
    private final HTreeMap<String, String> meta;
    /**
     * Changes to {@link #totals} since the last commit, written into it by {@link #commit}: a file
     * changes about seven totals, and each update of the map reads and rewrites a record (a
     * seventh of the indexing thread's time on the Python standard library). Part of the same
     * transaction: a rollback drops them, {@link #totals()} adds them in.
     */
    private final Map<String, Long> totalDeltas = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Pending files that have no entry of an indexed file (new files waiting for a pass, and skipped ones that
     * may be indexed now: neither is in the {@code files} total), kept as the maps change and counted again
     * at open and after a rollback; {@link #totals()} gives it as {@link #PENDING_NEW}. Written by the
     * writer's thread only.
     */
    private volatile long pendingNew;

    private MapDbManifest(DB db, DB vectorDb, Path vectorFile, int nodeSize) {
        this.db = db;
        this.vectorDb = vectorDb;
        this.vectorFile = vectorFile;
        this.files = db.treeMap("files", Serializer.STRING, Serializer.BYTE_ARRAY).maxNodeSize(nodeSize)
                .valuesOutsideNodesEnable() // entries are ~1 KB: inside nodes, every put rewrote a 30 KB node
                .createOrOpen();
        this.heads = db.treeMap("heads", Serializer.STRING, Serializer.BYTE_ARRAY).maxNodeSize(nodeSize).createOrOpen();
        this.byHash = db.treeMap("byHash", Serializer.STRING, Serializer.BOOLEAN).maxNodeSize(nodeSize).createOrOpen();
        this.pending = db.treeMap("pending", Serializer.STRING, Serializer.BYTE_ARRAY).maxNodeSize(nodeSize).createOrOpen();
        this.gone = db.treeMap("gone", Serializer.STRING, Serializer.STRING).maxNodeSize(nodeSize).createOrOpen();
        this.goneByHash = db.treeMap("goneByHash", Serializer.STRING, Serializer.BOOLEAN).maxNodeSize(nodeSize).createOrOpen();
        this.totals = db.hashMap("totals", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.vectorQueue = db.treeMap("vectorQueue", Serializer.STRING, Serializer.STRING).maxNodeSize(nodeSize)
                .createOrOpen();
        this.vectors = vectorMap(vectorDb, vectorFile);
        this.legacyVectors = db.exists("vectors") ? db.hashMap("vectors", Serializer.STRING, Serializer.BYTE_ARRAY).open()
                : null;
        this.meta = db.hashMap("meta", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.pendingNew = countPendingNew();
    }

    private long countPendingNew() {
        long n = 0;
        for (Iterator<String> it = pending.keyIterator(); it.hasNext(); ) {
            if (!EntryCodec.isIndexed(heads.get(it.next()))) {
                n++;
            }
        }
        return n;
    }

    /** Opens (or creates) the manifest file; the caller already holds the directory's {@code DataDirLock}. */
    public static MapDbManifest open(Path file) {
        return open(file, NODE_SIZE);
    }

    /**
     * As {@link #open(Path)}, for a writer that stops before the disk is full: the first write or
     * commit that finds less than {@code reserveBytes} free on the file's disk throws
     * {@link DiskFullException} instead of writing (checked at every commit and every
     * {@value #SPACE_CHECK_WRITES} writes). Through a memory mapping, a write that meets a full disk
     * is a SIGBUS that breaks the file; with the reserve, the run stops with nothing half-written.
     */
    public static MapDbManifest open(Path file, long reserveBytes) {
        MapDbManifest m = open(file, NODE_SIZE);
        m.reserveBytes = reserveBytes;
        m.checkSpace();
        return m;
    }

    static final int SPACE_CHECK_WRITES = 256;
    private volatile long reserveBytes;
    private final java.util.concurrent.atomic.AtomicInteger writesSinceCheck = new java.util.concurrent.atomic.AtomicInteger();
    private Path fileDir;

    /** Counts a write; every {@value #SPACE_CHECK_WRITES}th checks the reserve. */
    private void wrote() {
        if (reserveBytes > 0 && writesSinceCheck.incrementAndGet() >= SPACE_CHECK_WRITES) {
            checkSpace();
        }
    }

    private void checkSpace() {
        if (reserveBytes <= 0) {
            return;
        }
        writesSinceCheck.set(0);
        long free = DiskSpace.usable(fileDir);
        if (free >= 0 && free < reserveBytes) {
            throw new DiskFullException(fileDir, free, reserveBytes);
        }
    }

    /** The vector cache's file beside a manifest file. */
    public static Path vectorFile(Path manifestFile) {
        return manifestFile.resolveSibling(VECTOR_FILE);
    }

    static final String VECTOR_FILE = "vectors.db";

    /**
     * As {@link #open(Path)}, creating maps with {@code nodeSize} keys per node (tests: manifests of older versions).
     *
     * @throws DataCorruptException when the manifest file or the vector cache's cannot be read
     */
    static MapDbManifest open(Path file, int nodeSize) {
        DB db = openDb(file);
        DB vectorDb;
        try {
            vectorDb = openDb(vectorFile(file));
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
        try {
            MapDbManifest m = new MapDbManifest(db, vectorDb, vectorFile(file), nodeSize);
            m.fileDir = file.toAbsolutePath().getParent();
            m.checkFormat(file);
            return m;
        } catch (DBException e) {
            closeQuietly(db);
            closeQuietly(vectorDb);
            throw damaged(e) ? corrupt(file, e) : e;
        } catch (RuntimeException | OutOfMemoryError | InternalError e) {
            closeQuietly(db);
            closeQuietly(vectorDb);
            if (e instanceof DataCorruptException || !readGarbage(e)) {
                throw e;
            }
            throw corrupt(file, e);
        }
    }

    private static DB openDb(Path file) {
        try {
            return DBMaker.fileDB(file.toFile())
                    // the directory's DataDirLock already keeps other processes out; MapDB's own lock
                    // stays held in this JVM when opening a damaged file fails half-way
                    .fileLockDisable()
                    .transactionEnable()
                    // memory-mapped: through a mapping, a write that a full disk cannot back is a SIGBUS
                    // that leaves the file half-written, so writers keep a reserve of free space (see
                    // open(Path, long)); the other volumes cost too much or corrupt silently
                    // (docs/LIBRARY-NOTES.md, MapDB; bench/RESULTS.md, "MapDB volumes")
                    .fileMmapEnableIfSupported()
                    .fileMmapPreclearDisable()
                    .make();
        } catch (DBException.FileLocked e) {
            throw new DataDirInUseException(file.getParent());
        } catch (DBException e) {
            throw damaged(e) ? corrupt(file, e) : e;
        } catch (InternalError e) { // a read past the end of a memory-mapped file that is shorter than it says
            throw corrupt(file, e);
        } catch (RuntimeException | OutOfMemoryError e) { // its catalog overwritten: MapDB reads garbage
            if (!readGarbage(e)) {
                throw e;
            }
            throw corrupt(file, e);
        }
    }

    /**
     * Moves a damaged manifest or vector-cache file, with MapDB's write-ahead log files beside it
     * ({@code NAME.wal.N}), into a new folder {@code damaged-N} of its directory, and returns that
     * folder. The caller holds the directory's {@code DataDirLock}.
     */
    public static Path moveAside(Path file) throws java.io.IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path aside;
        for (int n = 1; ; n++) {
            aside = dir.resolve("damaged-" + n);
            if (!java.nio.file.Files.exists(aside)) {
                break;
            }
        }
        java.nio.file.Files.createDirectories(aside);
        String name = file.getFileName().toString();
        List<Path> parts = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().equals(name) || p.getFileName().toString().startsWith(name + ".wal."))
                    .forEach(parts::add);
        }
        for (Path p : parts) {
            java.nio.file.Files.move(p, aside.resolve(p.getFileName()));
        }
        return aside;
    }

    /** Whether MapDB's exception says the file's content is wrong (not an I/O failure, a lock, an interrupt). */
    private static boolean damaged(DBException e) {
        return e instanceof DBException.DataCorruption || e instanceof DBException.PointerChecksumBroken
                || e instanceof DBException.VolumeEOF || cutShort(e) || e instanceof DBException.WrongFormat
                || e instanceof DBException.NewMapDBFormat || e instanceof DBException.SerializationError;
    }

    /** A read past the end of the file (the random-access volume reports it as an I/O error caused by EOF). */
    private static boolean cutShort(DBException e) {
        return e instanceof DBException.VolumeIOError && e.getCause() instanceof java.io.EOFException;
    }

    /** What MapDB says about a file it cannot read, as a few words for a person. */
    private static DataCorruptException corrupt(Path file, Throwable e) {
        String what;
        if (e instanceof DBException.DataCorruption && String.valueOf(e.getMessage()).contains("empty")) {
            what = "the file is empty";
        } else if (e instanceof DBException.PointerChecksumBroken) {
            what = "a checksum does not match: the file was cut short or overwritten";
        } else if (e instanceof DBException.VolumeEOF || (e instanceof DBException de && cutShort(de))) {
            what = "the file is shorter than its content says: it was cut short";
        } else if (e instanceof DBException.WrongFormat || e instanceof DBException.NewMapDBFormat) {
            what = "not a manifest file";
        } else if (!(e instanceof DBException) && !(e instanceof InternalError)) {
            what = "a record does not read as what it holds (" + e.getClass().getSimpleName() + "): the file was overwritten";
        } else if (e instanceof InternalError) {
            what = "reading it failed inside the memory-mapped file: it is shorter than it says";
        } else {
            what = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new DataCorruptException(file, what, e);
    }

    private static void closeQuietly(DB db) {
        try {
            if (!db.isClosed()) {
                db.close();
            }
        } catch (RuntimeException suppressed) {
            // the damage is what the caller reports
        }
    }

    private void checkFormat(Path file) {
        String found = meta.get("format");
        if ((found == null && files.isEmpty()) || UPGRADED.contains(found)) {
            meta.put("format", FORMAT);
            db.commit();
        } else if (!FORMAT.equals(found)) {
            db.close();
            vectorDb.close();
            throw new ManifestUnreadableException("manifest " + file + " has format " + (found == null ? "0 (pre-release)" : found)
                    + ", this codeindex reads format " + FORMAT + "; remove " + file.getParent()
                    + " to index that root again, or use another --data-dir", null);
        }
    }

    @Override
    public Optional<ManifestEntry> get(String relPath) {
        byte[] b = files.get(relPath);
        return b == null ? Optional.empty() : Optional.of(EntryCodec.decode(b));
    }

    @Override
    public void put(String relPath, ManifestEntry entry) {
        wrote();
        byte[] encoded = EntryCodec.encode(entry);
        heads.put(relPath, EntryCodec.head(encoded));
        byte[] old = files.put(relPath, encoded);
        boolean was = EntryCodec.isIndexed(old);
        if (was != (entry.state() == FileState.INDEXED) && pending.containsKey(relPath)) {
            pendingNew += was ? 1 : -1;
        }
        if (old != null) {
            ManifestEntry prev = EntryCodec.decode(old);
            if (prev.state() == FileState.INDEXED) {
                byHash.remove(prev.hash() + "\0" + relPath);
            }
        }
        if (entry.state() == FileState.INDEXED) {
            byHash.put(entry.hash() + "\0" + relPath, Boolean.TRUE);
        }
    }

    @Override
    public void remove(String relPath) {
        byte[] old = files.remove(relPath);
        heads.remove(relPath);
        if (EntryCodec.isIndexed(old) && pending.containsKey(relPath)) {
            pendingNew++;
        }
        if (old != null) {
            byHash.remove(EntryCodec.decode(old).hash() + "\0" + relPath);
        }
    }

    @Override
    public Iterator<Map.Entry<String, ManifestEntry>> entries() {
        return mapped(files.entryIterator(),
                e -> new AbstractMap.SimpleImmutableEntry<>(e.getKey(), EntryCodec.decode(e.getValue())));
    }

    @Override
    public Iterator<EntryHeader> headers() {
        return mapped(heads.entryIterator(), e -> EntryCodec.decodeHeader(e.getKey(), e.getValue()));
    }

    @Override
    public Iterator<EntryHeader> headersUnder(String relPath) {
        List<EntryHeader> self = new ArrayList<>(1);
        byte[] head = heads.get(relPath);
        if (head != null) {
            self.add(EntryCodec.decodeHeader(relPath, head));
        }
        // '0' follows '/': the keys from "p/" up to "p0" are exactly those under p/
        Iterator<EntryHeader> below = mapped(heads.subMap(relPath + "/", true, relPath + "0", false).entrySet().iterator(),
                e -> EntryCodec.decodeHeader(e.getKey(), e.getValue()));
        Iterator<EntryHeader> first = self.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || below.hasNext();
            }

            @Override
            public EntryHeader next() {
                return first.hasNext() ? first.next() : below.next();
            }
        };
    }

    private static <T> Iterator<T> mapped(Iterator<Map.Entry<String, byte[]>> it,
                                          Function<Map.Entry<String, byte[]>, T> decode) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return decode.apply(it.next());
            }
        };
    }

    @Override
    public long size() {
        return files.sizeLong();
    }

    @Override
    public List<String> pathsWithHash(String hash, int max) {
        return withPrefix(byHash, hash, max);
    }

    /** Paths of the "hash\0path" keys of {@code index} that start with {@code hash}. */
    private static List<String> withPrefix(BTreeMap<String, Boolean> index, String hash, int max) {
        List<String> out = new ArrayList<>();
        for (String key : index.subMap(hash + "\0", hash + "\0" + MAX).keySet()) {
            if (out.size() == max) {
                break;
            }
            out.add(key.substring(hash.length() + 1));
        }
        return out;
    }

    @Override
    public void addPending(PendingFile f) {
        wrote();
        if (pending.put(f.relPath(), EntryCodec.encodeStat(f.size(), f.mtimeMillis())) == null
                && !EntryCodec.isIndexed(heads.get(f.relPath()))) {
            pendingNew++;
        }
    }

    @Override
    public void removePending(String relPath) {
        if (pending.remove(relPath) != null && !EntryCodec.isIndexed(heads.get(relPath))) {
            pendingNew--;
        }
    }

    @Override
    public List<PendingFile> pendingAfter(String afterPath, int max) {
        List<PendingFile> out = new ArrayList<>(Math.min(max, 1024));
        Iterator<Map.Entry<String, byte[]>> it = afterPath.isEmpty()
                ? pending.entryIterator()
                : pending.tailMap(afterPath, false).entrySet().iterator();
        while (it.hasNext() && out.size() < max) {
            Map.Entry<String, byte[]> e = it.next();
            out.add(new PendingFile(e.getKey(), EntryCodec.statSize(e.getValue()), EntryCodec.statMtime(e.getValue())));
        }
        return out;
    }

    @Override
    public long pendingCount() {
        return pending.sizeLong();
    }

    @Override
    public void markGone(String relPath, String hash) {
        wrote();
        gone.put(relPath, hash);
        if (!hash.isEmpty()) {
            goneByHash.put(hash + "\0" + relPath, Boolean.TRUE);
        }
    }

    @Override
    public List<String> gonePathsWithHash(String hash, int max) {
        return withPrefix(goneByHash, hash, max);
    }

    @Override
    public boolean isGone(String relPath) {
        return gone.containsKey(relPath);
    }

    @Override
    public void unmarkGone(String relPath) {
        String hash = gone.remove(relPath);
        if (hash != null && !hash.isEmpty()) {
            goneByHash.remove(hash + "\0" + relPath);
        }
    }

    @Override
    public List<String> gone(int max) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = gone.keyIterator();
        while (it.hasNext() && out.size() < max) {
            out.add(it.next());
        }
        return out;
    }

    @Override
    public long goneCount() {
        return gone.sizeLong();
    }

    @Override
    public void clearWork() {
        pending.clear();
        pendingNew = 0;
        gone.clear();
        goneByHash.clear();
    }

    @Override
    public void queueVectors(String key, String relPath) {
        wrote();
        vectorQueue.put(key, relPath);
    }

    @Override
    public void unqueueVectors(String key) {
        vectorQueue.remove(key);
    }

    @Override
    public List<Map.Entry<String, String>> vectorQueueAfter(String afterKey, int max) {
        List<Map.Entry<String, String>> out = new ArrayList<>(Math.min(max, 1024));
        Iterator<Map.Entry<String, String>> it = afterKey.isEmpty() ? vectorQueue.entryIterator()
                : vectorQueue.tailMap(afterKey, false).entrySet().iterator();
        while (it.hasNext() && out.size() < max) {
            Map.Entry<String, String> e = it.next();
            out.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Override
    public long vectorQueueSize() {
        return vectorQueue.sizeLong();
    }

    @Override
    public Map<String, Long> totals() {
        TreeMap<String, Long> out = new TreeMap<>(totals);
        totalDeltas.forEach((k, d) -> add(out, k, d));
        out.put(PENDING_NEW, pendingNew);
        return out;
    }

    @Override
    public void addTotal(String key, long delta) {
        if (delta != 0) {
            totalDeltas.merge(key, delta, Long::sum);
        }
    }

    /** Writes the buffered total deltas into the map, in the transaction about to be committed. */
    private void flushTotals() {
        totalDeltas.forEach((k, d) -> add(totals, k, d));
        totalDeltas.clear();
    }

    /** Adds {@code delta} to {@code key}'s total in {@code m}; a total of zero is no entry. */
    private static void add(Map<String, Long> m, String key, long delta) {
        long v = m.getOrDefault(key, 0L) + delta;
        if (v == 0) {
            m.remove(key);
        } else {
            m.put(key, v);
        }
    }

    /**
     * The largest vector the cache accepts, in dimensions (the bundled models have 384; hosted ones
     * reach a few thousand): a longer value is damage, whatever length the file says.
     */
    static final int MAX_DIMENSION = 16_384;

    private static HTreeMap<String, byte[]> vectorMap(DB vectorDb, Path vectorFile) {
        try {
            return vectorDb.hashMap("vectors", Serializer.STRING, Serializer.BYTE_ARRAY)
                    .layout(16, 64, 4) // room for millions of chunks (the default tops out near 0.5M slots)
                    .createOrOpen();
        } catch (DBException e) {
            throw damaged(e) ? corrupt(vectorFile, e) : e;
        }
    }

    /** Told when a damaged vector cache was moved aside and replaced by an empty one. */
    public interface VectorCacheReplaced {
        void replaced(DataCorruptException damage, Path movedTo);
    }

    private volatile VectorCacheReplaced onReplaced;

    /**
     * From now on, a vector cache found damaged while it is read or written (a page overwritten, a
     * record that says it is longer than it can be) is moved aside ({@link #moveAside}) and
     * replaced by an empty one, and the call goes on with that: the cache only saves embedding
     * again, so a writing run loses nothing else. Without this, such damage is thrown as a
     * {@link DataCorruptException} naming {@code vectors.db}. The caller holds the directory's lock.
     */
    public void replaceVectorCacheWhenDamaged(VectorCacheReplaced onReplaced) {
        this.onReplaced = onReplaced;
    }

    /**
     * Runs {@code op} on the vector cache. What MapDB throws when it reads garbage (an index past
     * a record's end, a negative or huge length, a broken checksum) becomes damage of
     * {@code vectors.db}; so does an OutOfMemoryError, which a read meets when a damaged record
     * gives a count of millions that MapDB allocates before it finds the record too short (the
     * one failed allocation is all it held, so nothing else is left short of memory).
     */
    private <T> T onCache(Function<HTreeMap<String, byte[]>, T> op) {
        HTreeMap<String, byte[]> map = vectors;
        try {
            try {
                return op.apply(map);
            } catch (OutOfMemoryError e) {
                return op.apply(map); // once more: a heap short for another reason has room now, a damaged length fails again
            }
        } catch (DataCorruptException e) {
            return replaceOrThrow(map, e, op);
        } catch (RuntimeException | OutOfMemoryError | InternalError e) {
            if (map != vectors) { // another thread replaced the cache while this one read the old one
                return op.apply(vectors);
            }
            if (!readGarbage(e) || dev.codeindex.util.DiskSpace.exhausted(e, vectorFile)
                    || (e instanceof OutOfMemoryError && !heapMostlyFree())) {
                // a fault on a full disk is a full disk, and a heap that is full is short of memory: neither is
                // damage, and the cache stays for the next run
                throw e;
            }
            return replaceOrThrow(map, corrupt(vectorFile, e), op);
        }
    }

    /**
     * Whether most of the heap is free after an OutOfMemoryError: then the allocation that failed was
     * one of absurd size (a damaged record's count), not one a busy heap had no room for.
     */
    private static boolean heapMostlyFree() {
        Runtime r = Runtime.getRuntime();
        long used = r.totalMemory() - r.freeMemory();
        return r.maxMemory() - used > r.maxMemory() / 2;
    }

    private <T> T replaceOrThrow(HTreeMap<String, byte[]> map, DataCorruptException damage,
                                 Function<HTreeMap<String, byte[]>, T> op) {
        VectorCacheReplaced then = onReplaced;
        if (then == null) {
            throw damage;
        }
        replaceVectorCache(map, damage, then);
        return op.apply(vectors);
    }

    private synchronized void replaceVectorCache(HTreeMap<String, byte[]> damagedMap, DataCorruptException damage,
                                                 VectorCacheReplaced then) {
        if (damagedMap != vectors) {
            return; // already replaced
        }
        closeQuietly(vectorDb);
        Path aside;
        try {
            aside = moveAside(vectorFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot move the damaged " + vectorFile + " aside: " + e.getMessage(), e);
        }
        DB fresh = openDb(vectorFile);
        vectors = vectorMap(fresh, vectorFile);
        vectorDb = fresh;
        then.replaced(damage, aside);
    }

    /**
     * Whether what a read of a MapDB file threw says its content is wrong: MapDB checks little of
     * what it reads, so an overwritten record fails as whatever its garbage leads to (an index past
     * the record's end, a negative or huge length, a wrong type).
     */
    private static boolean readGarbage(Throwable e) {
        if (e instanceof DBException de) {
            return damaged(de);
        }
        return e instanceof IndexOutOfBoundsException || e instanceof NegativeArraySizeException
                || e instanceof java.nio.BufferUnderflowException || e instanceof java.nio.BufferOverflowException
                || e instanceof OutOfMemoryError || e instanceof InternalError || e instanceof ClassCastException
                || e instanceof IllegalArgumentException || e instanceof ArithmeticException
                || e instanceof java.io.UTFDataFormatException;
    }

    /** A cached value as a vector, or damage when its length cannot be a vector's of this cache. */
    private float[] decodeVector(String key, byte[] b, int dimension) {
        int expected = dimension > 0 ? dimension * 4 : -1;
        if (b.length % 4 != 0 || b.length == 0 || b.length > MAX_DIMENSION * 4 || (expected > 0 && b.length != expected)) {
            throw new DataCorruptException(vectorFile, "the vector of " + key.replace('\0', ' ') + " is " + b.length
                    + " bytes long" + (expected > 0 ? ", not " + expected : "") + ": the file was overwritten", null);
        }
        float[] v = new float[b.length / 4];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        for (float x : v) {
            if (!Float.isFinite(x)) { // no model makes these; random bytes often do
                throw new DataCorruptException(vectorFile, "the vector of " + key.replace('\0', ' ')
                        + " holds a value that is not a number: the file was overwritten", null);
            }
        }
        return v;
    }

    @Override
    public Optional<float[]> cachedVector(String modelId, String chunkHash, int dimension) {
        String key = modelId + "\0" + chunkHash;
        Optional<float[]> v = onCache(map -> Optional.ofNullable(map.get(key)).map(b -> decodeVector(key, b, dimension)));
        if (v.isEmpty() && legacyVectors != null) {
            byte[] b = legacyVectors.get(key);
            if (b != null && b.length > 0 && b.length % 4 == 0 && (dimension <= 0 || b.length == dimension * 4)) {
                float[] out = new float[b.length / 4];
                java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
                return Optional.of(out);
            }
        }
        return v;
    }

    @Override
    public void cacheVector(String modelId, String chunkHash, float[] vector) {
        wrote();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(vector.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(vector);
        byte[] value = b.array();
        String key = modelId + "\0" + chunkHash;
        onCache(map -> map.put(key, value));
    }

    /**
     * How many vectors the cache holds, reading every one of them (for checks, not for runs): a
     * value whose length cannot be a vector, or whose length differs from the other vectors of its
     * model, is damage, as is whatever MapDB throws on the way.
     *
     * @throws DataCorruptException naming {@code vectors.db} when it is damaged
     */
    public long cachedVectors() {
        long n = onCache(map -> {
            Map<String, Integer> lengths = new java.util.HashMap<>();
            long count = 0;
            Iterator<Map.Entry<String, byte[]>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, byte[]> e = it.next();
                String key = e.getKey();
                String model = key.substring(0, Math.max(0, key.indexOf('\0')));
                Integer dims = lengths.get(model);
                float[] v = decodeVector(key, e.getValue(), dims == null ? 0 : dims);
                lengths.putIfAbsent(model, v.length);
                count++;
            }
            return count;
        });
        return n + (legacyVectors == null ? 0 : legacyVectors.size());
    }

    @Override
    public Checkpoint checkpoint() {
        String v = meta.get("checkpoint");
        return v == null ? Checkpoint.NONE : CheckpointCodec.decode(v);
    }

    @Override
    public void saveCheckpoint(Checkpoint checkpoint) {
        meta.put("checkpoint", CheckpointCodec.encode(checkpoint));
    }

    @Override
    public Optional<String> meta(String key) {
        return Optional.ofNullable(meta.get(key));
    }

    @Override
    public void putMeta(String key, String value) {
        meta.put(key, value);
    }

    @Override
    public void commit() {
        checkSpace();
        flushTotals();
        vectorDb.commit(); // first: what the manifest records never waits on a vector the cache lost
        db.commit();
    }

    /** Drops the manifest's changes since the last commit; vectors computed meanwhile stay cached (they are right whatever the pass did). */
    @Override
    public void rollback() {
        totalDeltas.clear();
        db.rollback();
        pendingNew = countPendingNew();
        vectorDb.commit();
    }

    @Override
    public void close() {
        if (!db.isClosed()) {
            db.close();
        }
        if (!vectorDb.isClosed()) {
            vectorDb.close();
        }
    }
}
