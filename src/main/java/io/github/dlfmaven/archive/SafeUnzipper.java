package io.github.dlfmaven.archive;

import io.github.dlfmaven.log.BodyPreview;
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
    private static final long BIG_DOCUMENT_BYTES = 1L << 20;

    private static final Map<String, String> FOLDER_BY_EXTENSION =
            Map.of(".job", "jobs", ".script", "scripts", ".resource", "resources");
    private static final HexFormat HEX = HexFormat.of();

    private final ArchiveLimits limits;
    private final JsonNormalizer normalizer = new JsonNormalizer();
    private final Object bigDocumentLock = new Object();

    public SafeUnzipper(ArchiveLimits limits) {
        this.limits = limits;
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
        ArchiveLimits limits = jobs <= 1 ? this.limits : this.limits.times(jobs);
        checkIsZip(zip);
        Path root = Files.createDirectories(target).toRealPath();
        try (ZipFile zipFile = open(zip)) {
            List<ZipArchiveEntry> entries = Collections.list(zipFile.getEntries());
            if (entries.size() > limits.maxEntries()) {
                throw new UnsafeArchiveException("The archive has " + entries.size() + " entries, more than the limit of "
                        + limits.maxEntries() + "; raise maxEntries (-Ddlf.maxEntries) if that is expected.");
            }
            Set<String> names = new HashSet<>();
            Map<String, ExtractedFile> written = new HashMap<>();
            Map<String, String> firstEntry = new HashMap<>();
            List<ExtractedFile> files = new ArrayList<>();
            long[] inflated = {0};
            for (ZipArchiveEntry entry : entries) {
                String name = checkedName(entry);
                if (!names.add(name)) {
                    throw new UnsafeArchiveException("The archive holds '" + name + "' twice.");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!zipFile.canReadEntryData(entry)) {
                    throw new UnsafeArchiveException("Entry '" + name + "' uses a compression method or encryption"
                            + " this plugin cannot read.");
                }
                String destination = destination(name);
                ExtractedFile file = extractEntry(zipFile, entry, root, destination, written.containsKey(destination),
                        inflated, limits);
                ExtractedFile earlier = written.putIfAbsent(destination, file);
                if (earlier == null) {
                    files.add(file);
                    firstEntry.put(destination, name);
                } else if (!earlier.sha256().equals(file.sha256())) {
                    // In a batch package the entries' folders name the jobs that disagree.
                    throw new UnsafeArchiveException("The archive holds two different files for '" + destination
                            + "': '" + firstEntry.get(destination) + "' and '" + name + "'.");
                }
            }
            return files;
        } catch (ZipException | EOFException e) {
            throw new UnsafeArchiveException("The archive is truncated or corrupt (" + e.getMessage() + ").", e);
        }
    }

    private static void checkIsZip(Path zip) throws IOException, UnsafeArchiveException {
        long size = Files.size(zip);
        byte[] head;
        try (InputStream in = Files.newInputStream(zip)) {
            head = in.readNBytes(512);
        }
        boolean zipHeader = head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
        if (!zipHeader) {
            throw new UnsafeArchiveException("The server did not send a zip archive but " + size + " bytes of "
                    + BodyPreview.describe(head) + ".");
        }
    }

    private static ZipFile open(Path zip) throws IOException, UnsafeArchiveException {
        try {
            return ZipFile.builder().setPath(zip).get();
        } catch (ZipException | EOFException e) {
            throw new UnsafeArchiveException("The archive is truncated or corrupt: its table of contents cannot be read ("
                    + e.getMessage() + ").", e);
        }
    }

    /** The entry's name with {@code /} separators, refused when it could point outside the target folder. */
    private static String checkedName(ZipArchiveEntry entry) throws UnsafeArchiveException {
        String raw = entry.getName();
        String shown = raw.replaceAll("\\p{Cntrl}", "?");
        if (raw.isEmpty() || raw.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException("The archive has an entry with an empty or invalid name '" + shown + "'.");
        }
        if (entry.isUnixSymlink()) {
            throw new UnsafeArchiveException("Entry '" + shown + "' is a symbolic link; job packages never hold links.");
        }
        // Zips written on Windows may use backslashes; treat them as separators so "..\" is caught too.
        String name = raw.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException("Entry '" + shown + "' has an absolute path.");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeArchiveException("Entry '" + shown + "' contains '..' and would be written outside"
                        + " the output folder.");
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

    private ExtractedFile extractEntry(ZipFile zipFile, ZipArchiveEntry entry, Path root, String destination,
            boolean destinationWritten, long[] inflated, ArchiveLimits limits) throws IOException, UnsafeArchiveException {
        Path file = root.resolve(destination).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new UnsafeArchiveException("Entry '" + entry.getName() + "' would be written outside the output folder.");
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (FileAlreadyExistsException e) {
            throw new UnsafeArchiveException("Entry '" + entry.getName() + "' needs a folder where another entry is a file.");
        }
        // Parents were created by us inside root; make sure none of them is a link that leads elsewhere.
        if (!file.getParent().toRealPath().startsWith(root)) {
            throw new UnsafeArchiveException("Entry '" + entry.getName() + "' would be written outside the output folder.");
        }
        // Not Files.createTempFile: its owner-only permissions would stick to the snapshot's files.
        Path incoming = Files.createFile(file.getParent().resolve(".entry-" + UUID.randomUUID() + ".part"));
        try {
            MessageDigest digest = sha256();
            long size = copyCounting(zipFile, entry, incoming, inflated, digest, limits);
            String sha256 = HEX.formatHex(digest.digest());
            boolean normalized = true;
            String extension = extension(destination);
            if (FOLDER_BY_EXTENSION.containsKey(extension) || extension.equals(".json")) {
                byte[] json = size <= MAX_NORMALIZED_BYTES ? normalized(incoming, size) : null;
                normalized = json != null;
                if (normalized) {
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
                    throw new UnsafeArchiveException("Entry '" + entry.getName() + "' collides with a folder or another"
                            + " file at '" + destination + "' (a file and a folder of the same name, or names that differ"
                            + " only in case).");
                }
                // Same destination from two entries (batch layout); the caller compares their content.
            }
            return new ExtractedFile(destination, size, sha256, normalized);
        } finally {
            Files.deleteIfExists(incoming);
        }
    }

    /** Copies one entry, counting inflated bytes against the archive's limit and hashing what is written. */
    private static long copyCounting(ZipFile zipFile, ZipArchiveEntry entry, Path to, long[] inflated,
            MessageDigest digest, ArchiveLimits limits) throws IOException, UnsafeArchiveException {
        long size = 0;
        CRC32 crc = new CRC32();
        try (InputStream in = zipFile.getInputStream(entry);
                OutputStream out = new DigestOutputStream(
                        Files.newOutputStream(to, StandardOpenOption.TRUNCATE_EXISTING), digest)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                size += read;
                inflated[0] += read;
                if (inflated[0] > limits.maxExtractedBytes()) {
                    throw new UnsafeArchiveException("The archive inflates to more than " + limits.maxExtractedBytes()
                            + " bytes (stopped at entry '" + entry.getName() + "'); raise maxExtractedBytes"
                            + " (-Ddlf.maxExtractedBytes) if that is expected.");
                }
                out.write(buffer, 0, read);
                crc.update(buffer, 0, read);
            }
        }
        // Inflating does not check the CRC, and stored entries have nothing else that would notice damage.
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new UnsafeArchiveException("The archive is truncated or corrupt: entry '" + entry.getName()
                    + "' fails its CRC check.");
        }
        return size;
    }

    /** The normalized document, or null when the file is not JSON. */
    private byte[] normalized(Path file, long size) throws IOException {
        if (size <= BIG_DOCUMENT_BYTES) {
            return normalizeOrNull(Files.readAllBytes(file));
        }
        // A parsed tree takes several times the file's size; parse one big document at a time so that
        // parallel jobs stay within a small heap.
        synchronized (bigDocumentLock) {
            return normalizeOrNull(Files.readAllBytes(file));
        }
    }

    private byte[] normalizeOrNull(byte[] original) {
        try {
            return normalizer.normalize(original);
        } catch (IOException notJson) {
            return null;
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
