package dev.codeindex.testing;

import dev.codeindex.daemon.Pause;
import dev.codeindex.embed.http.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Sleeper} (the HTTP embedder's retry waits) and a {@link Pause} (a watched root's retry
 * waits) that returns at once and records what it was asked to wait. Given a {@link FakeClock}, each
 * wait also moves that clock forward by the waited time, so code that waits and then reads the clock
 * sees time pass as it would.
 *
 * <p>Knob: {@link #stopOnPause} makes a pause report that the root was stopped meanwhile, which ends
 * the loop under test.
 *
 * <p>Threading: thread-safe. {@link #slept()} is a live, synchronized view.
 */
public final class FakeSleeper implements Sleeper, Pause {
    private final FakeClock clock;
    private final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger pauses = new AtomicInteger();
    private volatile int stopOnPause;

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

    /** The {@code n}-th pause (from 1) and every later one return false, as if the root was stopped; 0 never. */
    public FakeSleeper stopOnPause(int n) {
        this.stopOnPause = n;
        return this;
    }

    /**
     * Records and (with a clock) advances like {@link #sleep}; false from the {@link #stopOnPause}
     * n-th pause on, or when interrupted.
     */
    @Override
    public boolean pause(long millis) {
        int n = pauses.incrementAndGet();
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        Duration d = Duration.ofMillis(millis);
        slept.add(d);
        if (clock != null) {
            clock.advance(d);
        }
        return stopOnPause == 0 || n < stopOnPause;
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
