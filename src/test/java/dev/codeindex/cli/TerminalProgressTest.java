package dev.codeindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codeindex.index.PassProgress;
import dev.codeindex.testing.FakeClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The progress bar's time left and rate: from chunks, settled by the first stored batch. */
class TerminalProgressTest {
    final FakeClock clock = new FakeClock();
    final PassProgress pass = new PassProgress(clock::millis);

    @Test
    void no_time_left_is_shown_until_the_first_batch_is_stored_then_it_follows_the_chunks() {
        pass.phase("index", 2000);
        pass.work(20_000_000);
        clock.advance(Duration.ofMillis(300));
        pass.progress(64, "the workers chunked the first files fast; a file rate would promise minutes");
        assertEquals(Optional.empty(), TerminalProgress.eta(pass.snapshot()));
        assertEquals("", TerminalProgress.chunks(pass.snapshot()));

        clock.advance(Duration.ofMillis(9_700)); // the model is slow: the first batch took 10 s
        pass.stored(50, 500_000, 400);
        PassProgress.Snapshot s = pass.snapshot();
        assertEquals(Optional.of(Duration.ofSeconds(390)), TerminalProgress.eta(s),
                "19.5 MB left at 800 chunks per MB is 15,600 chunks at 40 per second");
        assertEquals("400/~16,000 chunks, 40 chunks/s", TerminalProgress.chunks(s));
    }

    @Test
    void rates_read_as_people_write_them() {
        assertEquals("41 chunks/s", TerminalProgress.rate(40.6));
        assertEquals("1,250 chunks/s", TerminalProgress.rate(1250));
        assertEquals("2.5 chunks/s", TerminalProgress.rate(2.54));
        assertEquals("7 chunks/s", TerminalProgress.rate(7.0));
        assertEquals("under 0.1 chunks/s", TerminalProgress.rate(0.01));
        for (double r : new double[] {0.2, 1, 3, 9.96, 10, 99.9}) {
            assertTrue(!TerminalProgress.rate(r).contains(".0 "), TerminalProgress.rate(r));
        }
    }
}
