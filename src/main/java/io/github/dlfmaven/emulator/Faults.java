package io.github.dlfmaven.emulator;

import java.time.Duration;

/**
 * Trouble the emulator makes on purpose, for tests and demos of retries.
 *
 * @param latency added to every request before it is answered
 * @param failureRate share of requests (0 to 1) answered with HTTP 503
 * @param throttleRate share of requests (0 to 1) answered with HTTP 429 and {@code Retry-After}
 * @param throttleFirst the first this many requests to each path are answered with 429, whatever the rate
 * @param retryAfterSeconds the {@code Retry-After} value sent with 429
 */
public record Faults(
        Duration latency, double failureRate, double throttleRate, int throttleFirst, int retryAfterSeconds) {

    public static final Faults NONE = new Faults(Duration.ZERO, 0, 0, 0, 1);

    public Faults {
        if (latency.isNegative()
                || failureRate < 0
                || failureRate > 1
                || throttleRate < 0
                || throttleRate > 1
                || throttleFirst < 0
                || retryAfterSeconds < 0) {
            throw new IllegalArgumentException(
                    "latency, counts and Retry-After must not be negative; rates are between 0 and 1");
        }
    }

    boolean any() {
        return !latency.isZero() || failureRate > 0 || throttleRate > 0 || throttleFirst > 0;
    }

    @Override
    public String toString() {
        return "latency " + latency.toMillis() + " ms, failure rate " + failureRate + ", throttle rate " + throttleRate
                + ", first " + throttleFirst + " request(s) per path throttled, Retry-After " + retryAfterSeconds
                + " s";
    }
}
