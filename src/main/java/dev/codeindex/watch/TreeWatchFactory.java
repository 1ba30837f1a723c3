package dev.codeindex.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Arms a {@link TreeWatch}; the daemon calls it at start and again whenever the watch must be re-armed. */
@FunctionalInterface
public interface TreeWatchFactory {
    /**
     * Starts watching {@code root}: changed paths are marked on {@code queue}; a sync cookie file's
     * suffix (after {@link dev.codeindex.walk.WalkOptions#COOKIE_PREFIX}) goes to {@code cookieSeen}.
     *
     * @throws IOException when the tree cannot be watched (e.g. the inotify watch limit); the owner
     *                     falls back to timed rescans
     */
    TreeWatch watch(Path root, ChangeQueue queue, Consumer<String> cookieSeen) throws IOException;
}
