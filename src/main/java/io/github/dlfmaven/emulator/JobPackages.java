package io.github.dlfmaven.emulator;

import io.github.dlfmaven.emulator.Fixtures.Definition;
import io.github.dlfmaven.emulator.Fixtures.Dependencies;
import io.github.dlfmaven.emulator.Fixtures.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds the zips DLF returns, from fixtures, with fixed entry times so equal input gives equal bytes. */
final class JobPackages {

    private static final FileTime ENTRY_TIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    private JobPackages() {}

    /** A single-job export: {@code jobs/}, {@code scripts/} and {@code resources/} at the top. */
    static byte[] single(Fixtures fixtures, Definition job, boolean exportDepend) throws IOException {
        Map<String, Path> entries = new TreeMap<>();
        entries.put("jobs/" + job.name() + ".job", job.file());
        if (exportDepend) {
            Dependencies dependencies = fixtures.dependencies(job);
            dependencies.scripts().forEach(s -> entries.put("scripts/" + s.name() + ".script", s.file()));
            dependencies.resources().forEach(r -> entries.put("resources/" + r.name() + ".resource", r.file()));
        }
        return zip(entries);
    }

    /** A batch export: one folder per job under {@code jobs/}, holding the job and what it depends on. */
    static byte[] batch(Fixtures fixtures, List<Definition> jobs, boolean exportDepend) throws IOException {
        Map<String, Path> entries = new TreeMap<>();
        for (Definition job : jobs) {
            String folder = "jobs/" + job.name() + "/";
            entries.put(folder + job.name() + ".job", job.file());
            if (exportDepend) {
                Dependencies dependencies = fixtures.dependencies(job);
                for (Definition script : dependencies.scripts()) {
                    entries.put(folder + script.name() + ".script", script.file());
                }
                for (Resource resource : dependencies.resources()) {
                    entries.put(folder + resource.name() + ".resource", resource.file());
                }
            }
        }
        return zip(entries);
    }

    private static byte[] zip(Map<String, Path> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setLastModifiedTime(ENTRY_TIME);
                zip.putNextEntry(zipEntry);
                Files.copy(entry.getValue(), zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
