package dev.codeindex.walk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Walks a source tree depth-first and reports every entry to a {@link WalkVisitor}: regular files
 * that are not ignored to {@code onFile}, in strictly increasing {@code String.compareTo} order of
 * their '/'-separated relative paths (a directory sorts as its name + "/", so depth-first order
 * over sorted children is the order of full paths); ignored entries to {@code onIgnored} (an
 * ignored directory once, never entered); FIFOs, sockets, devices and symlinks that are not
 * followed to {@code onSpecial}, never opened.
 *
 * <p>What is ignored: see {@link WalkOptions}. Symlinks: by default none is followed. With
 * {@link WalkOptions#followSymlinks()} a link is followed when its real target lies inside the
 * real root; a link to a directory that is already on the current path (a loop) is reported as
 * special, so the walk terminates and a loop yields each file once. A tree that links to one
 * directory from two places is walked under both names. A dangling link is special too.
 *
 * <p>Cost: one directory listing and one {@code lstat} per entry, ignore files read once per
 * directory visited, and memory proportional to the depth times the widest directory, never to
 * the size of the tree. Nothing is opened except ignore files.
 *
 * <p>Threading: a {@code Walker} is immutable; each {@link #walk} call has its own state, so calls
 * may run concurrently. The visitor is called on the calling thread only.
 *
 * <p>Errors: a root that is missing, not a directory or unlistable makes {@link #walk} throw. Below
 * it, an entry that cannot be stat'ed, a directory that cannot be listed and an ignore file that
 * cannot be read go to {@code onError} and the walk goes on. Exceptions thrown by the visitor
 * propagate and end the walk. Interrupting the walking thread stops the walk at the next
 * directory with an {@link InterruptedIOException}; the interrupt flag stays set.
 */
public final class Walker {
    private final Path root;
    private final WalkOptions options;
    private final OptionRules optionRules;

    public Walker(Path root, WalkOptions options) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.options = Objects.requireNonNull(options, "options");
        this.optionRules = new OptionRules(options);
    }

    public Path root() {
        return root;
    }

    /** Walks the whole tree; returns when every entry has been reported. */
    public void walk(WalkVisitor visitor) throws IOException {
        walk(visitor, false);
    }

    /**
     * Walks the whole tree; returns when every entry has been reported. With {@code listAhead}, a
     * helper thread lists (and stats the entries of) the directories the walk will enter next
     * while the calling thread reports what is already listed: the same reports in the same order,
     * on the calling thread, but {@link WalkVisitor#onDirectory} is no longer called before its
     * directory is listed, so a watcher must not use it. At most {@value #LIST_AHEAD} listings are
     * held ahead of the walk. Symlinks that are followed turn it off.
     */
    public void walk(WalkVisitor visitor, boolean listAhead) throws IOException {
        Objects.requireNonNull(visitor, "visitor");
        if (!Files.isDirectory(root)) {
            throw Files.exists(root) ? new NotDirectoryException(root.toString())
                    : new NoSuchFileException(root.toString());
        }
        Path realRoot = root.toRealPath();
        Run run = new Run(visitor, options.followSymlinks() ? realRoot : null);
        if (!listAhead || options.followSymlinks()) {
            run.start(realRoot, null);
            return;
        }
        try (Ahead ahead = new Ahead()) {
            run.ahead = ahead;
            run.start(realRoot, null);
        }
    }

    /** {@link #walkPaths} for one path. */
    public void walkPath(String relPath, WalkVisitor visitor) throws IOException {
        walkPaths(java.util.List.of(relPath), visitor);
    }

    /**
     * Reports the entries at {@code relPaths} (everything under those that are directories) exactly
     * as {@link #walk} would: with the ignore rules of their ancestors, in the same order, each
     * file once. Reports nothing for a path that does not exist, and {@code onIgnored} for an
     * ignored ancestor. Lists only the directories on the way to the paths, each once: the
     * watcher's way to look at what changed.
     *
     * @param relPaths '/'-separated, relative to the root, not empty
     */
    public void walkPaths(java.util.Collection<String> relPaths, WalkVisitor visitor) throws IOException {
        Objects.requireNonNull(visitor, "visitor");
        java.util.TreeSet<String> targets = new java.util.TreeSet<>();
        for (String p : relPaths) {
            if (p.isEmpty() || p.startsWith("/") || p.endsWith("/")) {
                throw new IllegalArgumentException("not a relative path: '" + p + "'");
            }
            targets.add(p);
        }
        if (!Files.isDirectory(root)) {
            throw Files.exists(root) ? new NotDirectoryException(root.toString())
                    : new NoSuchFileException(root.toString());
        }
        if (targets.isEmpty()) {
            return;
        }
        Path realRoot = root.toRealPath();
        new Run(visitor, options.followSymlinks() ? realRoot : null).start(realRoot, targets);
    }

    /** How many directory listings a walk with a helper may hold ahead of the walking thread. */
    static final int LIST_AHEAD = 64;

    /**
     * A directory listing that the helper or the walking thread runs, whichever claims it first.
     * The walk takes its entries exactly once and the listing lets go of them then, so listings
     * still referenced (by the helper's queue, by a parent's frame) hold no entries: memory stays
     * bounded by the {@value #LIST_AHEAD} listings ahead, whatever the tree.
     */
    private static final class Listing {
        static final int NEW = 0;
        static final int HELPER = 1;
        static final int WALK = 2;
        final java.util.concurrent.atomic.AtomicInteger owner = new java.util.concurrent.atomic.AtomicInteger(NEW);
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        private Path dir;
        private DirEntry[] entries;
        private Throwable error;

        Listing(Path dir) {
            this.dir = dir;
        }

        /** Lists the directory; by whichever thread claimed it. */
        void run() {
            try {
                entries = DirEntry.list(dir, null);
            } catch (Throwable e) { // IOException, or anything the walk must see rather than a null
                error = e;
            } finally {
                dir = null;
                done.countDown();
            }
        }

        /** The entries, once listed; the listing forgets them. */
        DirEntry[] take() throws IOException, InterruptedException {
            done.await();
            DirEntry[] out = entries;
            entries = null;
            if (error instanceof IOException io) {
                throw io;
            }
            if (error instanceof RuntimeException r) {
                throw r;
            }
            if (error instanceof Error e) {
                throw e;
            }
            return out;
        }
    }

    /**
     * The helper of a walk that lists ahead: takes the most recently queued listing first (the
     * next child of the directory the walk is in), so that it works where the walk goes next.
     * Each listing it runs holds one of {@value #LIST_AHEAD} permits until the walk takes it.
     */
    private static final class Ahead implements AutoCloseable {
        private final java.util.concurrent.LinkedBlockingDeque<Listing> queue =
                new java.util.concurrent.LinkedBlockingDeque<>();
        private final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(LIST_AHEAD);
        private final Thread helper;

        Ahead() {
            helper = new Thread(this::work, "walk-ahead");
            helper.setDaemon(true);
            helper.start();
        }

        private void work() {
            try {
                while (true) {
                    permits.acquire();
                    Listing l = queue.takeFirst();
                    if (l.owner.compareAndSet(Listing.NEW, Listing.HELPER)) {
                        l.run();
                    } else {
                        permits.release(); // the walk took it first
                    }
                }
            } catch (InterruptedException e) {
                // the walk is over
            }
        }

        /** Queues {@code dirs} (in walk order, nulls skipped) so that the first is taken first. */
        void queue(Listing[] dirs) {
            for (int i = dirs.length - 1; i >= 0; i--) {
                if (dirs[i] != null) {
                    queue.offerFirst(dirs[i]);
                }
            }
        }

        /** The listing: run here unless the helper has claimed it, else waited for. */
        DirEntry[] take(Listing l) throws IOException {
            boolean here = l.owner.compareAndSet(Listing.NEW, Listing.WALK);
            if (here) {
                l.run(); // stays in the queue; the helper skips it
            }
            try {
                return l.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("walk interrupted while waiting for a directory listing");
            } finally {
                if (!here) {
                    permits.release();
                }
            }
        }

        @Override
        public void close() {
            helper.interrupt();
        }
    }

    /** The state of one walk. */
    private final class Run {
        private final WalkVisitor visitor;
        private final IgnoreRules rules;
        /** Non-null iff links are followed: links must resolve inside it. */
        private final Path followRoot;
        /** File keys of the directories on the current path; only when following links. */
        private final ArrayList<Object> openDirs = new ArrayList<>();
        private String lastFile;
        /** The helper that lists ahead, or null. */
        Ahead ahead;

        Run(WalkVisitor visitor, Path followRoot) {
            this.visitor = visitor;
            this.rules = new IgnoreRules(optionRules);
            this.followRoot = followRoot;
        }

        /** Walks everything when {@code targets} is null, else the targets only. */
        void start(Path realRoot, java.util.NavigableSet<String> targets) throws IOException {
            DirEntry[] entries = DirEntry.list(root, followRoot);
            Predicate<String> has = name -> DirEntry.contains(entries, name);
            if (!has.test(GitWorkTree.DOT_GIT)) {
                rules.enterAncestors(realRoot, visitor);
            }
            if (followRoot != null) {
                openDirs.add(identity(root, Files.readAttributes(root, BasicFileAttributes.class).fileKey()));
            }
            visitChildren(root, "", entries, has, targets);
        }

        /**
         * Visits the entries of {@code dir}: all of them when {@code targets} is null, else those
         * that are targets (whole) and, towards the targets below, the directories that hold them.
         */
        private void visitChildren(Path dir, String prefix, DirEntry[] entries, Predicate<String> has,
                                   java.util.NavigableSet<String> targets) throws InterruptedIOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("walk of " + root + " interrupted at /" + prefix);
            }
            int mark = rules.enter(dir, prefix, has, visitor);
            try {
                if (targets == null && ahead != null) {
                    visitAhead(prefix, entries, has);
                    return;
                }
                for (DirEntry e : entries) {
                    String rel = prefix.concat(e.name);
                    if (targets == null || targets.contains(rel)) {
                        visit(prefix, e, has); // the entry, and all under it
                        continue;
                    }
                    // '0' follows '/': the targets from "rel/" up to "rel0" are those under rel/
                    java.util.NavigableSet<String> under = targets.subSet(rel + "/", true, rel + "0", false);
                    if (under.isEmpty() || !e.isDir()) {
                        continue;
                    }
                    IgnoreReason why = rules.ignoredBy(rel, e.path, e.name, true, has);
                    if (why != null) {
                        visitor.onIgnored(rel, true, why);
                        continue;
                    }
                    descend(rel, e, under);
                }
            } finally {
                rules.leave(mark);
            }
        }

        /**
         * {@link #visit} for every entry, but the ignore rules are applied to all entries first,
         * so that the listings of the directories to enter can be queued for the helper at once.
         */
        private void visitAhead(String prefix, DirEntry[] entries, Predicate<String> has) throws InterruptedIOException {
            int n = entries.length;
            String[] rels = new String[n];
            IgnoreReason[] ignored = new IgnoreReason[n];
            Listing[] listings = null;
            for (int i = 0; i < n; i++) {
                DirEntry e = entries[i];
                rels[i] = prefix.concat(e.name);
                ignored[i] = rules.ignoredBy(rels[i], e.path, e.name, e.isDir(), has);
                if (ignored[i] == null && e.isDir()) {
                    if (listings == null) {
                        listings = new Listing[n];
                    }
                    listings[i] = new Listing(e.path);
                }
            }
            if (listings != null) {
                ahead.queue(listings);
            }
            for (int i = 0; i < n; i++) {
                if (ignored[i] != null) {
                    visitor.onIgnored(rels[i], entries[i].isDir(), ignored[i]);
                } else {
                    report(rels[i], entries[i], listings == null ? null : listings[i]);
                }
            }
        }

        /** {@link #descend} of a whole directory whose listing was queued for the helper. */
        private void descendAhead(String rel, DirEntry e, Listing listing) throws InterruptedIOException {
            visitor.onDirectory(rel);
            DirEntry[] entries;
            try {
                entries = ahead.take(listing);
            } catch (InterruptedIOException ex) {
                throw ex;
            } catch (IOException ex) {
                visitor.onError(rel, ex);
                return;
            }
            enter(rel, e.path, entries, null);
        }

        /** Visits the listed children of directory {@code rel}, unless the listing shows a cache directory. */
        private void enter(String rel, Path dir, DirEntry[] entries, java.util.NavigableSet<String> targets)
                throws InterruptedIOException {
            Predicate<String> has = name -> DirEntry.contains(entries, name);
            if (optionRules.isCacheDir(rel, has)) {
                visitor.onIgnored(rel, true, IgnoreReason.CACHE);
                return;
            }
            visitChildren(dir, rel + "/", entries, has, targets);
        }

        private void visit(String prefix, DirEntry e, Predicate<String> siblings) throws InterruptedIOException {
            String rel = prefix.concat(e.name);
            boolean isDir = e.isDir();
            IgnoreReason why = rules.ignoredBy(rel, e.path, e.name, isDir, siblings);
            if (why != null) {
                visitor.onIgnored(rel, isDir, why);
                return;
            }
            report(rel, e, null);
        }

        /**
         * Reports an entry that is not ignored: emits a file, enters a directory (through the listing
         * queued for the helper when there is one, else listing it here), reports the rest.
         */
        private void report(String rel, DirEntry e, Listing listing) throws InterruptedIOException {
            switch (e.kind) {
                case FILE -> emit(rel, e);
                case DIR -> {
                    if (listing != null) {
                        descendAhead(rel, e, listing);
                    } else {
                        descend(rel, e, null);
                    }
                }
                case SPECIAL -> visitor.onSpecial(rel);
                case ERROR -> visitor.onError(rel, e.error);
            }
        }

        private void emit(String rel, DirEntry e) {
            if (lastFile != null && rel.compareTo(lastFile) <= 0) {
                // only names the platform decodes to the same string can get here
                visitor.onError(rel, new IOException("duplicate path after name decoding: " + rel));
                return;
            }
            lastFile = rel;
            visitor.onFile(new FileStat(rel, e.path, e.attrs.size(), e.attrs.lastModifiedTime().toMillis()));
        }

        /** Enters directory {@code e}: all of it when {@code targets} is null, else on the way to them. */
        private void descend(String rel, DirEntry e, java.util.NavigableSet<String> targets)
                throws InterruptedIOException {
            boolean whole = targets == null;
            Object id = null;
            if (followRoot != null) {
                id = identity(e.path, e.attrs.fileKey());
                if (id == null || openDirs.contains(id)) {
                    if (whole) {
                        visitor.onSpecial(rel); // a loop back to a directory we are inside
                    }
                    return;
                }
                openDirs.add(id);
            }
            try {
                if (whole) {
                    visitor.onDirectory(rel); // before the listing: a watcher registered now misses nothing in it
                }
                DirEntry[] entries;
                try {
                    entries = DirEntry.list(e.path, followRoot);
                } catch (IOException ex) {
                    visitor.onError(rel, ex);
                    return;
                }
                enter(rel, e.path, entries, targets);
            } finally {
                if (id != null) {
                    openDirs.remove(openDirs.size() - 1);
                }
            }
        }

        /** The file key, or the real path where the platform has no file keys. */
        private Object identity(Path dir, Object fileKey) {
            if (fileKey != null) {
                return fileKey;
            }
            try {
                return dir.toRealPath();
            } catch (IOException ex) {
                return null;
            }
        }
    }
}
