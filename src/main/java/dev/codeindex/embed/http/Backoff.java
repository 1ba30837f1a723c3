package dev.codeindex.embed.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt: what the server asked for in {@code Retry-After} (or
 * OpenAI's {@code retry-after-ms}), else exponential backoff with equal jitter (half the step fixed,
 * half random, so clients that failed together do not retry together). Never longer than the max.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Clock clock;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, Clock clock, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.clock = clock;
        this.random = random;
    }

    /** The wait after {@code failed} attempts (1 for the first), or what the server asked for. */
    Duration delay(int failed, Optional<Duration> asked) {
        if (asked.isPresent()) {
            Duration d = asked.get();
            return d.isNegative() ? Duration.ZERO : d.compareTo(max) > 0 ? max : d;
        }
        long initialMs = Math.max(1, initial.toMillis());
        long step = Math.min(max.toMillis(), initialMs << Math.min(failed - 1, 30));
        return Duration.ofMillis(step / 2 + (long) (random.getAsDouble() * (step - step / 2)));
    }

    /** The server's wish: {@code retry-after-ms}, else {@code Retry-After} in seconds or as an HTTP date. */
    Optional<Duration> asked(HttpHeaders headers) {
        Optional<String> ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms.get().strip())));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        Optional<String> value = headers.firstValue("retry-after").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(clock.instant(), at.toInstant()));
            } catch (DateTimeParseException ignored) {
                return Optional.empty(); // unreadable: plain backoff
            }
        }
    }
}
