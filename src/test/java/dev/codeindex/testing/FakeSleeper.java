package dev.codeindex.testing;

import dev.codeindex.embed.http.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link Sleeper} that returns at once and records what it was asked to wait. Given a
 * {@link FakeClock}, each wait also moves that clock forward by the waited time, so code that sleeps
 * and then reads the clock sees time pass as it would.
 *
 * <p>Threading: thread-safe. {@link #slept()} is a live, synchronized view.
 */
public final class FakeSleeper implements Sleeper {
    private final FakeClock clock;
    private final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());

    /** Records waits without moving any clock (for code whose clock must stand still). */
    public FakeSleeper() {
        this(null);
    }

    /** Records waits and advances {@code clock} by each. */
    public FakeSleeper(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a fake sleep of " + d);
        }
        slept.add(d);
        if (clock != null) {
            clock.advance(d);
        }
    }

    /** Every wait asked for, in order (live view). */
    public List<Duration> slept() {
        return slept;
    }

    /** The sum of every wait asked for. */
    public Duration total() {
        synchronized (slept) {
            return slept.stream().reduce(Duration.ZERO, Duration::plus);
        }
    }
}
