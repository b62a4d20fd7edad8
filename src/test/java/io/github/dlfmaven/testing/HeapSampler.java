package io.github.dlfmaven.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples the used heap every few milliseconds until stopped; the peak includes garbage not yet collected. */
public final class HeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    public HeapSampler() {
        thread = new Thread(
                () -> {
                    while (running) {
                        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** The highest used heap seen so far, in bytes. */
    public long peak() {
        return peak;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
