package io.github.dlfmaven.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    @Test
    void aCallWaitingOutAPauseAlsoWaitsOutTheLongerOneAnother429AsksForMeanwhile() throws Exception {
        Throttle throttle = new Throttle();
        throttle.pause(Duration.ofMillis(200));
        long start = System.nanoTime();
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                throttle.awaitClearance();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        });
        Thread.sleep(50);
        long extended = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + 800;
        throttle.pause(Duration.ofMillis(800));

        long released = waiter.get(10, TimeUnit.SECONDS);

        // Sleeping never ends early, so this bound holds however slow the machine.
        assertTrue(released >= extended, "released after " + released + " ms, inside the pause that lasts " + extended);
    }
}
