package io.github.dlfmaven.http;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pause that every call of one client keeps: an HTTP 429 speaks for the account, not for the one request that
 * got it, so after one, no call starts until the wait it asked for is over. Thread-safe.
 */
public final class Throttle {

    private final Object lock = new Object();
    /** System.nanoTime() before which no call starts. */
    private long pausedUntil = System.nanoTime();

    /** Waits until the pause, if any, is over; a pause another 429 extends meanwhile is waited for too. */
    public void awaitClearance() throws InterruptedIOException {
        while (true) {
            long remaining;
            synchronized (lock) {
                remaining = pausedUntil - System.nanoTime();
            }
            if (remaining <= 0) {
                return;
            }
            sleep(Duration.ofNanos(remaining));
        }
    }

    /** Holds every call back for {@code wait} from now, or longer when an earlier pause lasts longer. */
    public void pause(Duration wait) {
        synchronized (lock) {
            pausedUntil = Math.max(pausedUntil, System.nanoTime() + wait.toNanos());
        }
    }

    /** Sleeps, turning an interrupt into the exception an interrupted transfer would throw. */
    public static void sleep(Duration wait) throws InterruptedIOException {
        try {
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry");
        }
    }
}
