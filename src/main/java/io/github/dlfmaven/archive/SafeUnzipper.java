package io.github.dlfmaven.archive;

import io.github.dlfmaven.config.IgnoredFields;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.text.BodyPreview;
import io.github.dlfmaven.text.LogText;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Extracts a DLF job package, refusing anything that could escape its target or exhaust the disk. Where each entry
 * goes and which ones are normalized JSON is the caller's {@link Placement}; where the files are written, its
 * {@link ExtractionTarget}.
 *
 * <p>Refused: a body that is not a zip (the message says what it is instead), a truncated or corrupt
 * zip (including an entry that fails its CRC check), absolute paths, {@code ..} segments, symbolic links,
 * the same name twice, two different files placed at one path, more than {@link ArchiveLimits#maxEntries()}
 * entries, more than {@link ArchiveLimits#maxExtractedBytes()} bytes (counted while inflating, whatever the headers
 * claim).
 *
 * <p>Each file is written once, with its final bytes: entries are held in memory (definitions up to
 * {@link #MAX_NORMALIZED_BYTES}, so they are normalized there; other files up to {@link #IN_MEMORY_BYTES}), and only
 * larger ones pass through a scratch file, which is then moved into place.
 */
public final class SafeUnzipper {

    /** SnapshotDefinitions larger than this are kept byte for byte rather than parsed, to bound memory use. */
    static final long MAX_NORMALIZED_BYTES = 8L << 20;
    /** Packages up to this size are read into memory whole; larger ones are read from their file. */
    static final long IN_MEMORY_PACKAGE_BYTES = 8L << 20;
    /** Files that are not normalized are held in memory up to this size, and pass through a scratch file beyond. */
    static final long IN_MEMORY_BYTES = 256L << 10;
    /**
     * Documents larger than this are normalized one at a time: parsed, one takes several times its size, and a
     * small heap holds only so many of those at once.
     */
    private static final long BIG_DOCUMENT_BYTES = 64L << 10;

    private final ArchiveLimits limits;
    private final SettingNames names;
    private final Placement placement;
    private final JsonNormalizer normalizer;
    private final Object bigDocumentLock = new Object();

    /**
     * @param names how the front end spells the limits in the advice of messages
     * @param placement where entries go, and which are normalized
     * @param ignored fields the normalized documents leave out
     */
    public SafeUnzipper(ArchiveLimits limits, SettingNames names, Placement placement, IgnoredFields ignored) {
        this.limits = limits;
        this.names = names;
        this.placement = placement;
        this.normalizer = new JsonNormalizer(ignored);
    }

    /** With settings named by their parameters in messages, and every field kept. */
    public SafeUnzipper(ArchiveLimits limits, Placement placement) {
        this(limits, SettingNames.PLAIN, placement, IgnoredFields.NONE);
    }

    /**
     * Extracts {@code zip} into {@code target}, which must be an empty or missing folder.
     *
     * @return the files written, in archive order
     * @throws UnsafeArchiveException the archive was refused; {@code target} may hold part of it
     * @throws IOException reading the archive or writing the folder failed
     */
    public List<ExtractedFile> extract(Path zip, Path target) throws UnsafeArchiveException, IOException {
        return extract(zip, 1, ExportBudget.unlimited(), new FolderTarget(target));
    }

    /**
     * Extracts a package of {@code jobs} jobs' worth (a batch export: the limits are per job, so such a package may
     * hold {@code jobs} times as many entries and bytes), counting what it writes against the whole export's budget
     * as well as against this package's limits.
     *
     * @return the files of the package, in archive order, each once (also those the target had already)
     * @throws X the target refused a file
     */
    public <X extends Exception> List<ExtractedFile> extract(
            Path zip, int jobs, ExportBudget budget, ExtractionTarget<X> target)
            throws UnsafeArchiveException, IOException, X {
        ArchiveLimits limits = jobs <= 1 ? this.limits : this.limits.times(jobs);
        try (SeekableByteChannel channel = open(zip)) {
            checkIsZip(channel);
            target.prepare();
            // Counted before the directory is read: a zip library holds an object per entry.
            ZipDirectory.Count directory = ZipDirectory.entries(channel, limits.maxEntries());
            if (directory.announced() > limits.maxEntries()) {
                throw tooManyEntries(String.valueOf(directory.announced()), limits);
            }
            if (directory.found() > limits.maxEntries()) {
                throw tooManyEntries("more than " + limits.maxEntries(), limits);
            }
            budget.reserveEntries(directory.entries());
            return extract(channel.position(0), limits, budget, target);
        }
    }

    private <X extends Exception> List<ExtractedFile> extract(
            SeekableByteChannel channel, ArchiveLimits limits, ExportBudget budget, ExtractionTarget<X> target)
            throws UnsafeArchiveException, IOException, X {
        try (ZipFile zipFile = zipFile(channel)) {
            List<ZipArchiveEntry> entries = Collections.list(zipFile.getEntries());
            if (entries.size() > limits.maxEntries()) {
                throw tooManyEntries(String.valueOf(entries.size()), limits);
            }
            Set<String> seen = new HashSet<>();
            Map<String, ExtractedFile> written = new HashMap<>();
            Map<String, String> firstEntry = new HashMap<>();
            List<ExtractedFile> files = new ArrayList<>();
            InflatedBytes inflated = new InflatedBytes(limits, budget, names);
            for (ZipArchiveEntry entry : entries) {
                String name = EntryNames.checked(entry);
                if (!seen.add(name)) {
                    throw new UnsafeArchiveException("The archive holds '" + LogText.escape(name) + "' twice.");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!zipFile.canReadEntryData(entry)) {
                    throw new UnsafeArchiveException("Entry '" + LogText.escape(name)
                            + "' uses a compression method or encryption this plugin cannot read.");
                }
                String destination = placement.destination(name);
                ExtractedFile earlier = written.get(destination);
                ExtractedFile file = extractEntry(zipFile, entry, destination, earlier == null, inflated, target);
                if (earlier == null) {
                    written.put(destination, file);
                    files.add(file);
                    firstEntry.put(destination, name);
                } else if (!earlier.sha256().equals(file.sha256())) {
                    // In a batch package the entries' folders name the jobs that disagree.
                    throw new UnsafeArchiveException("The archive holds two different files for '"
                            + LogText.escape(destination) + "': '" + LogText.escape(firstEntry.get(destination))
                            + "' and '" + LogText.escape(name) + "'.");
                }
            }
            return files;
        } catch (ZipException | EOFException e) {
            throw new UnsafeArchiveException("The archive is truncated or corrupt (" + EntryNames.reason(e) + ").", e);
        }
    }

    private UnsafeArchiveException tooManyEntries(String count, ArchiveLimits limits) {
        return new UnsafeArchiveException("The archive has " + count + " entries, more than the limit of "
                + limits.maxEntries() + "; raise " + names.name(Setting.MAX_ENTRIES) + " if that is expected.");
    }

    /**
     * The package, read into memory at once when it is small (a batch of a hundred jobs is a few hundred kilobytes):
     * parsing a zip reads it in many small pieces, each a system call on a file.
     */
    private static SeekableByteChannel open(Path zip) throws IOException {
        if (Files.size(zip) <= IN_MEMORY_PACKAGE_BYTES) {
            return new SeekableInMemoryByteChannel(Files.readAllBytes(zip));
        }
        return FileChannel.open(zip, StandardOpenOption.READ);
    }

    private static void checkIsZip(SeekableByteChannel channel) throws IOException, UnsafeArchiveException {
        ByteBuffer buffer = ByteBuffer.allocate(ZipSniffer.HEAD_BYTES);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // until the head is read or the package ends
        }
        byte[] head = Arrays.copyOf(buffer.array(), buffer.position());
        if (!ZipSniffer.isZip(head)) {
            throw new UnsafeArchiveException("The server did not send a zip archive but " + channel.size()
                    + " bytes of " + BodyPreview.describe(head) + ".");
        }
    }

    private static ZipFile zipFile(SeekableByteChannel channel) throws IOException, UnsafeArchiveException {
        try {
            // The central directory is what the checks read; the local headers are found when an entry is read, which
            // spares parsing every entry's extra fields twice.
            return ZipFile.builder()
                    .setSeekableByteChannel(channel)
                    .setIgnoreLocalFileHeader(true)
                    .get();
        } catch (IOException e) {
            // The file was just written and is read back: whatever fails here is the archive's content.
            throw new UnsafeArchiveException(
                    "The archive is truncated or corrupt: its table of contents cannot be read (" + EntryNames.reason(e)
                            + ").",
                    e);
        }
    }

    /**
     * Reads one entry, normalizes it where the placement asks, and hands it to the target unless {@code first} is
     * false (an earlier entry of this package went to the same path: only the content is compared).
     */
    private <X extends Exception> ExtractedFile extractEntry(
            ZipFile zipFile,
            ZipArchiveEntry entry,
            String destination,
            boolean first,
            InflatedBytes inflated,
            ExtractionTarget<X> target)
            throws IOException, UnsafeArchiveException, X {
        boolean normalizes = placement.normalizes(destination);
        long memoryLimit = normalizes ? MAX_NORMALIZED_BYTES : IN_MEMORY_BYTES;
        EntryContent content = EntryContent.read(zipFile, entry, memoryLimit, target, inflated);
        if (content.file != null) {
            String keptBecause = normalizes
                    ? "larger than " + MAX_NORMALIZED_BYTES + " bytes, the most this plugin normalizes"
                    : null;
            if (first) {
                target.move(entry.getName(), destination, content.file, content.fileSha256);
            } else {
                Files.deleteIfExists(content.file);
            }
            return new ExtractedFile(destination, content.size, content.fileSha256, keptBecause == null, keptBecause);
        }
        byte[] bytes = content.bytes;
        String keptBecause = null;
        if (normalizes) {
            try {
                byte[] json = normalized(bytes);
                // What normalizing adds is written too, and counts like inflated bytes.
                if (json.length > bytes.length) {
                    inflated.add(json.length - bytes.length, entry);
                }
                bytes = json;
            } catch (JsonNormalizer.OverLimitException overLimit) {
                keptBecause = overLimit.getMessage();
            } catch (IOException notJson) {
                keptBecause = "not valid JSON";
            }
        }
        String sha256 = Sha256.hex(bytes);
        if (first) {
            target.write(entry.getName(), destination, bytes, sha256);
        }
        return new ExtractedFile(destination, bytes.length, sha256, keptBecause == null, keptBecause);
    }

    /**
     * The normalized document.
     *
     * @throws IOException it is not JSON, or over a bound of the normalizer; the message says which
     */
    private byte[] normalized(byte[] document) throws IOException {
        if (document.length <= BIG_DOCUMENT_BYTES) {
            return normalizer.normalize(document);
        }
        // A parsed tree takes several times the file's size; parse one big document at a time so that
        // parallel jobs stay within a small heap.
        synchronized (bigDocumentLock) {
            return normalizer.normalize(document);
        }
    }
}
