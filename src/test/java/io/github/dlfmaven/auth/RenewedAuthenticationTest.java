package io.github.dlfmaven.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlfmaven.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** Renewal that fails: credentials still valid are used on; without them the failure is the answer, once. */
class RenewedAuthenticationTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    /** Answers each fetch with the next of its outcomes: credentials valid for 6 h, or a failure. */
    private final class Scripted extends RenewedAuthentication {
        final Deque<Object> outcomes = new ArrayDeque<>();
        int fetches;

        Scripted() {
            super(Duration.ofHours(2), clock);
        }

        @Override
        Fetched fetch() throws IOException {
            fetches++;
            Object next = outcomes.removeFirst();
            if (next instanceof IOException e) {
                throw e;
            }
            return new Fetched(
                    new Authentication.Signed(Credentials.temporary("AK" + next, "SK" + next, "T" + next, "test")),
                    clock.now.plus(Duration.ofHours(6)));
        }

        @Override
        public String description() {
            return "scripted";
        }
    }

    private static String accessKey(Authentication authentication) {
        return ((Authentication.Signed) authentication).credentials().accessKey();
    }

    @Test
    void aFailedEarlyRenewalKeepsTheValidCredentialsAndIsTriedAgainAMinuteLater() throws IOException {
        Scripted source = new Scripted();
        source.outcomes.add(1);
        source.outcomes.add(new IOException("the metadata service did not answer this once"));
        source.outcomes.add(2);
        assertEquals("AK1", accessKey(source.current()));

        clock.now = START.plus(Duration.ofHours(4).plusMinutes(1)); // inside the renewal window, 2 h before expiry
        assertEquals("AK1", accessKey(source.current()));
        assertEquals("AK1", accessKey(source.current()), "no second try within the minute");
        assertEquals(2, source.fetches);

        clock.now = clock.now.plus(RenewedAuthentication.RENEWAL_RETRY);
        assertEquals("AK2", accessKey(source.current()));
        assertEquals(3, source.fetches);
    }

    @Test
    void withoutValidCredentialsAFailureIsTheAnswerForTheRestOfTheBuild() {
        Scripted source = new Scripted();
        IOException refused = new IOException("IAM refused the password");
        source.outcomes.add(refused);
        source.outcomes.add(1);

        assertSame(refused, assertThrows(IOException.class, source::current));
        assertSame(refused, assertThrows(IOException.class, source::current));
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertSame(refused, assertThrows(IOException.class, source::current));
        assertEquals(1, source.fetches, "a refused password is not sent again");
    }

    @Test
    void credentialsThatExpiredWhileRenewalFailedAreNotUsed() throws IOException {
        Scripted source = new Scripted();
        source.outcomes.add(1);
        IOException down = new IOException("down");
        source.outcomes.add(down);
        source.outcomes.add(down);
        source.current();

        clock.now = START.plus(Duration.ofHours(5));
        assertEquals("AK1", accessKey(source.current()));
        clock.now = START.plus(Duration.ofHours(6)); // expired
        assertSame(down, assertThrows(IOException.class, source::current));
    }
}
