package dev.codeindex.index;

import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.EntryHeader;
import dev.codeindex.manifest.PendingFile;
import dev.codeindex.util.IoErrors;
import dev.codeindex.util.PrefetchIterator;
import dev.codeindex.walk.FileStat;
import dev.codeindex.walk.IgnoreReason;
import dev.codeindex.walk.WalkVisitor;
import dev.codeindex.walk.Walker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Differ for a full pass: merges the walk (in path order) with the manifest's entries (in the
 * same order) in one streaming pass, so memory does not grow with the tree. New and changed files
 * (by size and mtime, or made by another chunker) go to the pending list; manifest paths the walk
 * did not meet are marked gone. A scan that trusts the stat reads nothing: unchanged files cost one
 * stat. A scan that compares content (a pass over named paths, a rescan a user asked for) also reads
 * each file whose stat is unchanged and compares its hash with the manifest's: a copy that keeps the
 * mtime ({@code cp -p}, {@code rsync -a}, {@code tar x}, {@code touch -r}) can change a file and keep
 * its size and mtime, and nothing else would ever find that change.
 */
final class Scanner {
    private static final Logger log = LoggerFactory.getLogger(Scanner.class);

    private final Walker walker;
    private final Manifest manifest;
    private final int fingerprint;
    private final long maxFiles;
    private final long maxFileSize;
    private final ProgressListener progress;
    private final SourceReader reader;
    /** Asked before each file a scan that compares content reads: such a scan reads the whole tree. */
    private final java.util.function.BooleanSupplier stop;

    Scanner(Walker walker, Manifest manifest, int fingerprint, long maxFiles, long maxFileSize,
            ProgressListener progress) {
        this(walker, manifest, fingerprint, maxFiles, maxFileSize, progress, () -> false);
    }

    /** @param stop a scan that compares content ends early once this is true (a pause or a shutdown) */
    Scanner(Walker walker, Manifest manifest, int fingerprint, long maxFiles, long maxFileSize,
            ProgressListener progress, java.util.function.BooleanSupplier stop) {
        this.stop = stop;
        this.walker = walker;
        this.manifest = manifest;
        this.fingerprint = fingerprint;
        this.maxFiles = maxFiles;
        this.maxFileSize = maxFileSize;
        this.progress = progress;
        this.reader = new SourceReader(maxFileSize);
    }

    /** @param compareContent read the files whose stat is unchanged and compare their content too */
    ScanResult scan(boolean compareContent) throws IOException {
        // the heads are read on the prefetch thread while this one writes the work list: a
        // concurrent read the Manifest contract allows
        try (PrefetchIterator<EntryHeader> heads = new PrefetchIterator<>(manifest.headers(), 1024, 8, "manifest-read")) {
            Merge merge = new Merge(heads, false, compareContent);
            try {
                walker.walk(merge, true); // nothing here needs onDirectory before a listing
            } catch (StopWalk s) {
                if (s.stopped) {
                    merge.stopped = true;
                } else {
                    merge.truncated = true;
                }
            }
            if (!merge.truncated && !merge.stopped) {
                merge.markGoneUpTo(null); // everything left in the manifest was not met by the walk
                forgetWarnedBut(merge.errorPaths); // a path that can be read again is warned about when it cannot
            }
            return merge.result();
        }
    }

    /**
     * The Differ for changed paths (the watcher's hints, a path a user asked for): looks at each path,
     * and everything under it when it is a directory, as a full scan that compares content would, and
     * leaves the rest of the manifest alone. Content is always compared: a path is named because
     * something happened to it, and an event for a file whose size and mtime were put back is the only
     * word of its change. The work list is added to, not replaced, so work left by a failed pass stays
     * queued. A path that is both under another is looked at once.
     */
    ScanResult scanPaths(Collection<String> paths) throws IOException {
        if (paths.isEmpty()) {
            return new ScanResult(0, 0, 0, 0, 0, 0, 0, false, 0, Map.of(), false, 0);
        }
        List<String> targets = outermost(paths);
        List<Iterator<EntryHeader>> heads = new ArrayList<>(targets.size());
        for (String p : targets) {
            heads.add(manifest.headersUnder(p));
        }
        Merge merge = new Merge(new SortedMerge(heads), true, true);
        walker.walkPaths(targets, merge); // one walk: each directory on the way is listed once
        merge.markGoneUpTo(null);
        return merge.result();
    }

    /** Merges iterators that are each in path order into one in path order. */
    private static final class SortedMerge implements Iterator<EntryHeader> {
        private final java.util.PriorityQueue<java.util.Map.Entry<EntryHeader, Iterator<EntryHeader>>> heap =
                new java.util.PriorityQueue<>(java.util.Map.Entry.comparingByKey(
                        java.util.Comparator.comparing(EntryHeader::relPath)));

        SortedMerge(List<Iterator<EntryHeader>> sources) {
            for (Iterator<EntryHeader> it : sources) {
                if (it.hasNext()) {
                    heap.add(java.util.Map.entry(it.next(), it));
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !heap.isEmpty();
        }

        @Override
        public EntryHeader next() {
            var top = heap.remove();
            if (top.getValue().hasNext()) {
                heap.add(java.util.Map.entry(top.getValue().next(), top.getValue()));
            }
            return top.getKey();
        }
    }

    /** Sorted, without duplicates and without paths that lie under another one of them. */
    static List<String> outermost(Collection<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : new TreeSet<>(paths)) {
            // in sorted order "a/x" may follow "a-b"; compare with every kept ancestor candidate
            boolean covered = false;
            for (int i = p.indexOf('/'); i >= 0 && !covered; i = p.indexOf('/', i + 1)) {
                covered = Collections.binarySearch(out, p.substring(0, i)) >= 0;
            }
            if (!covered) {
                out.add(p);
            }
        }
        return out;
    }

    private static final class StopWalk extends RuntimeException {
        /** A stop was asked (not the file cap): the scan found part of the work, and its run ends unfinished. */
        final boolean stopped;

        StopWalk(boolean stopped) {
            super(null, null, false, false);
            this.stopped = stopped;
        }
    }

    private final class Merge implements WalkVisitor {
        private final Iterator<EntryHeader> entries;
        private EntryHeader current;
        long seen;
        long unchanged;
        long pending;
        long pendingBytes;
        long gone;
        long ignored;
        final Map<IgnoreReason, Long> ignoredDirs = new EnumMap<>(IgnoreReason.class);
        long special;
        long errors;
        boolean truncated;
        /** The walk ended early because a stop was asked. */
        boolean stopped;
        long rechunk;
        /** The paths that could not be read. */
        final java.util.Set<Path> errorPaths = new java.util.HashSet<>();
        /** A scan of some paths: the work list is not cleared first, so keep it consistent per path. */
        private final boolean targeted;
        /** A file whose stat is unchanged is read, and pending unless its content is too. */
        private final boolean compareContent;

        ScanResult result() {
            return new ScanResult(seen, unchanged, pending, gone, ignored, special, errors, truncated, pendingBytes,
                    ignoredDirs, stopped, rechunk);
        }

        Merge(Iterator<EntryHeader> entries, boolean targeted, boolean compareContent) {
            this.entries = entries;
            this.targeted = targeted;
            this.compareContent = compareContent;
            this.current = entries.hasNext() ? entries.next() : null;
        }

        @Override
        public void onFile(FileStat stat) {
            if (compareContent && !targeted && stop.getAsBoolean()) {
                throw new StopWalk(true);
            }
            if (!targeted && maxFiles > 0 && seen >= maxFiles) {
                throw new StopWalk(false);
            }
            seen++;
            markGoneUpTo(stat.relPath());
            EntryHeader known = null;
            if (current != null && current.relPath().equals(stat.relPath())) {
                known = current;
                current = entries.hasNext() ? entries.next() : null;
            }
            if (known != null && known.sameStat(stat.size(), stat.mtimeMillis()) && stillValid(known)
                    && (!compareContent || sameContent(known))) {
                unchanged++;
            } else {
                if (known != null && known.state() == dev.codeindex.manifest.FileState.INDEXED && known.chunkerFingerprint() != fingerprint
                        && known.sameStat(stat.size(), stat.mtimeMillis())) {
                    rechunk++;
                }
                manifest.addPending(new PendingFile(stat.relPath(), stat.size(), stat.mtimeMillis()));
                if (targeted) {
                    manifest.unmarkGone(stat.relPath()); // deleted and back before a failed pass was retried
                }
                pending++;
                pendingBytes += Math.min(stat.size(), maxFileSize);
            }
            if ((seen & 1023) == 0) {
                progress.progress(seen, stat.relPath());
            }
        }

        /**
         * Whether an entry with an unchanged stat still holds: indexed entries must come from the
         * current chunker; a file skipped as too large is looked at again once the cap allows it;
         * an unreadable one is retried (permissions change without touching mtime).
         */
        private boolean stillValid(EntryHeader known) {
            return switch (known.state()) {
                case INDEXED -> known.chunkerFingerprint() == fingerprint;
                case TOO_LARGE -> known.size() > maxFileSize;
                case UNREADABLE -> false;
                case BINARY, MINIFIED -> true;
            };
        }

        /**
         * Whether the file still reads as its entry records: the same state (binary, minified, indexed)
         * and, when indexed, the same hash. Read as the indexing reads it (the same cap, the same binary
         * and minified checks), so that the two agree on what changed; a file found the same costs this
         * one read and nothing more.
         */
        private boolean sameContent(EntryHeader known) {
            ReadResult r = reader.readIn(walker.root(), known.relPath());
            return !r.vanished() && r.state() == known.state() && r.hash().equals(known.hash());
        }

        /** Marks every manifest path before {@code path} (all of them when null) as gone. */
        void markGoneUpTo(String path) {
            while (current != null && (path == null || current.relPath().compareTo(path) < 0)) {
                manifest.markGone(current.relPath(), current.hash());
                if (targeted) {
                    manifest.removePending(current.relPath());
                }
                gone++;
                current = entries.hasNext() ? entries.next() : null;
            }
        }

        @Override
        public void onIgnored(String relPath, boolean directory, IgnoreReason reason) {
            ignored++;
            if (directory) {
                ignoredDirs.merge(reason, 1L, Long::sum);
                log.debug("{}/: directory skipped ({})", relPath, reason.label());
            }
        }

        @Override
        public void onSpecial(String relPath) {
            special++;
            log.debug("{}: not a regular file, skipped", relPath);
        }

        @Override
        public void onError(String relPath, IOException error) {
            errors++;
            Path path = walker.root().resolve(relPath);
            errorPaths.add(path);
            String why = IoErrors.reason(error);
            String text = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                    ? relPath + "/: cannot be read (" + why + "): nothing under it is indexed or watched"
                    : relPath + ": cannot be read (" + why + "), skipped";
            if (text.equals(WARNED.put(path, text))) {
                log.debug("{} (again)", text);
            } else {
                log.warn("{}", text);
            }
        }
    }

    /**
     * What was last warned about each path that could not be read, so that a rescan (every 30 s for a
     * root that is not watched) does not repeat it: the warning comes again when its text changes, or
     * after a full scan read the path fine. Process-wide: paths are absolute, and the daemon makes a
     * scanner per pass.
     */
    private static final java.util.Map<Path, String> WARNED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Forgets the warnings about paths under this root that the full scan just made did not meet. */
    private void forgetWarnedBut(java.util.Set<Path> stillFailing) {
        Path root = walker.root();
        WARNED.keySet().removeIf(p -> p.startsWith(root) && !stillFailing.contains(p));
    }
}
