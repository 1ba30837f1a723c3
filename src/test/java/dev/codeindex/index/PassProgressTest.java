package dev.codeindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The chunk rate and time left of a pass, on a clock the test moves. */
class PassProgressTest {
    final FakeClock clock = new FakeClock();
    final PassProgress p = new PassProgress(clock::millis);

    @Test
    void nothing_is_guessed_before_the_first_batch_is_stored() {
        assertEquals(PassProgress.IDLE, p.snapshot().phase());
        p.phase("scan", -1);
        p.progress(2048, "a");
        PassProgress.Snapshot scan = p.snapshot();
        assertEquals("scan", scan.phase());
        assertEquals(2048, scan.filesDone());
        assertEquals(-1, scan.etaMillis());

        p.phase("index", 1000);
        p.work(1_000_000);
        clock.advance(Duration.ofSeconds(3));
        p.progress(40, "workers chunked these, nothing is stored yet");
        PassProgress.Snapshot early = p.snapshot();
        assertEquals(40, early.filesDone());
        assertEquals(-1, early.chunksTotal());
        assertEquals(-1, early.etaMillis(), "no estimate from files chunked but not stored");
        assertEquals(0, early.chunksPerSec());
    }

    @Test
    void the_time_left_follows_the_chunk_rate_and_the_bytes_left_not_the_file_count() {
        p.phase("index", 100);
        p.work(1_000_000);
        clock.advance(Duration.ofSeconds(10));
        // the first 50 files were small: 100 KB, 200 chunks in 10 s
        p.stored(50, 100_000, 200);
        PassProgress.Snapshot s = p.snapshot();
        assertEquals(200, s.chunksDone());
        assertEquals(2000, s.chunksTotal(), "900 KB left at 2 chunks per KB");
        assertEquals(20.0, s.chunksPerSec(), 1e-9);
        assertEquals(90_000, s.etaMillis(), "1800 chunks at 20 per second; a file rate would say 10 s");

        clock.advance(Duration.ofSeconds(30));
        assertEquals(60_000, p.snapshot().etaMillis(), "the time since the last batch counts down");
        clock.advance(Duration.ofSeconds(100));
        assertEquals(-1, p.snapshot().etaMillis(), "past its estimate with files left: not known, rather than"
                + " 'about 0 s left' for minutes (a new-user trial, on a large file)");
    }

    @Test
    void each_batch_refines_the_estimate_and_a_finished_phase_has_nothing_left() {
        p.phase("index", 4);
        p.work(4000);
        clock.advance(Duration.ofSeconds(2));
        p.stored(2, 1000, 10);
        PassProgress.Snapshot first = p.snapshot();
        assertEquals(40, first.chunksTotal());
        assertEquals(6000, first.etaMillis());
        clock.advance(Duration.ofSeconds(2));
        p.stored(4, 4000, 30);
        PassProgress.Snapshot last = p.snapshot();
        assertEquals(30, last.chunksTotal());
        assertEquals(7.5, last.chunksPerSec(), 1e-9);
        assertEquals(0, last.etaMillis());
        p.finished();
        assertEquals(PassProgress.Snapshot.IDLE, p.snapshot());
    }

    @Test
    void files_with_no_new_chunks_fall_back_to_the_file_rate() {
        p.phase("index", 30);
        p.work(0);
        clock.advance(Duration.ofSeconds(5));
        p.stored(10, 0, 0);
        PassProgress.Snapshot s = p.snapshot();
        assertEquals(0, s.chunksTotal());
        assertEquals(10_000, s.etaMillis());
        assertTrue(s.filesDone() >= 10);
    }
}
