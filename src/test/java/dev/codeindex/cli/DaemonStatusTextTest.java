package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindex.api.RootState;
import dev.codeindex.api.RootStatus;
import dev.codeindex.api.json.ApiJson;
import dev.codeindex.testing.FakeDaemon;
import org.junit.jupiter.api.Test;

/** {@code codeindex status} against a daemon: a pass in flight reads as files, chunks, rate and time left. */
class DaemonStatusTextTest {
    static JsonNode status(RootStatus r) {
        return ApiJson.status(FakeDaemon.statusOf(r));
    }

    @Test
    void a_first_pass_shows_its_chunks_rate_and_time_left_and_an_unknown_pending_count_as_unknown() {
        RootStatus indexing = RootStatus.builder().root("/src/p").state(RootState.SCANNING, null).pending(480)
                .progress("index", 1200, 5000).chunks(3400, 14000, 41.4, 250_000).build();
        String text = DaemonStatusText.format("http://127.0.0.1:7341", status(indexing));
        assertTrue(text.contains("480 pending"), text);
        assertTrue(text.contains("now: index 1,200/5,000 files, 3,400/~14,000 chunks, 41 chunks/s, about 4 min left"),
                text);

        RootStatus scanning = RootStatus.builder().root("/src/p").state(RootState.SCANNING, null).pending(-1)
                .progress("scan", 2048, -1).build();
        String scan = DaemonStatusText.format("http://127.0.0.1:7341", status(scanning));
        assertTrue(scan.contains("pending not known until the scan ends"), scan);
        assertTrue(scan.contains("now: scanning, 2,048 files looked at"), scan);

        RootStatus first = RootStatus.builder().root("/src/p").state(RootState.SCANNING, null).pending(10)
                .progress("index", 0, 10).build();
        assertTrue(DaemonStatusText.format("u", status(first)).contains("time left known after the first batch"));
        RootStatus slow = RootStatus.builder().root("/src/p").state(RootState.INDEXING, null).pending(10)
                .progress("index", 7, 119).chunks(2, 300, 0.2, -1).build();
        assertTrue(DaemonStatusText.format("u", status(slow)).contains("time left not known (slower than its rate so far"),
                "past its estimate, not 'about 0 s left' (a new-user trial)");

        // which step of the first pass, as the status page says (a new-user trial read "scanning" in the embed phase)
        assertTrue(text.contains("/src/p: first pass: indexing"), text);
        assertTrue(scan.contains("/src/p: first pass: scanning"), scan);
        RootStatus embedding = RootStatus.builder().root("/src/p").state(RootState.SCANNING, null).pending(0)
                .progress("embed", 19, 589).chunks(1593, 17926, 56, 300_000).build();
        String embed = DaemonStatusText.format("u", status(embedding));
        assertTrue(embed.contains("/src/p: first pass: embedding (every file is searchable by keyword already)"), embed);
        assertTrue(embed.contains(" at u: first pass, up "), "the header does not say scanning in the embed phase: " + embed);

        // a rescan waiting (paused after a branch switch): not "until the scan ends", no scan runs
        RootStatus paused = RootStatus.builder().root("/src/p").state(RootState.PAUSED, "paused").pending(-1).build();
        String waiting = DaemonStatusText.format("u", status(paused));
        assertTrue(waiting.contains("pending not known until a waiting rescan has run"), waiting);
    }

    @Test
    void durations_read_in_the_unit_that_fits() {
        assertEquals("45 s", DaemonStatusText.duration(45_000));
        assertEquals("4 min", DaemonStatusText.duration(250_000));
        assertEquals("3 h 25 min", DaemonStatusText.duration((3 * 3600 + 25 * 60) * 1000L));
    }
}
