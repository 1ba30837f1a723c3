package dev.codeindex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.manifest.mapdb.MapDbManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterceptingManifestTest {
    @TempDir
    Path dir;

    @Test
    void hooks_see_calls_and_a_failing_before_hook_fails_the_call_without_reaching_the_manifest() {
        List<String> seen = new ArrayList<>();
        try (MapDbManifest real = MapDbManifest.open(dir.resolve("m.db"))) {
            InterceptingManifest m = new InterceptingManifest(real).beforeAnyCall(seen::add)
                    .beforeGet(path -> {
                        if (path.equals("bad")) {
                            throw new IllegalStateException("read failed");
                        }
                    });
            m.putMeta("k", "v");
            assertTrue(m.get("ok").isEmpty());
            assertEquals("read failed", assertThrows(IllegalStateException.class, () -> m.get("bad")).getMessage());
            assertEquals(List.of("putMeta", "get", "get"), seen);
        }
    }

    @Test
    void the_nth_commit_fails_and_leaves_its_writes_uncommitted() {
        try (MapDbManifest real = MapDbManifest.open(dir.resolve("m.db"))) {
            List<Integer> committed = new ArrayList<>();
            InterceptingManifest m = new InterceptingManifest(real).failCommit(2).afterCommit(committed::add);
            m.putMeta("a", "1");
            m.commit();
            m.putMeta("b", "2");
            assertThrows(IllegalStateException.class, m::commit);
            m.rollback();
            assertEquals(List.of(1), committed);
            assertEquals(1, m.commits());
            m.commit();
            assertEquals(List.of(1, 3), committed, "a commit after the failed one goes through");
            assertTrue(m.meta("b").isEmpty(), "the failed commit's write was rolled back");
            assertEquals("1", m.meta("a").orElseThrow());
        }
    }
}
