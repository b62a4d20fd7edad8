package io.github.dlfmaven.emulator;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body read into memory within the emulator's {@link BodyBudget}; its bytes count there until it is closed.
 */
final class HeldBody implements AutoCloseable {

    /** The blocks a body without a declared length is read in, its bytes taken from the budget as they arrive. */
    private static final int BLOCK_BYTES = 64 << 10;

    private final byte[] bytes;
    private final BodyBudget budget;
    private final AtomicBoolean released = new AtomicBoolean();

    private HeldBody(byte[] bytes, BodyBudget budget) {
        this.bytes = bytes;
        this.budget = budget;
    }

    /**
     * Reads a request's body, taking its bytes from the budget first.
     *
     * @param length the declared {@code Content-Length}, at most {@code limit}; -1 for a body sent in chunks
     * @return empty when the budget cannot hold the body now; nothing of a body of declared length was read then
     * @throws TooLarge when a body sent in chunks comes to more than {@code limit} bytes
     */
    static Optional<HeldBody> read(InputStream in, long length, int limit, BodyBudget budget)
            throws IOException, TooLarge {
        if (length > limit) {
            throw new TooLarge();
        }
        return length >= 0 ? readDeclared(in, (int) length, budget) : readChunked(in, limit, budget);
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            budget.giveBack(bytes.length);
        }
    }

    private static Optional<HeldBody> readDeclared(InputStream in, int length, BodyBudget budget) throws IOException {
        if (!budget.tryTake(length)) {
            return Optional.empty();
        }
        boolean held = false;
        try {
            // Exactly the declared size: InputStream.readNBytes(int) would hold the body twice while it joins its
            // buffers.
            byte[] bytes = new byte[length];
            int read = in.readNBytes(bytes, 0, length);
            if (read < length) {
                throw new EOFException("The request body ended after " + read + " of its " + length + " bytes.");
            }
            held = true;
            return Optional.of(new HeldBody(bytes, budget));
        } finally {
            if (!held) {
                budget.giveBack(length);
            }
        }
    }

    private static Optional<HeldBody> readChunked(InputStream in, int limit, BodyBudget budget)
            throws IOException, TooLarge {
        // The length is known only at the end: the blocks are taken from the budget as they arrive, then the joined
        // body, and each block is given back as it is copied. At the peak the blocks and the joined body are both
        // held, at most twice the limit, so one body at the limit fits an idle emulator's budget of two.
        List<byte[]> blocks = new ArrayList<>();
        int blockBytes = 0;
        int total = 0;
        try {
            boolean ended = false;
            while (total < limit) {
                int size = Math.min(BLOCK_BYTES, limit - total);
                if (!budget.tryTake(size)) {
                    return Optional.empty();
                }
                blockBytes += size;
                byte[] block = new byte[size];
                int read = in.readNBytes(block, 0, size);
                blocks.add(block);
                total += read;
                if (read < size) {
                    ended = true;
                    break;
                }
            }
            // A body of exactly the limit tells itself from a larger one by one more byte, read alone: a block taken
            // for it would make a body at the limit need more than twice the limit.
            if (!ended && in.read() >= 0) {
                throw new TooLarge();
            }
            if (!budget.tryTake(total)) {
                return Optional.empty();
            }
            boolean held = false;
            try {
                byte[] bytes = new byte[total];
                int at = 0;
                for (int i = 0; i < blocks.size(); i++) {
                    byte[] block = blocks.set(i, null);
                    int n = Math.min(block.length, total - at);
                    System.arraycopy(block, 0, bytes, at, n);
                    at += n;
                    blockBytes -= block.length;
                    budget.giveBack(block.length);
                }
                held = true;
                return Optional.of(new HeldBody(bytes, budget));
            } finally {
                if (!held) {
                    budget.giveBack(total);
                }
            }
        } finally {
            budget.giveBack(blockBytes);
        }
    }

    /** A body sent in chunks came to more bytes than its route takes. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("The request body is larger than the emulator takes on this path.");
        }
    }
}
