package dev.codeindex.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.api.DaemonStatus;
import dev.codeindex.api.json.ApiJson;
import dev.codeindex.index.ChunkSink;
import dev.codeindex.manifest.mapdb.MapDbManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status says when the disk of the data directory is nearly full, before runs stop at the reserve. */
class DiskStatusTest {
    @TempDir
    Path root;
    @TempDir
    Path data;

    private DaemonStatus status(long reserve) throws Exception {
        Files.writeString(root.resolve("a.py"), "def f():\n    return 1\n");
        ExecutorService workers = Executors.newFixedThreadPool(1);
        try (MapDbManifest m = MapDbManifest.open(data.resolve("m.db"))) {
            WatchedRoot watched = RealRoots.of(root, m, ChunkSink.OFFLINE, workers).build();
            Daemon d = new Daemon(List.of(new Daemon.Root(watched, null)), "test", Clock.systemUTC());
            return reserve < 0 ? d.status() : d.reportingDisk(data, reserve).status();
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void a_disk_with_less_than_twice_the_reserve_free_is_reported_low_over_json() throws Exception {
        long free = Files.getFileStore(data).getUsableSpace();
        JsonNode low = ApiJson.status(status(free)); // free < 2 × reserve
        assertTrue(low.path("disk").path("low").asBoolean(), low.toString());
        assertEquals(data.toString(), low.path("disk").path("path").asText());
        assertTrue(low.path("disk").path("freeBytes").asLong() > 0);
        assertTrue(ApiJson.readStatus(low).disk().low(), "read back by the CLI");

        JsonNode roomy = ApiJson.status(status(1 << 20));
        assertFalse(roomy.path("disk").path("low").asBoolean(), roomy.toString());
    }

    @Test
    void without_a_data_directory_to_watch_status_has_no_disk_object() throws Exception {
        DaemonStatus s = status(-1);
        assertNull(s.disk());
        assertFalse(ApiJson.status(s).has("disk"));
    }
}
