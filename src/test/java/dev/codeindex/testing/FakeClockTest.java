package dev.codeindex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
}
