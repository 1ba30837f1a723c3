package dev.codeindex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeClockTest {
    @Test
    void time_moves_only_when_the_test_moves_it_and_nano_time_follows() {
        FakeClock c = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
        long n0 = c.nanoTime();
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), c.instant());
        c.advance(Duration.ofMillis(1500));
        assertEquals(Instant.parse("2025-01-01T00:00:01.500Z"), c.instant());
        assertEquals(Duration.ofMillis(1500).toNanos(), c.nanoTime() - n0);
        assertEquals(c.instant().toEpochMilli(), c.millis());
        assertThrows(IllegalArgumentException.class, () -> c.advance(Duration.ofSeconds(-1)));
    }

    @Test
    void a_clock_in_another_zone_shares_the_time() {
        FakeClock c = new FakeClock();
        var paris = c.withZone(ZoneId.of("Europe/Paris"));
        c.advance(Duration.ofHours(1));
        assertEquals(c.instant(), paris.instant());
        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
    }

    @Test
    void a_sleeper_on_the_clock_records_each_wait_and_moves_the_clock_by_it() throws Exception {
        FakeClock c = new FakeClock();
        FakeSleeper s = new FakeSleeper(c);
        s.sleep(Duration.ofSeconds(2));
        s.sleep(Duration.ofMillis(250));
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofMillis(250)), s.slept());
        assertEquals(Duration.ofMillis(2250), s.total());
        assertEquals(FakeClock.DEFAULT_START.plus(s.total()), c.instant());
        FakeSleeper still = new FakeSleeper();
        still.sleep(Duration.ofMinutes(1));
        assertEquals(List.of(Duration.ofMinutes(1)), still.slept());
    }
}
