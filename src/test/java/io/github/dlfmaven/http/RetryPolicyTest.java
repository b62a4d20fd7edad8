package io.github.dlfmaven.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:00Z");
    private static final int SAMPLES = 500;

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    @Test
    void backoffStaysWithinHalfStepAndStepAndGrows() {
        RetryPolicy policy = RetryPolicy.of(10).withDelays(Duration.ofMillis(100), Duration.ofSeconds(100));
        long previousMax = 0;
        for (int retry = 1; retry <= 8; retry++) {
            long step = 100L << (retry - 1);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < SAMPLES; i++) {
                long wait = policy.backoff(retry).toMillis();
                assertTrue(
                        wait >= step / 2 && wait <= step,
                        "retry " + retry + ": " + wait + " ms not within [" + step / 2 + ", " + step + "]");
                min = Math.min(min, wait);
                max = Math.max(max, wait);
            }
            // Grows: nothing this retry waits is shorter than the longest wait of the retry before.
            assertTrue(min >= previousMax, "retry " + retry + " waited " + min + " ms < " + previousMax + " ms");
            // Jitter: 500 samples over a range of step/2 + 1 values are not all the same.
            assertTrue(max > min, "no jitter at retry " + retry);
            previousMax = max;
        }
    }

    @Test
    void seededRandomSourceMakesEveryWaitRepeatable() {
        RetryPolicy base = RetryPolicy.of(5).withDelays(Duration.ofMillis(100), Duration.ofSeconds(10));
        // A fresh generator of the same seed per policy: the two policies must wait exactly alike.
        SplittableRandom first = new SplittableRandom(42);
        SplittableRandom second = new SplittableRandom(42);
        RetryPolicy one = base.withRandom(() -> first);
        RetryPolicy other = base.withRandom(() -> second);
        List<Duration> waits = new ArrayList<>();
        for (int retry = 1; retry <= 5; retry++) {
            Duration wait = one.backoff(retry);
            assertEquals(wait, other.backoff(retry), "retry " + retry);
            waits.add(wait);
        }
        // The lowest draw waits exactly half a step, the highest a whole step: the source is what decides.
        assertEquals(
                Duration.ofMillis(200), base.withRandom(() -> new FixedDraw(0)).backoff(3));
        assertEquals(
                Duration.ofMillis(400),
                base.withRandom(() -> new FixedDraw(200)).backoff(3));
        assertEquals(5, waits.size());
        assertEquals(3, RetryPolicy.defaults().retries());
    }

    /** Always draws {@code value} (bounded), so a test knows the jitter in advance. */
    private record FixedDraw(long value) implements RandomGenerator {
        @Override
        public long nextLong() {
            return value;
        }

        @Override
        public long nextLong(long bound) {
            return Math.min(value, bound - 1);
        }
    }

    @Test
    void backoffIsCappedAtMaxDelay() {
        RetryPolicy policy = RetryPolicy.of(3).withDelays(Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int retry : new int[] {5, 10, 21, 30, 64, 1000, Integer.MAX_VALUE}) {
            for (int i = 0; i < SAMPLES; i++) {
                long wait = policy.backoff(retry).toMillis();
                assertTrue(wait >= 500 && wait <= 1000, "retry " + retry + ": " + wait + " ms");
            }
        }
    }

    @Test
    void defaultPolicyWaitsOneTwoFourSecondsAtMostThirty() {
        RetryPolicy policy = RetryPolicy.of(3);
        assertEquals(3, policy.retries());
        assertEquals(Duration.ofMinutes(2), policy.maxRetryAfter());
        long[] steps = {1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (int i = 0; i < steps.length; i++) {
            long wait = policy.backoff(i + 1).toMillis();
            assertTrue(wait >= steps[i] / 2 && wait <= steps[i], "retry " + (i + 1) + ": " + wait);
        }
    }

    @Test
    void withDelaysKeepsRetriesAndMaxRetryAfter() {
        RetryPolicy policy = RetryPolicy.of(7).withDelays(Duration.ofMillis(10), Duration.ofMillis(50));
        assertEquals(7, policy.retries());
        assertEquals(Duration.ofMinutes(2), policy.maxRetryAfter());
        for (int i = 0; i < SAMPLES; i++) {
            long wait = policy.backoff(1).toMillis();
            assertTrue(wait >= 5 && wait <= 10, wait + " ms");
        }
    }

    @Test
    void negativeRetriesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.of(-1));
        assertEquals(0, RetryPolicy.of(0).retries());
    }

    @Test
    void parseRetryAfterSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryPolicy.parseRetryAfter("120", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(5)), RetryPolicy.parseRetryAfter("  5 ", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter("0", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(3600)), RetryPolicy.parseRetryAfter("3600", NOW));
        // Negative seconds are not valid but mean "now" at most.
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter("-3", NOW));
    }

    @Test
    void parseRetryAfterHttpDate() {
        assertEquals(
                Optional.of(Duration.ofSeconds(30)), RetryPolicy.parseRetryAfter(httpDate(NOW.plusSeconds(30)), NOW));
        assertEquals(
                Optional.of(Duration.ofHours(2)),
                RetryPolicy.parseRetryAfter(httpDate(NOW.plus(Duration.ofHours(2))), NOW));
        // Written out by hand, as a server sends it (28 Nov 2026 is a Saturday).
        assertEquals(
                Optional.of(Duration.ofSeconds(45)), RetryPolicy.parseRetryAfter("Sat, 28 Nov 2026 10:15:45 GMT", NOW));
    }

    @Test
    void parseRetryAfterPastDateIsZero() {
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter(httpDate(NOW.minusSeconds(90)), NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter(httpDate(NOW), NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "soon", "1.5", "1s", "Saturday", "28 Nov 2026", "2026-11-28T10:15:45Z"})
    void parseRetryAfterGarbageIsEmpty(String value) {
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(value, NOW));
    }

    @Test
    void parseRetryAfterTooLargeForALongIsLongerThanAnyLimit() {
        // Still a number of seconds, only a huge one: a request to wait, not garbage to replace with a short backoff.
        Duration wait =
                RetryPolicy.parseRetryAfter("99999999999999999999999", NOW).orElseThrow();

        assertTrue(wait.compareTo(RetryPolicy.of(3).maxRetryAfter()) > 0, wait::toString);
    }

    @Test
    void parseRetryAfterAbsentIsEmpty() {
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(null, NOW));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void retryableStatuses(int status) {
        assertTrue(RetryPolicy.isRetryableStatus(status));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 301, 400, 401, 403, 404, 408, 409, 413, 500, 501, 505})
    void notRetryableStatuses(int status) {
        assertFalse(RetryPolicy.isRetryableStatus(status));
    }
}
