package io.github.dlfmaven.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A body's bytes are taken from the budget before they are held, and always given back. */
class HeldBodyTest {

    private static final int LIMIT = 200_000;

    private final BodyBudget budget = new BodyBudget(1 << 20);

    @Test
    void aDeclaredBodyIsHeldAtItsSizeUntilClosed() throws Exception {
        byte[] sent = bytes(1000);

        try (HeldBody body = HeldBody.read(new ByteArrayInputStream(sent), sent.length, LIMIT, budget)
                .orElseThrow()) {
            assertArrayEquals(sent, body.bytes());
            assertEquals(1000, budget.held());
        }
        assertEquals(0, budget.held());
    }

    @Test
    void aDeclaredBodyTheBudgetCannotHoldIsNotReadAtAll() throws Exception {
        CountingStream in = new CountingStream(bytes(1000));
        BodyBudget small = new BodyBudget(999);

        assertEquals(Optional.empty(), HeldBody.read(in, 1000, LIMIT, small));
        assertEquals(0, in.read, "not a byte read");
        assertEquals(0, small.held());
    }

    @Test
    void aDeclaredBodyThatEndsEarlyGivesItsBytesBack() {
        assertThrows(EOFException.class, () -> HeldBody.read(new ByteArrayInputStream(bytes(10)), 1000, LIMIT, budget));
        assertEquals(0, budget.held());
    }

    @Test
    void aChunkedBodyUpToTheLimitIsHeldAtItsSize() throws Exception {
        byte[] sent = bytes(LIMIT);

        try (HeldBody body =
                HeldBody.read(new ByteArrayInputStream(sent), -1, LIMIT, budget).orElseThrow()) {
            assertArrayEquals(sent, body.bytes());
            assertEquals(LIMIT, budget.held(), "the blocks it was read in are given back");
        }
        assertEquals(0, budget.held());
    }

    @Test
    void aChunkedUploadOfExactlyTheObjectLimitFitsAnIdleBudget() throws Exception {
        BodyBudget idle = new BodyBudget(BodyBudget.DEFAULT_BYTES);
        byte[] sent = new byte[Router.MAX_OBJECT_BYTES];

        Optional<HeldBody> body = HeldBody.read(new ByteArrayInputStream(sent), -1, Router.MAX_OBJECT_BYTES, idle);
        body.ifPresent(HeldBody::close);
        assertTrue(body.isPresent(), "answered busy although nothing else is held, so a retry never succeeds");
        assertEquals(0, idle.held());
    }

    @Test
    void aChunkedBodyNeedsTwiceItsSizeWhileItsBlocksAreJoined() throws Exception {
        CountingStream in = new CountingStream(bytes(LIMIT));
        BodyBudget almost = new BodyBudget(2 * LIMIT - 1);

        assertEquals(Optional.empty(), HeldBody.read(in, -1, LIMIT, almost));
        assertEquals(0, almost.held());
    }

    @Test
    void aChunkedBodyPastTheLimitIsTooLargeAndReadNoFurther() {
        CountingStream in = new CountingStream(bytes(3 * LIMIT));

        assertThrows(HeldBody.TooLarge.class, () -> HeldBody.read(in, -1, LIMIT, budget));
        assertEquals(LIMIT + 1, in.read);
        assertEquals(0, budget.held());
    }

    @Test
    void aChunkedBodyStopsWhereTheBudgetEnds() throws Exception {
        CountingStream in = new CountingStream(bytes(LIMIT));
        BodyBudget small = new BodyBudget(100_000);

        assertEquals(Optional.empty(), HeldBody.read(in, -1, LIMIT, small));
        assertTrue(in.read <= 100_000, "read " + in.read);
        assertEquals(0, small.held());
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** A body that counts the bytes taken from it. */
    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream bytes;
        int read;

        CountingStream(byte[] content) {
            this.bytes = new ByteArrayInputStream(content);
        }

        @Override
        public int read() {
            int b = bytes.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = bytes.read(buffer, offset, length);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
