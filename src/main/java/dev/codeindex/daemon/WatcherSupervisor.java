package dev.codeindex.daemon;

import dev.codeindex.watch.ChangeQueue;
import dev.codeindex.watch.ChangeSet;
import dev.codeindex.watch.Rescan;
import dev.codeindex.watch.TreeWatch;
import dev.codeindex.watch.TreeWatchFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one root watched: arms the watch, re-arms it when it died, when the ignore rules changed,
 * when part of the tree went unwatched or when a directory it skipped as unreadable can be read now,
 * and says why the tree is not (fully) watched. A tree that
 * cannot be watched at all runs on timed rescans; the next rescan tries to arm again.
 *
 * <p>Threading: the root's loop arms and checks; any thread reads {@link #alive()} and {@link #problem()}.
 */
final class WatcherSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatcherSupervisor.class);

    private final Path root;
    private final TreeWatchFactory factory;
    private final ChangeQueue queue;
    private final Consumer<String> cookieSeen;
    private final long unwatchedMillis;
    private volatile TreeWatch watch;
    /** Why the last arming failed, or null. */
    private volatile String armFailure;

    WatcherSupervisor(Path root, TreeWatchFactory factory, ChangeQueue queue, Consumer<String> cookieSeen,
                      long unwatchedMillis) {
        this.root = root;
        this.factory = factory;
        this.queue = queue;
        this.cookieSeen = cookieSeen;
        this.unwatchedMillis = unwatchedMillis;
    }

    /** (Re-)arms the watch; on failure the root runs on timed rescans and {@link #problem()} says why. */
    void arm() {
        TreeWatch old = watch;
        watch = null;
        if (old != null) {
            old.close();
        }
        try {
            watch = factory.watch(root, queue, cookieSeen);
            armFailure = null;
            if (old != null) {
                redeliverCookies();
            }
        } catch (IOException | RuntimeException e) {
            String was = armFailure;
            armFailure = "cannot watch the tree (" + TreeWatch.describe(e) + "): rescanning every "
                    + unwatchedMillis / 1000 + " s";
            if (armFailure.equals(was) || !Files.isDirectory(root)) { // said once; a gone root is said by the loop
                log.debug("{}: {}", root, armFailure);
            } else {
                log.warn("{}: {}", root, armFailure);
            }
        }
    }

    /**
     * Before a pass: re-arms the watch when it is missing, died, or its ignore rules changed, or at a
     * periodic rescan when part of the tree was not watched. A pass over paths after a re-arm becomes
     * a rescan, since events may have been missed in between.
     *
     * @return the set to apply
     */
    ChangeSet check(ChangeSet set) {
        TreeWatch w = watch;
        boolean retryLimit = w != null && w.problem() != null && set.isRescan()
                && set.rescan().kind() == Rescan.Kind.PERIODIC;
        String readable = w == null || !w.alive() ? null : w.rearmWanted();
        if (w == null || !w.alive() || readable != null || w.rulesChanged() || retryLimit) {
            String why = w == null ? null : !w.alive() ? "the watcher stopped" + (w.failure() == null ? "" : ": " + w.failure())
                    : readable != null ? readable
                    : retryLimit ? "part of the tree was not watched (" + w.problem() + ")" : "ignore rules changed";
            if (why != null) {
                log.info("{}: {}; re-arming the watcher", root, why);
            }
            arm();
            if (!set.isRescan()) {
                return new ChangeSet(set.paths(), Rescan.of(Rescan.Kind.WATCHER_REARMED, "watcher re-armed"),
                        set.cookies());
            }
        }
        return set;
    }

    /**
     * Reports the sync cookies lying in the root: one written while the old watch was closed and the new one
     * not yet listening was never seen, and its sync waited out its timeout (a test under load: a sync right
     * after a change of ignore rules re-armed the watcher). One already seen is reported again, which only
     * finishes it again.
     */
    private void redeliverCookies() {
        try (java.nio.file.DirectoryStream<Path> cookies = Files.newDirectoryStream(root,
                dev.codeindex.walk.WalkOptions.COOKIE_PREFIX + "*")) {
            for (Path c : cookies) {
                cookieSeen.accept(c.getFileName().toString().substring(dev.codeindex.walk.WalkOptions.COOKIE_PREFIX.length()));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("{}: cannot look for sync cookies: {}", root, e.getMessage());
        }
    }

    /** Whether events are delivered now. */
    boolean alive() {
        TreeWatch w = watch;
        return w != null && w.alive();
    }

    /**
     * What a root that does not exist reports, whatever fails for want of it: one not created yet (a configured
     * root read "no longer exists"; a team trial), or deleted, moved or unmounted.
     */
    static String rootGone(Path root) {
        return "the root " + root + " does not exist (not created yet, or deleted, moved or unmounted): nothing is"
                + " removed from the index meanwhile, and indexing starts or goes on once it is there";
    }

    /** Why the tree is not (fully) watched, or null. */
    String problem() {
        String failed = armFailure;
        if (failed != null) {
            return Files.isDirectory(root) ? failed : rootGone(root);
        }
        TreeWatch w = watch;
        String p = w == null ? null : w.problem();
        return p == null ? null : p + ": rescanning every " + unwatchedMillis / 1000 + " s";
    }

    /** The watch in use, or null. */
    TreeWatch current() {
        return watch;
    }

    @Override
    public void close() {
        TreeWatch w = watch;
        if (w != null) {
            w.close();
        }
    }
}
