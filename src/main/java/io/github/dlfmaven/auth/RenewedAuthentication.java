package io.github.dlfmaven.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Credentials that expire: fetched when first asked for, and fetched again before they expire, also in the
 * middle of a long export. They are renewed {@code renewBefore} ahead of their expiry, or halfway through their
 * life when they live less than twice that long. Thread-safe.
 */
abstract class RenewedAuthentication implements AuthenticationSource {

    private final Duration renewBefore;
    private final Clock clock;
    private Authentication current;
    private Instant expiresAt = Instant.MIN;
    private Instant fetchedAt = Instant.MIN;

    RenewedAuthentication(Duration renewBefore, Clock clock) {
        this.renewBefore = renewBefore;
        this.clock = clock;
    }

    /** New credentials, and when they expire. */
    record Fetched(Authentication authentication, Instant expiresAt) {}

    /** @throws IOException the credentials cannot be had; the message says from where and holds no secret */
    abstract Fetched fetch() throws IOException;

    final Clock clock() {
        return clock;
    }

    @Override
    public final synchronized Authentication current() throws IOException {
        Instant now = clock.instant();
        Duration margin = current == null
                ? Duration.ZERO
                : min(renewBefore, Duration.between(fetchedAt, expiresAt).dividedBy(2));
        if (current == null || !now.isBefore(expiresAt.minus(margin))) {
            Fetched fetched = fetch();
            current = fetched.authentication();
            expiresAt = fetched.expiresAt();
            fetchedAt = clock.instant();
        }
        return current;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
