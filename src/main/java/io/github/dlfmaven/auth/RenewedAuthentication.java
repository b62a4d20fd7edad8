package io.github.dlfmaven.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Credentials that expire: fetched when first asked for, and fetched again before they expire, also in the
 * middle of a long export. They are renewed {@code renewBefore} ahead of their expiry, or halfway through their
 * life when they live less than twice that long. Thread-safe.
 *
 * <p>One fetch at a time, and a failed one is not repeated by every thread that asks next: without credentials still
 * valid, the failure is the answer for the rest of the build (a wrong IAM password tried once per thread could lock
 * the user out); with credentials still valid, they are used on, and renewal is tried again a minute later.
 */
abstract class RenewedAuthentication implements AuthenticationSource {

    private final Duration renewBefore;
    private final Clock clock;
    private Authentication current;
    private Instant expiresAt = Instant.MIN;
    private Instant fetchedAt = Instant.MIN;
    private IOException failure;
    private Instant retryRenewalAt = Instant.MIN;

    /** How long credentials still valid are used on after a renewal failed, before renewal is tried again. */
    static final Duration RENEWAL_RETRY = Duration.ofMinutes(1);

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
        boolean valid = current != null && now.isBefore(expiresAt);
        if (!valid && failure != null) {
            throw failure;
        }
        if (current == null || (!now.isBefore(expiresAt.minus(margin)) && !now.isBefore(retryRenewalAt))) {
            try {
                Fetched fetched = fetch();
                current = fetched.authentication();
                expiresAt = fetched.expiresAt();
                fetchedAt = clock.instant();
            } catch (IOException e) {
                if (!valid) {
                    failure = e;
                    throw e;
                }
                retryRenewalAt = now.plus(RENEWAL_RETRY);
            }
        }
        return current;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
