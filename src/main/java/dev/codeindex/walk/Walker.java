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
        Objects.requireNonNull(visitor, "visitor");
        if (!Files.isDirectory(root)) {
            throw Files.exists(root) ? new NotDirectoryException(root.toString())
                    : new NoSuchFileException(root.toString());
        }
        Path realRoot = root.toRealPath();
        new Run(visitor, options.followSymlinks() ? realRoot : null).start(realRoot, null);
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

    /** The state of one walk. */
    private final class Run {
        private final WalkVisitor visitor;
        private final IgnoreRules rules;
        /** Non-null iff links are followed: links must resolve inside it. */
        private final Path followRoot;
        /** File keys of the directories on the current path; only when following links. */
        private final ArrayList<Object> openDirs = new ArrayList<>();
        private String lastFile;

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
                    if (rules.isIgnored(rel, e.name, true, has)) {
                        visitor.onIgnored(rel, true);
                        continue;
                    }
                    descend(rel, e, under);
                }
            } finally {
                rules.leave(mark);
            }
        }

        private void visit(String prefix, DirEntry e, Predicate<String> siblings) throws InterruptedIOException {
            String rel = prefix.concat(e.name);
            boolean isDir = e.isDir();
            if (rules.isIgnored(rel, e.name, isDir, siblings)) {
                visitor.onIgnored(rel, isDir);
                return;
            }
            switch (e.kind) {
                case FILE -> emit(rel, e);
                case DIR -> descend(rel, e, null);
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
                Predicate<String> has = name -> DirEntry.contains(entries, name);
                if (optionRules.isCacheDir(rel, has)) {
                    visitor.onIgnored(rel, true);
                    return;
                }
                visitChildren(e.path, rel + "/", entries, has, targets);
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
