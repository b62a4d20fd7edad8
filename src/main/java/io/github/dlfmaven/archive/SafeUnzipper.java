package io.github.dlfmaven.archive;

import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.log.BodyPreview;
import io.github.dlfmaven.log.LogText;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Extracts a DLF job package into a folder, refusing anything that could escape it or exhaust the disk.
 *
 * <p>Refused: a body that is not a zip (the message says what it is instead), a truncated or corrupt
 * zip (including an entry that fails its CRC check), absolute paths, {@code ..} segments, symbolic links,
 * the same name twice, a file where another entry needs a folder, more than
 * {@link ArchiveLimits#maxEntries()} entries, more than {@link ArchiveLimits#maxExtractedBytes()} bytes
 * (counted while inflating, whatever the headers claim).
 *
 * <p>Both package layouts DLF produces land in one tree: a single-job export has {@code jobs/},
 * {@code scripts/} and {@code resources/} folders, a batch export puts each job's files in a folder of
 * its own, so definition files are placed by extension: {@code *.job} into {@code jobs/},
 * {@code *.script} into {@code scripts/}, {@code *.resource} into {@code resources/}. Anything else keeps
 * its path (the API doc promises CDM definitions whose layout is not confirmed). Definitions are
 * normalized with {@link JsonNormalizer}.
 */
public final class SafeUnzipper {

    /** Definitions larger than this are kept byte for byte rather than parsed, to bound memory use. */
    static final long MAX_NORMALIZED_BYTES = 8L << 20;
    /**
     * Documents larger than this are normalized one at a time: parsed, one takes several times its size, and a
     * small heap holds only so many of those at once.
     */
    private static final long BIG_DOCUMENT_BYTES = 64L << 10;

    private static final Map<String, String> FOLDER_BY_EXTENSION =
            Map.of(".job", "jobs", ".script", "scripts", ".resource", "resources");
    private static final HexFormat HEX = HexFormat.of();

    private final ArchiveLimits limits;
    private final SettingNames names;
    private final JsonNormalizer normalizer = new JsonNormalizer();
    private final Object bigDocumentLock = new Object();

    /** With settings named by their parameters in messages. */
    public SafeUnzipper(ArchiveLimits limits) {
        this(limits, SettingNames.PLAIN);
    }

    /** @param names how the front end spells the limits in the advice of messages */
    public SafeUnzipper(ArchiveLimits limits, SettingNames names) {
        this.limits = limits;
        this.names = names;
    }

    /**
     * Extracts {@code zip} into {@code target}, which must be an empty or missing folder.
     *
     * @return the files written, in archive order
     * @throws UnsafeArchiveException the archive was refused; {@code target} may hold part of it
     * @throws IOException reading the archive or writing the folder failed
     */
    public List<ExtractedFile> extract(Path zip, Path target) throws UnsafeArchiveException, IOException {
        return extract(zip, target, 1);
    }

    /**
     * Extracts a package that holds several jobs (a batch export): the limits are per job, so such a package
     * may hold {@code jobs} times as many entries and bytes.
     */
    public List<ExtractedFile> extract(Path zip, Path target, int jobs) throws UnsafeArchiveException, IOException {
        return extract(zip, target, jobs, ExportBudget.unlimited());
    }

    /**
     * Extracts a package of {@code jobs} jobs' worth, counting what it writes against the whole export's budget as
     * well as against this package's limits.
     */
    public List<ExtractedFile> extract(Path zip, Path target, int jobs, ExportBudget budget)
            throws UnsafeArchiveException, IOException {
        ArchiveLimits limits = jobs <= 1 ? this.limits : this.limits.times(jobs);
        checkIsZip(zip);
        Path root = Files.createDirectories(target).toRealPath();
        // Counted before the directory is read: a zip library holds an object per entry.
        ZipDirectory.Count directory = ZipDirectory.entries(zip, limits.maxEntries());
        if (directory.announced() > limits.maxEntries()) {
            throw tooManyEntries(String.valueOf(directory.announced()), limits);
        }
        if (directory.found() > limits.maxEntries()) {
            throw tooManyEntries("more than " + limits.maxEntries(), limits);
        }
        budget.reserveEntries(directory.entries());
        try (ZipFile zipFile = open(zip)) {
            List<ZipArchiveEntry> entries = Collections.list(zipFile.getEntries());
            if (entries.size() > limits.maxEntries()) {
                throw tooManyEntries(String.valueOf(entries.size()), limits);
            }
            Set<String> names = new HashSet<>();
            Map<String, ExtractedFile> written = new HashMap<>();
            Map<String, String> firstEntry = new HashMap<>();
            List<ExtractedFile> files = new ArrayList<>();
            Inflated inflated = new Inflated(limits, budget);
            for (ZipArchiveEntry entry : entries) {
                String name = checkedName(entry);
                if (!names.add(name)) {
                    throw new UnsafeArchiveException("The archive holds '" + LogText.escape(name) + "' twice.");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!zipFile.canReadEntryData(entry)) {
                    throw new UnsafeArchiveException("Entry '" + LogText.escape(name)
                            + "' uses a compression method or encryption" + " this plugin cannot read.");
                }
                String destination = destination(name);
                ExtractedFile file =
                        extractEntry(zipFile, entry, root, destination, written.containsKey(destination), inflated);
                ExtractedFile earlier = written.putIfAbsent(destination, file);
                if (earlier == null) {
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
            throw new UnsafeArchiveException("The archive is truncated or corrupt (" + reason(e) + ").", e);
        }
    }

    private UnsafeArchiveException tooManyEntries(String count, ArchiveLimits limits) {
        return new UnsafeArchiveException("The archive has " + count + " entries, more than the limit of "
                + limits.maxEntries() + "; raise " + names.name(Setting.MAX_ENTRIES) + " if that is expected.");
    }

    /**
     * The bytes an archive has written so far, against its own limit and the export's budget: inflated bytes as they
     * come, and what normalizing adds on top.
     */
    private final class Inflated {
        private final ArchiveLimits limits;
        private final ExportBudget budget;
        private long bytes;

        Inflated(ArchiveLimits limits, ExportBudget budget) {
            this.limits = limits;
            this.budget = budget;
        }

        void add(long n, ZipArchiveEntry entry) throws UnsafeArchiveException {
            bytes += n;
            if (bytes > limits.maxExtractedBytes()) {
                throw new UnsafeArchiveException("The archive inflates to more than " + limits.maxExtractedBytes()
                        + " bytes (stopped at entry '" + LogText.escape(entry.getName()) + "'); raise "
                        + names.name(Setting.MAX_EXTRACTED_BYTES) + " if that is expected.");
            }
            budget.charge(n, LogText.escape(entry.getName()));
        }
    }

    private static void checkIsZip(Path zip) throws IOException, UnsafeArchiveException {
        byte[] head = ZipSniffer.head(zip);
        if (!ZipSniffer.isZip(head)) {
            throw new UnsafeArchiveException("The server did not send a zip archive but " + Files.size(zip)
                    + " bytes of " + BodyPreview.describe(head) + ".");
        }
    }

    private static ZipFile open(Path zip) throws IOException, UnsafeArchiveException {
        try {
            return ZipFile.builder().setPath(zip).get();
        } catch (IOException e) {
            // The file was just written and is read back: whatever fails here is the archive's content.
            throw new UnsafeArchiveException(
                    "The archive is truncated or corrupt: its table of contents cannot be read (" + reason(e) + ").",
                    e);
        }
    }

    /**
     * What a zip library's failure says, escaped: its messages quote entry names, which the server chose. The
     * innermost message is the telling one ("Error reading Zip content" wraps it).
     */
    private static String reason(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage() != null ? innermost.getMessage() : failure.getMessage();
        return LogText.escape(message == null ? innermost.getClass().getSimpleName() : message);
    }

    /** The entry's name with {@code /} separators, refused when it could point outside the target folder. */
    private static String checkedName(ZipArchiveEntry entry) throws UnsafeArchiveException {
        String raw = entry.getName();
        String shown = LogText.escape(raw);
        if (raw.isEmpty() || raw.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException("The archive has an entry with an empty or invalid name '" + shown + "'.");
        }
        if (entry.isUnixSymlink()) {
            throw new UnsafeArchiveException(
                    "Entry '" + shown + "' is a symbolic link; job packages never hold links.");
        }
        // Zips written on Windows may use backslashes; treat them as separators so "..\" is caught too.
        String name = raw.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException("Entry '" + shown + "' has an absolute path.");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeArchiveException(
                        "Entry '" + shown + "' contains '..' and would be written outside" + " the output folder.");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new UnsafeArchiveException("The archive has an entry with an empty name '" + shown + "'.");
        }
        return String.join("/", segments) + (entry.isDirectory() ? "/" : "");
    }

    /** Where an entry goes in the output tree: definitions by extension, everything else as it is. */
    static String destination(String name) {
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> kind : FOLDER_BY_EXTENSION.entrySet()) {
            if (lower.endsWith(kind.getKey()) && lower.length() > kind.getKey().length()) {
                return kind.getValue() + "/" + fileName;
            }
        }
        return name;
    }

    private ExtractedFile extractEntry(
            ZipFile zipFile,
            ZipArchiveEntry entry,
            Path root,
            String destination,
            boolean destinationWritten,
            Inflated inflated)
            throws IOException, UnsafeArchiveException {
        String shown = LogText.escape(entry.getName());
        Path file = root.resolve(destination).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new UnsafeArchiveException("Entry '" + shown + "' would be written outside the output folder.");
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (FileAlreadyExistsException e) {
            throw new UnsafeArchiveException("Entry '" + shown + "' needs a folder where another entry is a file.");
        }
        // Parents were created by us inside root; make sure none of them is a link that leads elsewhere.
        if (!file.getParent().toRealPath().startsWith(root)) {
            throw new UnsafeArchiveException("Entry '" + shown + "' would be written outside the output folder.");
        }
        // Not Files.createTempFile: its owner-only permissions would stick to the snapshot's files.
        Path incoming = Files.createFile(file.getParent().resolve(".entry-" + UUID.randomUUID() + ".part"));
        try {
            MessageDigest digest = sha256();
            long size = copyCounting(zipFile, entry, incoming, inflated, digest);
            String sha256 = HEX.formatHex(digest.digest());
            String keptBecause = null;
            String extension = extension(destination);
            if (FOLDER_BY_EXTENSION.containsKey(extension) || extension.equals(".json")) {
                byte[] json = null;
                if (size > MAX_NORMALIZED_BYTES) {
                    keptBecause = "larger than " + MAX_NORMALIZED_BYTES + " bytes, the most this plugin normalizes";
                } else {
                    try {
                        json = normalized(incoming, size);
                    } catch (JsonNormalizer.OverLimitException overLimit) {
                        keptBecause = overLimit.getMessage();
                    } catch (IOException notJson) {
                        keptBecause = "not valid JSON";
                    }
                }
                if (json != null) {
                    // What normalizing adds is written too, and counts like inflated bytes.
                    if (json.length > size) {
                        inflated.add(json.length - size, entry);
                    }
                    Files.write(incoming, json);
                    size = json.length;
                    sha256 = HEX.formatHex(sha256().digest(json));
                }
            }
            try {
                Files.move(incoming, file);
            } catch (FileAlreadyExistsException e) {
                if (!destinationWritten) {
                    // A folder of that name, or (on a case-insensitive file system) a name differing only in case.
                    throw new UnsafeArchiveException("Entry '" + shown + "' collides with a folder or another"
                            + " file at '" + LogText.escape(destination) + "' (a file and a folder of the same name, or"
                            + " names that differ only in case).");
                }
                // Same destination from two entries (batch layout); the caller compares their content.
            }
            return new ExtractedFile(destination, size, sha256, keptBecause == null, keptBecause);
        } finally {
            Files.deleteIfExists(incoming);
        }
    }

    /** Reading the archive fails for its content; writing the folder (a full disk) keeps its own IOException. */
    private static InputStream entryStream(ZipFile zipFile, ZipArchiveEntry entry) throws UnsafeArchiveException {
        try {
            return zipFile.getInputStream(entry);
        } catch (IOException e) {
            throw corrupt(entry, e);
        }
    }

    private static UnsafeArchiveException corrupt(ZipArchiveEntry entry, IOException e) {
        return new UnsafeArchiveException(
                "The archive is truncated or corrupt: entry '" + LogText.escape(entry.getName()) + "' cannot be read ("
                        + reason(e) + ").",
                e);
    }

    /** Copies one entry, counting inflated bytes against the limits and hashing what is written. */
    private static long copyCounting(
            ZipFile zipFile, ZipArchiveEntry entry, Path to, Inflated inflated, MessageDigest digest)
            throws IOException, UnsafeArchiveException {
        long size = 0;
        CRC32 crc = new CRC32();
        try (InputStream in = entryStream(zipFile, entry);
                OutputStream out = new DigestOutputStream(
                        Files.newOutputStream(to, StandardOpenOption.TRUNCATE_EXISTING), digest)) {
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    throw corrupt(entry, e);
                }
                if (read == -1) {
                    break;
                }
                size += read;
                inflated.add(read, entry);
                out.write(buffer, 0, read);
                crc.update(buffer, 0, read);
            }
        }
        // Inflating does not check the CRC, and stored entries have nothing else that would notice damage.
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new UnsafeArchiveException("The archive is truncated or corrupt: entry '"
                    + LogText.escape(entry.getName()) + "' fails its CRC check.");
        }
        return size;
    }

    /**
     * The normalized document.
     *
     * @throws IOException it is not JSON, or over a bound of the normalizer; the message says which
     */
    private byte[] normalized(Path file, long size) throws IOException {
        if (size <= BIG_DOCUMENT_BYTES) {
            return normalizer.normalize(Files.readAllBytes(file));
        }
        // A parsed tree takes several times the file's size; parse one big document at a time so that
        // parallel jobs stay within a small heap.
        synchronized (bigDocumentLock) {
            return normalizer.normalize(Files.readAllBytes(file));
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
