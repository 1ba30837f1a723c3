package dev.codeindex.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codeindex.testing.FakeTreeWatch;
import dev.codeindex.walk.WalkOptions;
import dev.codeindex.watch.ChangeQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync cookie written while the watcher was re-armed (after a change of ignore rules) was seen by neither
 * watch, and the sync waited out its timeout (a test failed so under CI load). A re-arm reports the cookies
 * lying in the root.
 */
class WatcherSupervisorTest {
    @TempDir
    Path root;

    @Test
    void a_re_arm_reports_the_cookies_lying_in_the_root() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        FakeTreeWatch.Factory factory = FakeTreeWatch.factory();
        WatcherSupervisor s = new WatcherSupervisor(root, factory, new ChangeQueue(0, 0, 100), seen::add, 60_000);
        Files.writeString(root.resolve(WalkOptions.COOKIE_PREFIX + "42-7"), "");
        s.arm();
        assertEquals(List.of(), seen, "a first arming has no sync outstanding from before");
        Files.writeString(root.resolve(WalkOptions.COOKIE_PREFIX + "42-8"), ""); // between the two watches
        s.arm();
        assertEquals(java.util.Set.of("42-7", "42-8"), java.util.Set.copyOf(seen));
        assertEquals(2, factory.armings());
        s.close();
    }
}
