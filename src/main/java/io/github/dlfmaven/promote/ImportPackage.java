package io.github.dlfmaven.promote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.archive.JsonNormalizer;
import io.github.dlfmaven.config.IgnoredFields;
import io.github.dlfmaven.config.JobPattern;
import io.github.dlfmaven.snapshot.DefinitionKind;
import io.github.dlfmaven.snapshot.JobReferences;
import io.github.dlfmaven.snapshot.SnapshotFiles;
import io.github.dlfmaven.text.JsonPosition;
import io.github.dlfmaven.text.LogText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * What an import sends: the selected jobs of a snapshot, the scripts and resources they use, mapped for the target
 * environment. Written twice: as a folder in the snapshot layout, normalized as an export writes and with its file
 * names ({@code jobs/CO%4E.job}), which the plan compares with the target's own export; and as a zip in the export
 * layout, which DLF reads from OBS, with the definitions' names as they are ({@code jobs/CON.job}), since DLF takes the
 * names from the entries. Only the definitions go in, never another file of the snapshot folder.
 */
public final class ImportPackage {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fixed times in the zip, so the same snapshot packs to the same bytes. */
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

    /**
     * @param jobs, scripts, resources the names packed, sorted
     * @param missingScripts scripts a packed job runs that the snapshot lacks (exported without dependencies): the
     *     target must have them already
     * @param unusedMappings mapping entries that matched nothing, as {@code kind.from}
     * @param forbiddenLeft forbidden development names the mapping left, with where
     * @param files the definitions packed, by their path in the snapshot layout: what the plan compares with the
     *     target, the very bytes the zip holds, never the copy written to the work folder, which another process could
     *     change
     * @param zip the package as it is uploaded: these bytes, never the file written beside the plan
     */
    public record Contents(
            List<String> jobs,
            List<String> scripts,
            List<String> resources,
            List<String> missingScripts,
            int replaced,
            List<String> unusedMappings,
            List<String> forbiddenLeft,
            SortedMap<String, byte[]> files,
            PackageZip zip) {

        public Contents {
            files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        }

        /** The size of the zip. */
        public long zipBytes() {
            return zip.size();
        }
    }

    /** A definition packed: where it goes in the folder and in the zip, and its bytes. */
    private record Packed(String entry, byte[] bytes) {}

    private final Path snapshot;
    private final IgnoredFields ignored;
    private Map<String, Path> files;
    private final Map<DefinitionKind, Map<String, String>> paths = new EnumMap<>(DefinitionKind.class);

    public ImportPackage(Path snapshot, IgnoredFields ignored) {
        this.snapshot = snapshot;
        this.ignored = ignored;
    }

    /** The jobs of the snapshot that the names and patterns select, less the excluded ones, sorted. */
    public List<String> select(List<String> jobs, List<String> excludes) throws IOException {
        List<JobPattern> include = jobs.stream().map(JobPattern::of).toList();
        List<JobPattern> exclude = excludes.stream().map(JobPattern::of).toList();
        List<String> selected = new ArrayList<>();
        for (String name : names(DefinitionKind.JOB)) {
            if (include.stream().anyMatch(p -> p.matches(name))
                    && exclude.stream().noneMatch(p -> p.matches(name))) {
                selected.add(name);
            }
        }
        return selected;
    }

    /**
     * Packs the jobs into {@code folder} (replaced by the caller beforehand) and into a zip held in memory, which is
     * also written to {@code zip}.
     *
     * @throws IOException a definition cannot be read or the files cannot be written
     */
    public Contents write(List<String> jobs, EnvironmentMapping mapping, Path folder, Path zip) throws IOException {
        Map<String, ObjectNode> jobDefinitions = new TreeMap<>();
        Set<String> scriptNames = new LinkedHashSet<>();
        Set<String> resourcePaths = new LinkedHashSet<>();
        for (String job : jobs) {
            ObjectNode definition = read(DefinitionKind.JOB, job);
            jobDefinitions.put(job, definition);
            scriptNames.addAll(JobReferences.scriptsOfJob(definition));
            resourcePaths.addAll(JobReferences.resourcePathsOfJob(definition));
        }
        Map<String, ObjectNode> scripts = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        Set<String> available = new LinkedHashSet<>(names(DefinitionKind.SCRIPT));
        for (String script : scriptNames) {
            if (available.contains(script)) {
                scripts.put(script, read(DefinitionKind.SCRIPT, script));
            } else {
                missing.add(script);
            }
        }
        // A resourcePath may hold a resource's name or its OBS location (not confirmed which): either selects it.
        Map<String, ObjectNode> resources = new TreeMap<>();
        for (String resource : names(DefinitionKind.RESOURCE)) {
            ObjectNode definition = read(DefinitionKind.RESOURCE, resource);
            if (resourcePaths.contains(resource)
                    || resourcePaths.contains(definition.path("location").asText(""))) {
                resources.put(resource, definition);
            }
        }
        EnvironmentMapping.Session session = mapping.start();
        // By the path in the folder; the zip has its entries in the same order.
        Map<String, Packed> packed = new TreeMap<>();
        add(packed, DefinitionKind.JOB, jobDefinitions, session);
        add(packed, DefinitionKind.SCRIPT, scripts, session);
        add(packed, DefinitionKind.RESOURCE, resources, session);
        for (Map.Entry<String, Packed> file : packed.entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue().bytes());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream archive = new ZipArchiveOutputStream(bytes)) {
            for (Packed file : packed.values()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(file.entry());
                // A zip stores local time: the same wall-clock time in every zone gives the same bytes everywhere.
                entry.setTime(
                        ZIP_TIME.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
                archive.putArchiveEntry(entry);
                archive.write(file.bytes());
                archive.closeArchiveEntry();
            }
        }
        return new Contents(
                List.copyOf(jobDefinitions.keySet()),
                List.copyOf(scripts.keySet()),
                List.copyOf(resources.keySet()),
                missing,
                session.replaced(),
                session.unused(),
                session.forbiddenLeft(),
                inFolder(packed),
                kept(bytes.toByteArray(), zip));
    }

    private static SortedMap<String, byte[]> inFolder(Map<String, Packed> packed) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        packed.forEach((path, file) -> files.put(path, file.bytes()));
        return files;
    }

    /** The zip, also written to {@code file} for people to look at; the upload sends the bytes returned. */
    private static PackageZip kept(byte[] bytes, Path file) throws IOException {
        PackageZip zip = new PackageZip(bytes);
        Files.write(file, bytes);
        return zip;
    }

    private void add(
            Map<String, Packed> files,
            DefinitionKind kind,
            Map<String, ObjectNode> definitions,
            EnvironmentMapping.Session session)
            throws IOException {
        JsonNormalizer normalizer = new JsonNormalizer(ignored);
        for (Map.Entry<String, ObjectNode> definition : definitions.entrySet()) {
            String path = kind.path(definition.getKey());
            session.apply(kind, path, definition.getValue());
            files.put(
                    path,
                    new Packed(
                            kind.packageEntry(definition.getKey()),
                            normalizer.normalize(JSON.writeValueAsBytes(definition.getValue()))));
        }
    }

    private ObjectNode read(DefinitionKind kind, String name) throws IOException {
        String path = paths(kind).get(name);
        Path file = files().get(path);
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // Jackson quotes the text it stumbled on, and a definition may hold a secret: only where it stumbled.
            throw new IOException(LogText.escape(path) + " in the snapshot is not valid JSON" + JsonPosition.of(e)
                    + "; dlf:validate says the same.");
        }
        if (!(json instanceof ObjectNode object)) {
            throw new IOException(LogText.escape(path) + " in the snapshot is not a JSON object.");
        }
        return object;
    }

    /** The snapshot's files, read once: links inside are never followed, so no file from elsewhere is packed. */
    private Map<String, Path> files() throws IOException {
        if (files == null) {
            files = SnapshotFiles.of(snapshot).files();
        }
        return files;
    }

    /** The names of the definitions of one kind in the snapshot, sorted; none when its folder is missing. */
    private List<String> names(DefinitionKind kind) throws IOException {
        return List.copyOf(paths(kind).keySet());
    }

    /**
     * The definitions of one kind in the snapshot: the path of each name, sorted by name. Of two files of one name (a
     * file the escaping did not write, {@code jobs/CON.job}, beside {@code jobs/CO%4E.job}) the one an export writes
     * for it counts.
     */
    private Map<String, String> paths(DefinitionKind kind) throws IOException {
        Map<String, String> byName = paths.get(kind);
        if (byName == null) {
            byName = new TreeMap<>();
            for (String path : files().keySet()) {
                // Only the extension as the export writes it, which is the name the package gives the file.
                if (DefinitionKind.ofSnapshotPath(path).filter(kind::equals).isPresent()
                        && path.endsWith(kind.extension())) {
                    String name = kind.nameOf(path.substring(path.lastIndexOf('/') + 1));
                    if (!byName.containsKey(name) || path.equals(kind.path(name))) {
                        byName.put(name, path);
                    }
                }
            }
            paths.put(kind, byName);
        }
        return byName;
    }
}
