package dev.codeindex.index;

import dev.codeindex.manifest.Manifest;
import dev.codeindex.manifest.EntryHeader;
import dev.codeindex.manifest.PendingFile;
import dev.codeindex.util.PrefetchIterator;
import dev.codeindex.walk.FileStat;
import dev.codeindex.walk.WalkVisitor;
import dev.codeindex.walk.Walker;
import java.io.IOException;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Differ for a full pass: merges the walk (in path order) with the manifest's entries (in the
 * same order) in one streaming pass, so memory does not grow with the tree. New and changed files
 * (by size and mtime, or made by another chunker) go to the pending list; manifest paths the walk
 * did not meet are marked gone. Nothing is read here: unchanged files cost one stat.
 */
final class Scanner {
    private static final Logger log = LoggerFactory.getLogger(Scanner.class);

    private final Walker walker;
    private final Manifest manifest;
    private final int fingerprint;
    private final long maxFiles;
    private final long maxFileSize;
    private final ProgressListener progress;

    Scanner(Walker walker, Manifest manifest, int fingerprint, long maxFiles, long maxFileSize,
            ProgressListener progress) {
        this.walker = walker;
        this.manifest = manifest;
        this.fingerprint = fingerprint;
        this.maxFiles = maxFiles;
        this.maxFileSize = maxFileSize;
        this.progress = progress;
    }

    ScanResult scan() throws IOException {
        try (PrefetchIterator<EntryHeader> heads = new PrefetchIterator<>(manifest.headers(), 1024, 8, "manifest-read")) {
            Merge merge = new Merge(heads);
            try {
                walker.walk(merge);
            } catch (StopWalk stop) {
                merge.truncated = true;
            }
            if (!merge.truncated) {
                merge.markGoneUpTo(null); // everything left in the manifest was not met by the walk
            }
            return merge.result();
        }
    }

    private static final class StopWalk extends RuntimeException {
        StopWalk() {
            super(null, null, false, false);
        }
    }

    private final class Merge implements WalkVisitor {
        private final Iterator<EntryHeader> entries;
        private EntryHeader current;
        long seen;
        long unchanged;
        long pending;
        long gone;
        long ignored;
        long special;
        long errors;
        boolean truncated;

        ScanResult result() {
            return new ScanResult(seen, unchanged, pending, gone, ignored, special, errors, truncated);
        }

        Merge(Iterator<EntryHeader> entries) {
            this.entries = entries;
            this.current = entries.hasNext() ? entries.next() : null;
        }

        @Override
        public void onFile(FileStat stat) {
            if (maxFiles > 0 && seen >= maxFiles) {
                throw new StopWalk();
            }
            seen++;
            markGoneUpTo(stat.relPath());
            EntryHeader known = null;
            if (current != null && current.relPath().equals(stat.relPath())) {
                known = current;
                current = entries.hasNext() ? entries.next() : null;
            }
            if (known != null && known.sameStat(stat.size(), stat.mtimeMillis()) && stillValid(known)) {
                unchanged++;
            } else {
                manifest.addPending(new PendingFile(stat.relPath(), stat.size(), stat.mtimeMillis()));
                pending++;
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
                case BINARY -> true;
            };
        }

        /** Marks every manifest path before {@code path} (all of them when null) as gone. */
        void markGoneUpTo(String path) {
            while (current != null && (path == null || current.relPath().compareTo(path) < 0)) {
                manifest.markGone(current.relPath(), current.hash());
                gone++;
                current = entries.hasNext() ? entries.next() : null;
            }
        }

        @Override
        public void onIgnored(String relPath, boolean directory) {
            ignored++;
        }

        @Override
        public void onSpecial(String relPath) {
            special++;
            log.debug("{}: not a regular file, skipped", relPath);
        }

        @Override
        public void onError(String relPath, IOException error) {
            errors++;
            log.warn("{}: cannot be read ({}), skipped", relPath, error.getMessage());
        }
    }
}
