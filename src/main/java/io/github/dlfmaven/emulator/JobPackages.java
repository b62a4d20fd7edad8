package io.github.dlfmaven.emulator;

import io.github.dlfmaven.emulator.Fixtures.Definition;
import io.github.dlfmaven.emulator.Fixtures.Dependencies;
import io.github.dlfmaven.emulator.Fixtures.Resource;
import io.github.dlfmaven.snapshot.DefinitionKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds the zips DLF returns, from fixtures, with fixed entry times so equal input gives equal bytes. The entries have
 * the definitions' names as they are ({@code jobs/CON.job}), as DLF writes them, not the file names of the fixtures.
 */
final class JobPackages {

    private static final FileTime ENTRY_TIME = FileTime.fromMillis(Fixtures.STABLE_TIME);

    private final Map<Path, Compressed> cache = new ConcurrentHashMap<>();

    /** A single-job export: {@code jobs/}, {@code scripts/} and {@code resources/} at the top. */
    byte[] single(Fixtures fixtures, Definition job, boolean exportDepend) throws IOException {
        Map<String, Path> entries = new TreeMap<>();
        entries.put(DefinitionKind.JOB.packageEntry(job.name()), job.file());
        if (exportDepend) {
            Dependencies dependencies = fixtures.dependencies(job);
            dependencies.scripts().forEach(s -> entries.put(DefinitionKind.SCRIPT.packageEntry(s.name()), s.file()));
            dependencies
                    .resources()
                    .forEach(r -> entries.put(DefinitionKind.RESOURCE.packageEntry(r.name()), r.file()));
        }
        return zip(entries);
    }

    /** A batch export: one folder per job under {@code jobs/}, holding the job and what it depends on. */
    byte[] batch(Fixtures fixtures, List<Definition> jobs, boolean exportDepend) throws IOException {
        Map<String, Path> entries = new TreeMap<>();
        for (Definition job : jobs) {
            String folder = DefinitionKind.JOB.folder() + "/" + job.name() + "/";
            entries.put(folder + DefinitionKind.JOB.packageFileName(job.name()), job.file());
            if (exportDepend) {
                Dependencies dependencies = fixtures.dependencies(job);
                for (Definition script : dependencies.scripts()) {
                    entries.put(folder + DefinitionKind.SCRIPT.packageFileName(script.name()), script.file());
                }
                for (Resource resource : dependencies.resources()) {
                    entries.put(folder + DefinitionKind.RESOURCE.packageFileName(resource.name()), resource.file());
                }
            }
        }
        return zip(entries);
    }

    private byte[] zip(Map<String, Path> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                Compressed file = compressed(entry.getValue());
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
                // DOS time only, as a zip library writes by default: no extra fields to parse for each entry.
                zipEntry.setTime(ENTRY_TIME.toMillis());
                zipEntry.setMethod(ZipEntry.DEFLATED);
                zipEntry.setSize(file.size());
                zipEntry.setCompressedSize(file.deflated().length);
                zipEntry.setCrc(file.crc());
                zip.addRawArchiveEntry(zipEntry, new ByteArrayInputStream(file.deflated()));
            }
        }
        return bytes.toByteArray();
    }

    /** A fixture file deflated, as of its modification time and size. */
    private record Compressed(FileTime modified, long size, long crc, byte[] deflated) {}

    /**
     * The file deflated, from the cache while it is unchanged: a batch of a large workspace packs hundreds of files,
     * and deflating them anew for every request would make the emulator, not the client, what a benchmark measures.
     */
    private Compressed compressed(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Compressed cached = cache.get(file);
        if (cached != null
                && cached.modified().equals(attributes.lastModifiedTime())
                && cached.size() == attributes.size()) {
            return cached;
        }
        byte[] content = Files.readAllBytes(file);
        CRC32 crc = new CRC32();
        crc.update(content);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream(content.length / 2 + 64);
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, deflater)) {
            out.write(content);
        } finally {
            deflater.end();
        }
        Compressed fresh =
                new Compressed(attributes.lastModifiedTime(), content.length, crc.getValue(), deflated.toByteArray());
        cache.put(file, fresh);
        return fresh;
    }
}
