package io.github.dlfmaven.export;

import java.time.Duration;
import java.util.Locale;

/** How the export's log lines word counts, times and retries. */
final class Wording {

    private Wording() {}

    /** {@code 1 job}, {@code 2 jobs}. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code 1.25 s}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
    }

    /** {@code  (after 3 attempts)}, or nothing for a first success. */
    static String retries(int attempts) {
        return attempts > 1 ? " (after " + attempts + " attempts)" : "";
    }

    /** {@code 1,234,567}. */
    static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d", bytes);
    }

    static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
