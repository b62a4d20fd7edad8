package io.github.dlfmaven.http;

import io.github.dlfmaven.config.Defaults;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * When to try a request again: after connect failures (for reads also after a connection that failed during
 * the request) and HTTP 429, 502, 503 and 504, never after any other status. Waits grow exponentially with
 * jitter, so parallel jobs that were throttled together do not come back together; a {@code Retry-After} from
 * the server is honoured as given. It is the plugin's only retry layer: okhttp's own is switched off.
 *
 * <p>The jitter comes from an injectable random source, so that a test can pin every wait.
 */
public final class RetryPolicy {

    private final int retries;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;
    private final Supplier<RandomGenerator> random;

    private RetryPolicy(
            int retries,
            Duration baseDelay,
            Duration maxDelay,
            Duration maxRetryAfter,
            Supplier<RandomGenerator> random) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        this.retries = retries;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.maxRetryAfter = maxRetryAfter;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Up to {@code retries} extra attempts, waiting 1 s, 2 s, 4 s ... (at most 30 s) before each. */
    public static RetryPolicy of(int retries) {
        return new RetryPolicy(
                retries,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                ThreadLocalRandom::current);
    }

    /** The policy of a run that sets nothing. */
    public static RetryPolicy defaults() {
        return of(Defaults.integer(Defaults.RETRIES));
    }

    /** The same number of retries with other waits, e.g. milliseconds in tests. */
    public RetryPolicy withDelays(Duration base, Duration max) {
        return new RetryPolicy(retries, base, max, maxRetryAfter, random);
    }

    /** The same policy drawing its jitter from {@code random}: a seeded generator makes every wait repeatable. */
    public RetryPolicy withRandom(Supplier<RandomGenerator> random) {
        return new RetryPolicy(retries, baseDelay, maxDelay, maxRetryAfter, random);
    }

    public int retries() {
        return retries;
    }

    /** The longest {@code Retry-After} honoured; a server asking for more makes the call fail instead. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    public static boolean isRetryableStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first): half of the exponential step plus a
     * random share of the other half.
     */
    public Duration backoff(int retry) {
        long step = baseDelay.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(Math.max(step, 0), maxDelay.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + random.get().nextLong(capped - half + 1));
    }

    /** Parses a {@code Retry-After} value: delay seconds or an HTTP date. Empty when absent or unreadable. */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            // Digits too many for a long still ask for a wait, and a longer one than any limit.
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
            } catch (NumberFormatException tooLarge) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
            }
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
