package dev.codeindex.testing;

import dev.codeindex.watch.ChangeQueue;
import dev.codeindex.watch.TreeWatch;
import dev.codeindex.watch.TreeWatchFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link TreeWatch} driven by the test: it marks paths and reports cookies when told, and can die,
 * lose part of the tree or see an ignore rule change, as the real watcher does. {@link #factory()}
 * hands out a new one per arming and can refuse to arm (the inotify limit).
 *
 * <p>Threading: any thread.
 */
public final class FakeTreeWatch implements TreeWatch {
    private final ChangeQueue queue;
    private final Consumer<String> cookieSeen;
    private volatile boolean alive = true;
    private volatile String failure;
    private volatile String problem;
    private volatile boolean rulesChanged;
    private volatile RuntimeException closeFailure;

    private FakeTreeWatch(ChangeQueue queue, Consumer<String> cookieSeen) {
        this.queue = queue;
        this.cookieSeen = cookieSeen;
    }

    /** Arms fake watches and remembers them, newest last. */
    public static final class Factory implements TreeWatchFactory {
        private final List<FakeTreeWatch> armed = new ArrayList<>();
        private volatile String refuse;

        /** Arming throws an IOException with this message until {@link #allow()} (null: arm). */
        public Factory refuse(String message) {
            refuse = message;
            return this;
        }

        public Factory allow() {
            refuse = null;
            return this;
        }

        @Override
        public synchronized TreeWatch watch(Path root, ChangeQueue queue, Consumer<String> cookieSeen) throws IOException {
            if (refuse != null) {
                throw new IOException(refuse);
            }
            FakeTreeWatch w = new FakeTreeWatch(queue, cookieSeen);
            armed.add(w);
            return w;
        }

        public synchronized int armings() {
            return armed.size();
        }

        public synchronized FakeTreeWatch current() {
            return armed.isEmpty() ? null : armed.get(armed.size() - 1);
        }
    }

    public static Factory factory() {
        return new Factory();
    }

    /** As if the watcher saw {@code relPath} change. */
    public void changed(String relPath) {
        queue.mark(relPath);
    }

    /** As if the watcher saw a cookie file named with this suffix. */
    public void cookie(String suffix) {
        cookieSeen.accept(suffix);
    }

    /** The watcher stops delivering events, with this failure. */
    public void die(String why) {
        failure = why;
        alive = false;
    }

    /** Part of the tree is not watched (e.g. new directories past the inotify limit). */
    public void lose(String why) {
        problem = why;
    }

    /** An ignore file changed. */
    public void rulesChange() {
        rulesChanged = true;
    }

    @Override
    public boolean alive() {
        return alive;
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public boolean rulesChanged() {
        boolean r = rulesChanged;
        rulesChanged = false;
        return r;
    }

    /** Closing this watch throws {@code e} (a watcher that cannot be stopped cleanly). */
    public void failOnClose(RuntimeException e) {
        closeFailure = e;
    }

    @Override
    public void close() {
        alive = false;
        RuntimeException e = closeFailure;
        if (e != null) {
            throw e;
        }
    }
}
