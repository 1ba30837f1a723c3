package dev.codeindex.watch.methvin;

import dev.codeindex.util.DaemonThreads;
import dev.codeindex.walk.FileStat;
import dev.codeindex.watch.ChangeQueue;
import dev.codeindex.watch.Rescan;
import dev.codeindex.watch.TreeWatch;
import dev.codeindex.watch.TreeWatchFactory;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.walk.WalkVisitor;
import dev.codeindex.walk.Walker;
import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one root with io.methvin's directory-watcher and turns its events into marks on a
 * {@link ChangeQueue}. Events are hints: a path is only marked, the Differ decides what changed.
 *
 * <p>Its own hashing is off (the manifest hashes), and directories are registered through the
 * {@link Walker}, so ignored directories ({@code node_modules}, build output, anything in
 * {@code .gitignore}) cost no inotify watch. Any sign of lost events (an overflow, which this
 * library reports through {@code onException}, or any other watcher error) asks for a rescan; so
 * does a change to an ignore file, whose rules decide what is watched: the owner re-arms the
 * watcher then ({@link #rulesChanged}).
 *
 * <p>Sync cookies: an event for a file named {@link WalkOptions#COOKIE_PREFIX}{@code …} is not a
 * change; it goes to the owner, which learns that everything written before the cookie has been marked.
 */
public final class MethvinTreeWatch implements TreeWatch {
    private static final Logger log = LoggerFactory.getLogger(MethvinTreeWatch.class);
    static final Set<String> IGNORE_FILES = Set.of(".gitignore", ".ignore", ".codeindexignore");
    /** Beside a dist/ directory, a rule file too: it says whether dist/ is the package's only code. */
    static final String PACKAGE_JSON = "package.json";

    private final Path root;
    private final DirectoryWatcher watcher;
    private final ExecutorService thread;
    private final CompletableFuture<Void> running;
    private final DirectoryChangeListener listener;
    private volatile boolean rulesChanged;
    private volatile boolean closing;
    /** Set when part of the tree could not be watched (new directories past the inotify limit). */
    private volatile String problem;
    /** Directories skipped because they could not be read, with why: neither watched nor indexed. */
    private final java.util.Map<Path, String> unreadable = new java.util.concurrent.ConcurrentHashMap<>();
    /** A skipped directory that an event showed readable again, until {@link #rearmWanted} reports it. */
    private volatile String readableAgain;

    /** Watches with the library, registering directories through {@code walker}'s ignore rules. */
    public static TreeWatchFactory factory(Walker walker) {
        return factory(walker, BeforeRegister.NONE);
    }

    /**
     * {@link #factory(Walker)}, with {@code before} called just before each directory is registered:
     * a test makes one directory fail to register (as an unreadable one does for a user who is not
     * root) or removes it between the listing and the registering.
     */
    public static TreeWatchFactory factory(Walker walker, BeforeRegister before) {
        return (root, queue, cookieSeen) -> new MethvinTreeWatch(root, walker, queue, cookieSeen, before);
    }

    /** Called with each directory just before the library registers it; may throw what registering would. */
    @FunctionalInterface
    public interface BeforeRegister {
        BeforeRegister NONE = dir -> { };

        void accept(Path dir) throws IOException;
    }

    /**
     * Registers every directory that is not ignored and starts watching on a thread of its own. A
     * directory below the root that cannot be registered (it cannot be read, or it went away or
     * became a file since its parent was listed) is skipped: the rest of the tree is watched.
     *
     * @throws IOException when the tree cannot be watched (the root itself, or the inotify watch
     *                     limit): the owner falls back to periodic rescans
     */
    public MethvinTreeWatch(Path root, Walker walker, ChangeQueue queue, Consumer<String> cookieSeen) throws IOException {
        this(root, walker, queue, cookieSeen, BeforeRegister.NONE);
    }

    private MethvinTreeWatch(Path root, Walker walker, ChangeQueue queue, Consumer<String> cookieSeen,
                             BeforeRegister before) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.thread = Executors.newSingleThreadExecutor(DaemonThreads.named("watch-" + this.root.getFileName()));
        DirectoryChangeListener listener = new DirectoryChangeListener() {
            @Override
            public void onEvent(DirectoryChangeEvent event) {
                if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
                    queue.requestRescan(Rescan.of(Rescan.Kind.EVENTS_LOST, "the watcher lost events (overflow)"));
                    return;
                }
                Path path = event.path();
                if (path == null || !path.startsWith(MethvinTreeWatch.this.root) || path.equals(MethvinTreeWatch.this.root)) {
                    return;
                }
                String name = path.getFileName().toString();
                if (name.startsWith(WalkOptions.COOKIE_PREFIX)) {
                    if (event.eventType() != DirectoryChangeEvent.EventType.DELETE) {
                        cookieSeen.accept(name.substring(WalkOptions.COOKIE_PREFIX.length()));
                    }
                    return;
                }
                String rel = MethvinTreeWatch.this.root.relativize(path).toString().replace('\\', '/');
                if (unreadable.containsKey(path) && Files.isReadable(path)) {
                    // chmod on a skipped directory: it can be watched now, which takes a new registration
                    unreadable.remove(path);
                    readableAgain = rel;
                }
                if (IGNORE_FILES.contains(name)) {
                    rulesChanged = true;
                    queue.requestRescan(Rescan.of(Rescan.Kind.RULES_CHANGED, "ignore rules changed: " + rel));
                    return;
                }
                if (name.equals(PACKAGE_JSON) && Files.isDirectory(path.resolveSibling("dist"))) {
                    // package.json decides whether dist/ beside it is the package's only code, to index
                    rulesChanged = true;
                    queue.requestRescan(Rescan.of(Rescan.Kind.RULES_CHANGED, "ignore rules changed: " + rel
                            + " (whether dist/ beside it is indexed)"));
                    return;
                }
                queue.mark(rel);
            }

            @Override
            public void onException(Exception e) {
                String what = describe(e);
                log.warn("watcher of {}: {}; rescanning", MethvinTreeWatch.this.root, what);
                if (what.contains("inotify")) {
                    problem = what; // new directories go unwatched: the owner rescans on a timer
                }
                queue.requestRescan(Rescan.of(Rescan.Kind.EVENTS_LOST, "the watcher lost events (" + what + ")"));
            }
        };
        this.listener = listener;
        this.watcher = DirectoryWatcher.builder()
                .path(this.root)
                .listener(listener)
                .fileHashing(false)
                .fileTreeVisitor(new IgnoreAwareVisitor(this.root, walker, before, this::skipped))
                .logger(LoggerFactory.getLogger(DirectoryWatcher.class))
                .build();
        CompletableFuture<Void> f;
        try {
            f = watcher.watchAsync(thread); // registers every directory before it returns
        } catch (RuntimeException e) {
            close();
            throw new IOException(describe(e), e);
        }
        if (f.isCompletedExceptionally()) {
            Throwable cause = f.handle((v, t) -> t).join();
            close();
            throw new IOException(describe(cause), cause);
        }
        this.running = f;
        // a watcher that dies on its own (its directory gone, an internal error) delivers nothing more:
        // wake the owner, which rescans and re-arms
        f.whenComplete((v, t) -> {
            if (!closing) {
                queue.requestRescan(Rescan.of(Rescan.Kind.WATCHER_STOPPED,
                        "the watcher stopped" + (t == null ? "" : ": " + describe(t))));
            }
        });
    }

    /** The library's watcher: a test stops it under the owner's feet to see the owner recover. */
    public DirectoryWatcher directoryWatcher() {
        return watcher;
    }

    /** Whether the watcher is still delivering events (false once it died or was closed). */
    @Override
    public boolean alive() {
        return !running.isDone();
    }

    /** Why the watcher stopped, or null while it runs or after a clean close. */
    @Override
    public String failure() {
        if (!running.isCompletedExceptionally()) {
            return null;
        }
        return describe(running.handle((v, t) -> t).join());
    }

    /** Why part of the tree is not watched, or null. */
    @Override
    public String problem() {
        return problem;
    }

    /** The listener the library calls: a test reports errors through it exactly as the library does. */
    public DirectoryChangeListener listener() {
        return listener;
    }

    /**
     * The directories below the root that are not watched because registering them failed, with the
     * error: root-relative, in path order. One that cannot be read is not indexed either (the walk
     * cannot list it); one that went away needs no watch.
     */
    public java.util.SortedMap<String, String> skippedDirectories() {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        unreadable.forEach((dir, why) -> out.put(root.relativize(dir).toString().replace('\\', '/'), why));
        return out;
    }

    @Override
    public String rearmWanted() {
        String rel = readableAgain;
        readableAgain = null;
        return rel == null ? null : rel + " can be read now";
    }

    /** A directory that could not be registered: skipped, so that the rest of the tree is watched. */
    private void skipped(Path dir, IOException e) {
        String why = describe(e);
        if (e instanceof AccessDeniedException) {
            unreadable.put(dir, why);
        }
        log.debug("{}: {} is not watched ({})", root, dir, why);
    }

    /** Whether an ignore file changed since the last call: the owner re-arms the watcher then. */
    @Override
    public boolean rulesChanged() {
        boolean r = rulesChanged;
        rulesChanged = false;
        return r;
    }

    private static String describe(Throwable t) {
        return TreeWatch.describe(t);
    }

    @Override
    public void close() {
        closing = true;
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the watcher of {}: {}", root, e.getMessage());
        } finally {
            thread.shutdownNow();
        }
    }

    /**
     * Hands the library only the directories the walk would enter; never files (the Differ finds those).
     * A directory below the root that fails to register with a file-system error (it cannot be read,
     * it went away, it is no longer a directory) goes to {@code skipped} and the registration goes on;
     * any other error (the inotify watch limit) ends it.
     */
    private static final class IgnoreAwareVisitor implements FileTreeVisitor {
        private final Path root;
        private final Walker walker;
        private final BeforeRegister before;
        private final java.util.function.BiConsumer<Path, IOException> skipped;

        IgnoreAwareVisitor(Path root, Walker walker, BeforeRegister before,
                           java.util.function.BiConsumer<Path, IOException> skipped) {
            this.root = root;
            this.walker = walker;
            this.before = before;
            this.skipped = skipped;
        }

        private void register(Callback onDirectory, Path dir) throws IOException {
            try {
                before.accept(dir);
                onDirectory.call(dir);
            } catch (FileSystemException e) {
                if (dir.equals(root)) {
                    throw e;
                }
                skipped.accept(dir, e);
            }
        }

        @Override
        public void recursiveVisitFiles(Path start, Callback onDirectory, Callback onFile) throws IOException {
            Path abs = start.toAbsolutePath().normalize();
            if (!abs.startsWith(root)) {
                return;
            }
            String rel = root.relativize(abs).toString().replace('\\', '/');
            WalkVisitor v = new WalkVisitor() {
                @Override
                public void onFile(FileStat stat) {}

                @Override
                public void onDirectory(String relPath) {
                    try {
                        register(onDirectory, root.resolve(relPath));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            try {
                if (rel.isEmpty()) {
                    register(onDirectory, root);
                    walker.walk(v);
                } else {
                    walker.walkPath(rel, v); // a directory created while watching: onDirectory registers it too
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
