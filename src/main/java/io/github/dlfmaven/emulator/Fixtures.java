package io.github.dlfmaven.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.snapshot.DefinitionKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Job definitions served by the emulator, read from a folder laid out like the export output:
 * {@code jobs/*.job}, {@code scripts/*.script}, {@code resources/*.resource}. A name is its file name without the
 * extension, read as a snapshot's file name is ({@code jobs/CO%4E.job} is job {@code CON}, see
 * {@link DefinitionKind#nameOf}), so one export's output is valid fixtures. Files are served byte for byte.
 */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A definition file and its name. */
    record Definition(String name, Path file) {}

    /** What the job list shows of a job: its type ({@code BATCH} unless it says {@code REAL_TIME}) and folder. */
    record Listing(Definition job, String jobType, String directory, JsonNode json) {}

    /**
     * The time the emulator gives what a fixture does not date ({@code createTime}, {@code lastUpdateTime}): fixed,
     * so that answers are the same from run to run; the packages' entries carry it too.
     */
    static final long STABLE_TIME = 1767225600000L; // 2026-01-01T00:00:00Z

    /** A resource, which jobs may name by its name or by its OBS location. */
    record Resource(String name, String location, Path file) {}

    private final Map<String, Definition> jobs;
    private final Map<String, Definition> scripts;
    private final List<Resource> resources;
    private final List<Listing> listings;

    private Fixtures(Map<String, Definition> jobs, Map<String, Definition> scripts, List<Resource> resources) {
        this.jobs = jobs;
        this.scripts = scripts;
        this.resources = resources;
        List<Listing> listings = new ArrayList<>();
        for (Definition job : jobs.values()) {
            JsonNode json = readJson(job.file());
            String type = json != null && "REAL_TIME".equals(text(json, "processType")) ? "REAL_TIME" : "BATCH";
            String directory = json == null ? null : text(json, "directory");
            listings.add(new Listing(
                    job,
                    type,
                    directory == null || directory.isEmpty() ? "/" : directory,
                    json == null ? JSON.createObjectNode() : json));
        }
        this.listings = List.copyOf(listings);
    }

    /**
     * Reads the folders as they are now, a definition of a later folder (what was imported) replacing one of the same
     * name in an earlier; a missing folder means no definitions.
     */
    static Fixtures load(Path... roots) throws IOException {
        Map<String, Definition> jobs = new TreeMap<>();
        Map<String, Definition> scripts = new TreeMap<>();
        Map<String, Definition> resourceFiles = new TreeMap<>();
        for (Path root : roots) {
            definitions(root, DefinitionKind.JOB, jobs);
            definitions(root, DefinitionKind.SCRIPT, scripts);
            definitions(root, DefinitionKind.RESOURCE, resourceFiles);
        }
        List<Resource> resources = new ArrayList<>();
        for (Definition resource : resourceFiles.values()) {
            JsonNode json = readJson(resource.file());
            String location = json == null ? null : text(json, "location");
            resources.add(new Resource(resource.name(), location, resource.file()));
        }
        return new Fixtures(jobs, scripts, resources);
    }

    /** Whether a definition of this kind and name is served. */
    boolean has(DefinitionKind kind, String name) {
        return switch (kind) {
            case JOB -> jobs.containsKey(name);
            case SCRIPT -> scripts.containsKey(name);
            case RESOURCE -> resources.stream().anyMatch(r -> r.name().equals(name));
        };
    }

    private static void definitions(Path root, DefinitionKind kind, Map<String, Definition> byName) throws IOException {
        Path folder = root.resolve(kind.folder());
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + kind.extension())) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = kind.nameOf(fileName);
                if (!name.isEmpty() && Files.isRegularFile(file)) {
                    byName.put(name, new Definition(name, file));
                }
            }
        }
    }

    /** All jobs as the job list shows them, sorted by name. */
    List<Listing> listings() {
        return listings;
    }

    Optional<Definition> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    Optional<Definition> script(String name) {
        return Optional.ofNullable(scripts.get(name));
    }

    /** Every script, sorted by name. */
    List<Definition> scripts() {
        return List.copyOf(scripts.values());
    }

    /** Every resource, sorted by name. */
    List<Resource> resources() {
        return resources;
    }

    /**
     * The scripts and resources a job depends on, found in the job's JSON as the API doc recommends: a
     * node property {@code scriptName} names a script; a node property {@code resourcePath} names a
     * resource by its name or its OBS location. References to definitions that are not in the fixtures are
     * ignored (the real service would fail the export; here the job is still exported).
     */
    Dependencies dependencies(Definition job) throws IOException {
        Set<Definition> scriptDependencies = new LinkedHashSet<>();
        Set<Resource> resourceDependencies = new LinkedHashSet<>();
        JsonNode json = readJson(job.file());
        if (json != null) {
            for (JsonNode node : json.path("nodes")) {
                for (Map.Entry<String, String> property : properties(node.path("properties"))) {
                    if (property.getKey().equals("scriptName") && scripts.containsKey(property.getValue())) {
                        scriptDependencies.add(scripts.get(property.getValue()));
                    } else if (property.getKey().equals("resourcePath")) {
                        for (Resource resource : resources) {
                            if (property.getValue().equals(resource.name())
                                    || property.getValue().equals(resource.location())) {
                                resourceDependencies.add(resource);
                            }
                        }
                    }
                }
            }
        }
        return new Dependencies(List.copyOf(scriptDependencies), List.copyOf(resourceDependencies));
    }

    /** What a job brings with it. */
    record Dependencies(List<Definition> scripts, List<Resource> resources) {}

    /** The file's JSON, or null when it is not JSON. */
    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Node properties are documented as a list of {name, value} pairs; an object map is accepted too. */
    private static List<Map.Entry<String, String>> properties(JsonNode properties) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (properties.isArray()) {
            for (JsonNode pair : properties) {
                String name = text(pair, "name");
                String value = text(pair, "value");
                if (name != null && value != null) {
                    pairs.add(Map.entry(name, value));
                }
            }
        } else if (properties.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isValueNode()) {
                    pairs.add(Map.entry(field.getKey(), field.getValue().asText()));
                }
            }
        }
        return pairs;
    }

    static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
