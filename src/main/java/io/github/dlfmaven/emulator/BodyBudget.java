package io.github.dlfmaven.emulator;

import java.util.concurrent.Semaphore;

/**
 * The bytes of request bodies the emulator may hold at once, shared by every request in flight. Each body's bytes are
 * taken before it is read and given back when its request has its answer, so many large uploads at a time meet a busy
 * answer rather than exhaust the heap of the JVM the emulator runs in (with {@code emulator-start}, the build's own).
 * Thread-safe.
 */
final class BodyBudget {

    /** Two of the largest objects the emulator's OBS takes: an upload and a retry of it, or two uploads, at once. */
    static final int DEFAULT_BYTES = 2 * Router.MAX_OBJECT_BYTES;

    private final int total;
    private final Semaphore free;

    BodyBudget(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("The emulator's body budget must be at least one byte: " + total);
        }
        this.total = total;
        this.free = new Semaphore(total);
    }

    /**
     * Takes bytes if that many are free now. It never waits: a busy service answers at once, and a waiting request
     * would hold one of the emulator's few threads while it waits.
     */
    boolean tryTake(int bytes) {
        return bytes == 0 || free.tryAcquire(bytes);
    }

    void giveBack(int bytes) {
        if (bytes > 0) {
            free.release(bytes);
        }
    }

    /** The bytes taken now, by bodies being read or held. */
    int held() {
        return total - free.availablePermits();
    }

    int total() {
        return total;
    }
}
