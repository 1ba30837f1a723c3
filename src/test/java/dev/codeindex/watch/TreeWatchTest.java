package dev.codeindex.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** What the log and the rescan's reason say of a watcher's failure. */
class TreeWatchTest {
    /** Stands in for the watcher library's code that meets a directory deleted under it. */
    private static void register(Object key) {
        Objects.requireNonNull(key);
    }

    @Test
    void a_failure_without_a_message_says_where_it_came_from() {
        NullPointerException bare = null;
        try {
            register(null);
        } catch (NullPointerException e) {
            bare = e;
        }
        String said = TreeWatch.describe(bare);
        assertTrue(said.startsWith("NullPointerException at dev.codeindex.watch.TreeWatchTest.register:"),
                "past Objects.requireNonNull, to the code that called it: " + said);
        assertEquals("the inotify watch limit is reached (raise fs.inotify.max_user_watches)",
                TreeWatch.describe(new UncheckedIOException(new java.io.IOException("User limit of inotify watches reached"))));
        assertEquals("disk gone", TreeWatch.describe(new IllegalStateException("disk gone")));
    }
}
