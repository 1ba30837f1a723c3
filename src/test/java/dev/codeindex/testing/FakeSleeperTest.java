package dev.codeindex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSleeperTest {
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

    @Test
    void a_pause_advances_the_clock_and_reports_a_stop_from_the_chosen_pause_on() {
        FakeClock c = new FakeClock();
        FakeSleeper s = new FakeSleeper(c).stopOnPause(3);
        assertEquals(List.of(true, true, false, false),
                List.of(s.pause(100), s.pause(200), s.pause(400), s.pause(800)));
        assertEquals(Duration.ofMillis(1500), s.total());
        assertEquals(FakeClock.DEFAULT_START.plusMillis(1500), c.instant());
    }
}
