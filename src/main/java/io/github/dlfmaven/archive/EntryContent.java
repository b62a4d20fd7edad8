package io.github.dlfmaven.archive;

import io.github.dlfmaven.text.LogText;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * One entry's bytes, inflated and checked against its CRC: held in memory up to a bound, beyond it written to a
 * scratch file as they come (with their SHA-256 taken on the way, since such a file is never read again).
 *
 * <p>Deflated entries are inflated here from the raw data with a large input buffer: the stream commons-compress
 * hands out feeds its inflater in small slices, which makes a big deflated package slower to extract than
 * {@code unzip}.
 */
final class EntryContent {

    private static final int BUFFER_BYTES = 64 * 1024;

    /** The bytes, or null when they are in {@link #file}. */
    final byte[] bytes;
    /** The scratch file holding the bytes, or null when they are in memory. */
    final Path file;

    final long size;
    /** Of the file; null for bytes in memory, which the caller may still change (normalize) before hashing. */
    final String fileSha256;

    private EntryContent(byte[] bytes, Path file, long size, String fileSha256) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
        this.fileSha256 = fileSha256;
    }

    /**
     * Reads the entry, counting every inflated byte against the limits.
     *
     * @param memoryLimit the most bytes held in memory; more go to a new file in the target's scratch folder
     */
    static EntryContent read(
            ZipFile zipFile,
            ZipArchiveEntry entry,
            long memoryLimit,
            ExtractionTarget<?> target,
            InflatedBytes inflated)
            throws IOException, UnsafeArchiveException {
        CRC32 crc = new CRC32();
        long declared = entry.getSize();
        int capacity = (int) Math.min(memoryLimit, declared >= 0 ? declared : BUFFER_BYTES);
        byte[] memory = new byte[Math.max(capacity, 1)];
        int held = 0;
        byte[] chunk = null;
        Path spilled = null;
        OutputStream out = null;
        MessageDigest digest = null;
        long size = 0;
        try (EntryStream in = EntryStream.open(zipFile, entry)) {
            while (true) {
                int read;
                if (out == null && held < memoryLimit) {
                    if (held == memory.length) {
                        memory = Arrays.copyOf(memory, (int) Math.min(memoryLimit, 2L * memory.length));
                    }
                    read = in.read(memory, held, memory.length - held);
                    if (read > 0) {
                        crc.update(memory, held, read);
                        held += read;
                    }
                } else {
                    if (chunk == null) {
                        chunk = new byte[BUFFER_BYTES];
                    }
                    read = in.read(chunk, 0, chunk.length);
                    if (read > 0) {
                        crc.update(chunk, 0, read);
                        if (out == null) {
                            // More than memory holds: what was read so far goes first into the scratch file.
                            digest = Sha256.newDigest();
                            spilled = target.scratch().resolve(".entry-" + UUID.randomUUID() + ".part");
                            out = Files.newOutputStream(spilled, StandardOpenOption.CREATE_NEW);
                            out.write(memory, 0, held);
                            digest.update(memory, 0, held);
                            memory = null;
                        }
                        out.write(chunk, 0, read);
                        digest.update(chunk, 0, read);
                    }
                }
                if (read == -1) {
                    break;
                }
                size += read;
                inflated.add(read, entry);
            }
            if (out != null) {
                out.close();
            }
        } catch (IOException | UnsafeArchiveException | RuntimeException e) {
            if (out != null) {
                out.close();
            }
            if (spilled != null) {
                Files.deleteIfExists(spilled);
            }
            throw e;
        }
        // Inflating does not check the CRC, and stored entries have nothing else that would notice damage.
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            if (spilled != null) {
                Files.deleteIfExists(spilled);
            }
            throw new UnsafeArchiveException("The archive is truncated or corrupt: entry '"
                    + LogText.escape(entry.getName()) + "' fails its CRC check.");
        }
        if (spilled != null) {
            return new EntryContent(null, spilled, size, Sha256.hex(digest));
        }
        return new EntryContent(held == memory.length ? memory : Arrays.copyOf(memory, held), null, size, null);
    }

    /**
     * The entry's inflated bytes. Reading fails for the archive's content (an {@link UnsafeArchiveException});
     * writing elsewhere (a full disk) keeps its own {@link IOException}.
     */
    private abstract static class EntryStream implements AutoCloseable {

        abstract int read(byte[] buffer, int offset, int length) throws UnsafeArchiveException;

        @Override
        public abstract void close() throws IOException;

        static EntryStream open(ZipFile zipFile, ZipArchiveEntry entry) throws UnsafeArchiveException {
            try {
                if (entry.getMethod() == ZipEntry.DEFLATED) {
                    return new Inflating(entry, zipFile.getRawInputStream(entry));
                }
                // Stored entries come raw; any other method commons-compress can read it reads itself.
                InputStream in = entry.getMethod() == ZipEntry.STORED
                        ? zipFile.getRawInputStream(entry)
                        : zipFile.getInputStream(entry);
                return new Plain(entry, in);
            } catch (IOException e) {
                throw corrupt(entry, e);
            }
        }

        static UnsafeArchiveException corrupt(ZipArchiveEntry entry, Exception e) {
            return new UnsafeArchiveException(
                    "The archive is truncated or corrupt: entry '" + LogText.escape(entry.getName())
                            + "' cannot be read (" + EntryNames.reason(e) + ").",
                    e);
        }
    }

    private static final class Plain extends EntryStream {
        private final ZipArchiveEntry entry;
        private final InputStream in;

        Plain(ZipArchiveEntry entry, InputStream in) {
            this.entry = entry;
            this.in = in;
        }

        @Override
        int read(byte[] buffer, int offset, int length) throws UnsafeArchiveException {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                throw corrupt(entry, e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class Inflating extends EntryStream {
        private final ZipArchiveEntry entry;
        private final InputStream raw;
        private final Inflater inflater = new Inflater(true);
        private final byte[] input = new byte[BUFFER_BYTES];
        private boolean rawEnded;

        Inflating(ZipArchiveEntry entry, InputStream raw) {
            this.entry = entry;
            this.raw = raw;
        }

        @Override
        int read(byte[] buffer, int offset, int length) throws UnsafeArchiveException {
            try {
                while (true) {
                    if (inflater.finished()) {
                        return -1;
                    }
                    int n = inflater.inflate(buffer, offset, length);
                    if (n > 0) {
                        return n;
                    }
                    if (inflater.needsDictionary()) {
                        throw new DataFormatException("a preset dictionary, which zip entries never use");
                    }
                    if (inflater.needsInput()) {
                        if (rawEnded) {
                            throw new EOFException("Unexpected end of deflated data");
                        }
                        int got = raw.read(input);
                        if (got == -1) {
                            // The inflater may want one byte past the data to finish, as java.util.zip gives it.
                            rawEnded = true;
                            inflater.setInput(new byte[1]);
                        } else {
                            inflater.setInput(input, 0, got);
                        }
                    }
                }
            } catch (IOException | DataFormatException e) {
                throw corrupt(entry, e);
            }
        }

        @Override
        public void close() throws IOException {
            inflater.end();
            raw.close();
        }
    }
}
