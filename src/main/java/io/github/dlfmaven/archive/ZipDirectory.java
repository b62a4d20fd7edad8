package io.github.dlfmaven.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Counts the entries of a zip's central directory without reading it into memory, so that an archive with more
 * entries than allowed is refused before a zip library builds an object for each of them (300,000 entries are
 * enough to exhaust a small heap). Both numbers count: the one the end-of-central-directory record announces, and
 * the headers actually found, walked the way commons-compress walks them (from the directory's start while the
 * signature matches, whatever the record announced).
 */
final class ZipDirectory {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int HEADER_SIGNATURE = 0x02014b50;
    private static final int HEADER_SIZE = 46;
    private static final int MAX_COMMENT = 0xffff;

    private ZipDirectory() {}

    /**
     * What the directory holds: the number its end record announces, and the headers found, counted no further
     * than {@code limit + 1}; both 0 when there is no end record (the zip library then reports the archive as
     * corrupt).
     */
    record Count(long announced, long found) {
        /** The larger of the two: what a zip library reading the directory may end up holding. */
        long entries() {
            return Math.max(announced, found);
        }
    }

    /** @param channel the archive, left open and at an unspecified position */
    static Count entries(SeekableByteChannel channel, long limit) throws IOException {
        long size = channel.size();
        int tail = (int) Math.min(size, END_SIZE + MAX_COMMENT);
        ByteBuffer end = read(channel, size - tail, tail);
        int at = -1;
        for (int i = tail - END_SIZE; i >= 0; i--) {
            if (end.getInt(i) == END_SIGNATURE) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return new Count(0, 0);
        }
        long endPosition = size - tail + at;
        long announced;
        long start;
        // As commons-compress decides: a zip64 locator right before the end record makes it a zip64 archive,
        // whatever the 32-bit fields say.
        ByteBuffer locator = endPosition > 20 ? read(channel, endPosition - 20, 20) : null;
        if (locator != null && locator.getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
            long zip64End = locator.getLong(8);
            if (zip64End < 0 || zip64End + 56 > size) {
                return new Count(0, 0); // commons-compress refuses it as corrupt
            }
            ByteBuffer record = read(channel, zip64End, 56);
            if (record.getInt(0) != ZIP64_END_SIGNATURE) {
                return new Count(0, 0);
            }
            announced = record.getLong(32);
            start = record.getLong(48);
        } else {
            announced = Short.toUnsignedLong(end.getShort(at + 10));
            long length = Integer.toUnsignedLong(end.getInt(at + 12));
            long offset = Integer.toUnsignedLong(end.getInt(at + 16));
            // Data prepended to the archive shifts every offset; commons-compress corrects for it like this.
            start = offset + Math.max(endPosition - length - offset, 0);
        }
        if (announced < 0 || announced > limit) {
            return new Count(announced < 0 ? Long.MAX_VALUE : announced, 0);
        }
        long found = 0;
        for (long position = start; found <= limit && position >= 0 && position + HEADER_SIZE <= size; found++) {
            ByteBuffer header = read(channel, position, HEADER_SIZE);
            if (header.getInt(0) != HEADER_SIGNATURE) {
                break;
            }
            position += HEADER_SIZE
                    + Short.toUnsignedInt(header.getShort(28))
                    + Short.toUnsignedInt(header.getShort(30))
                    + Short.toUnsignedInt(header.getShort(32));
        }
        return new Count(announced, found);
    }

    private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            // A file is read where asked, in one call; other channels are moved there first.
            int read = channel instanceof FileChannel file
                    ? file.read(buffer, position + buffer.position())
                    : channel.position(position + buffer.position()).read(buffer);
            if (read < 0) {
                break;
            }
        }
        return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
