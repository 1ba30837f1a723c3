package dev.codeindex.daemon;

import dev.codeindex.walk.WalkOptions;
import dev.codeindex.watch.ChangeQueue;
import dev.codeindex.watch.Rescan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Caught up to now" for one root, with cookie files as Watchman does: a sync writes a uniquely
 * named file into the tree; once the watcher reports it, every event before it has been marked, and
 * once the pass holding those marks is applied, everything written before the sync is indexed.
 * Without a live watcher a full rescan is the barrier.
 *
 * <p>Threading: {@link #sync} from any thread; the watcher's thread reports cookies; the root's loop
 * finishes them.
 */
final class SyncBarrier {
    private static final Logger log = LoggerFactory.getLogger(SyncBarrier.class);

    private final Path root;
    private final ChangeQueue queue;
    private final String cookieTag = ProcessHandle.current().pid() + "-";
    private final AtomicLong cookies = new AtomicLong();
    private final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    SyncBarrier(Path root, ChangeQueue queue) {
        this.root = root;
        this.queue = queue;
    }

    /** Completes once everything written before this call is indexed (see the class comment). */
    CompletableFuture<Void> sync(boolean watcherAlive) {
        long id = cookies.incrementAndGet();
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.put(id, done);
        Path cookie = cookiePath(id);
        boolean written = false;
        if (watcherAlive) {
            try {
                Files.writeString(cookie, "");
                written = true;
            } catch (IOException e) {
                log.debug("cannot write the sync cookie {}: {}; rescanning instead", cookie, e.getMessage());
            }
        }
        if (!written) {
            queue.requestRescan(Rescan.of(Rescan.Kind.SYNC_WITHOUT_WATCHER, "sync without a watcher"));
            queue.addCookie(id);
        }
        return done;
    }

    /** The watcher saw a cookie file (the part of its name after the prefix); others' cookies are ignored. */
    void cookieSeen(String suffix) {
        if (suffix.startsWith(cookieTag)) {
            try {
                queue.addCookie(Long.parseLong(suffix.substring(cookieTag.length())));
            } catch (NumberFormatException notOurs) {
                log.debug("cookie {} is not one of ours", suffix);
            }
        }
    }

    /** The pass that held these cookies is applied: their syncs are done. */
    void finish(List<Long> done) {
        for (long id : done) {
            CompletableFuture<Void> f = waiting.remove(id);
            try {
                Files.deleteIfExists(cookiePath(id));
            } catch (IOException e) {
                log.debug("cannot delete the sync cookie {}: {}", cookiePath(id), e.getMessage());
            }
            if (f != null) {
                f.complete(null);
            }
        }
    }

    /** Fails every sync still waiting (the root is stopping). */
    void failAll(Throwable why) {
        for (CompletableFuture<Void> f : waiting.values()) {
            f.completeExceptionally(why);
        }
    }

    private Path cookiePath(long id) {
        return root.resolve(WalkOptions.COOKIE_PREFIX + cookieTag + id);
    }
}
