package dev.codeindex.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that stands still until a test moves it: {@link #advance} and {@link #set}. Also a
 * monotonic {@link #nanoTime()} on the same time line, for code that takes a {@code LongSupplier}
 * instead of {@code System::nanoTime}.
 *
 * <p>Threading: thread-safe; the code under test may read it on any thread while the test moves it.
 * Clocks made by {@link #withZone} share this one's time.
 */
public final class FakeClock extends Clock {
    /** A fixed, unremarkable instant, so tests that do not care about the date agree on one. */
    public static final Instant DEFAULT_START = Instant.parse("2025-06-01T12:00:00Z");

    private final AtomicLong epochNanos;
    private final ZoneId zone;

    public FakeClock() {
        this(DEFAULT_START);
    }

    public FakeClock(Instant start) {
        this(new AtomicLong(toNanos(start)), ZoneOffset.UTC);
    }

    private FakeClock(AtomicLong epochNanos, ZoneId zone) {
        this.epochNanos = epochNanos;
        this.zone = zone;
    }

    private static long toNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /** Moves time forward; time never runs backwards here, so {@code d} must not be negative. */
    public FakeClock advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + d);
        }
        epochNanos.addAndGet(d.toNanos());
        return this;
    }

    /** Puts the clock at {@code t}, forward or back (a wall clock can be set back; {@link #nanoTime} then follows). */
    public FakeClock set(Instant t) {
        epochNanos.set(toNanos(t));
        return this;
    }

    /** Nanoseconds on this clock's time line, moving only when it is moved: a stand-in for {@code System::nanoTime}. */
    public long nanoTime() {
        return epochNanos.get();
    }

    @Override
    public Instant instant() {
        long n = epochNanos.get();
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }

    @Override
    public long millis() {
        return Math.floorDiv(epochNanos.get(), 1_000_000L);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return z.equals(zone) ? this : new FakeClock(epochNanos, z);
    }

    @Override
    public String toString() {
        return "FakeClock[" + instant() + "]";
    }
}
