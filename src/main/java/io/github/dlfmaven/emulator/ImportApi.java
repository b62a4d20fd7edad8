package io.github.dlfmaven.emulator;

import static io.github.dlfmaven.emulator.Answer.JSON;
import static io.github.dlfmaven.emulator.Answer.dlfError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.snapshot.DefinitionKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The import half of the emulated API: {@code POST /v1/{p}/jobs/check-file}, {@code POST /v1/{p}/jobs/import} and
 * {@code GET /v1/{p}/system-tasks/{id}}. A package is read from the folder that stands for OBS; what it imports is
 * written to the import folder, which the emulator serves over its fixtures, so a later export returns the imported
 * definitions. A task stays {@code RUNNING} for the configured time, then ends {@code SUCCESSFUL}, or, when imports
 * are set to fail, {@code FAILED} with a failed subtask per job and nothing imported. Job parameters, the execute
 * user and the target status are accepted and not modelled. Thread-safe.
 */
final class ImportApi {

    private static final long MAX_PACKAGE_BYTES = 10L << 20;
    private static final int MAX_ENTRIES = 10_000;
    private static final long MAX_INFLATED_BYTES = 64L << 20;
    /** Tasks kept for reading; an emulator that runs for days forgets the oldest. */
    private static final int MAX_TASKS = 1_000;

    private final JobApi jobs;
    private final Path obsDirectory;
    private final Path importDirectory;
    private final Duration duration;
    private final boolean fail;
    private final Clock clock;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    private record Task(Instant starts, Instant ends, boolean succeeds, ArrayNode subtasks) {}

    ImportApi(JobApi jobs, Path obsDirectory, Path importDirectory, Duration duration, boolean fail, Clock clock) {
        this.jobs = jobs;
        this.obsDirectory = obsDirectory;
        this.importDirectory = importDirectory;
        this.duration = duration;
        this.fail = fail;
        this.clock = clock;
    }

    /** The answer below {@code /v1/{p}/}, or null when the path is none of these endpoints. */
    Answer answer(String method, List<String> segments, byte[] body) throws IOException {
        if (segments.size() == 4 && segments.get(2).equals("system-tasks") && method.equals("GET")) {
            return task(segments.get(3));
        }
        if (segments.size() == 4 && segments.get(2).equals("jobs") && method.equals("POST")) {
            return switch (segments.get(3)) {
                case "check-file" -> checkFile(body);
                case "import" -> importPackage(body);
                default -> null;
            };
        }
        return null;
    }

    private Answer checkFile(byte[] body) throws IOException {
        Optional<Map<String, byte[]>> entries = read(body);
        if (entries.isEmpty()) {
            return dlfError("DLF.0815", "Fail to read OBS file.");
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode jobList = answer.putArray("jobs");
        ArrayNode scriptList = answer.putArray("scripts");
        for (Map.Entry<String, byte[]> entry : entries.get().entrySet()) {
            JsonNode json = json(entry.getValue());
            String directory = json.path("directory").asText("/");
            if (entry.getKey().endsWith(DefinitionKind.JOB.extension())) {
                jobList.addObject()
                        .put("name", name(entry.getKey(), DefinitionKind.JOB))
                        .put("path", directory)
                        .putObject("params");
            } else if (entry.getKey().endsWith(DefinitionKind.SCRIPT.extension())) {
                scriptList
                        .addObject()
                        .put("name", name(entry.getKey(), DefinitionKind.SCRIPT))
                        .put("path", directory);
            }
        }
        return Answer.json(200, answer);
    }

    private Answer importPackage(byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body.length == 0 ? "{}".getBytes() : body);
        String policy = request.path("sameNamePolicy").asText("SKIP");
        if (!policy.equals("SKIP") && !policy.equals("OVERWRITE")) {
            return dlfError("DLF.3051", "The request parameter is invalid: sameNamePolicy.");
        }
        Optional<Map<String, byte[]>> entries = read(body);
        if (entries.isEmpty()) {
            return dlfError("DLF.0815", "Fail to read OBS file.");
        }
        Fixtures current = jobs.currentFixtures();
        ArrayNode subtasks = JSON.createArrayNode();
        Map<Path, byte[]> writes = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : entries.get().entrySet()) {
            for (DefinitionKind kind : DefinitionKind.values()) {
                if (!entry.getKey().endsWith(kind.extension())) {
                    continue;
                }
                String name = name(entry.getKey(), kind);
                if (name.isEmpty()) {
                    continue;
                }
                boolean exists = current.has(kind, name);
                ObjectNode subtask = subtasks.addObject()
                        .put("id", UUID.randomUUID().toString().replace("-", ""))
                        .put("name", name);
                if (fail && kind == DefinitionKind.JOB) {
                    subtask.put("status", "FAILED").put("message", "The job is being scheduled; stop it first.");
                } else if (exists && policy.equals("SKIP")) {
                    subtask.put("status", "SUCCESSFUL").put("message", "Skipped: a definition of that name exists.");
                } else {
                    subtask.put("status", "SUCCESSFUL");
                    writes.put(importDirectory.resolve(kind.folder()).resolve(kind.fileName(name)), entry.getValue());
                }
            }
        }
        if (!fail) {
            for (Map.Entry<Path, byte[]> write : writes.entrySet()) {
                // Through a new file renamed into place, so the folder's time changes and the emulator reads the
                // definitions again, also when one replaces a definition imported before.
                Files.createDirectories(write.getKey().getParent());
                Path temporary = Files.createTempFile(write.getKey().getParent(), ".import", ".tmp");
                Files.write(temporary, write.getValue());
                Files.move(
                        temporary, write.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        if (tasks.size() >= MAX_TASKS) {
            tasks.entrySet().stream()
                    .min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Task::ends)))
                    .ifPresent(oldest -> tasks.remove(oldest.getKey()));
        }
        Instant now = clock.instant();
        tasks.put(id, new Task(now, now.plus(duration), !fail, subtasks));
        return Answer.json(200, JSON.createObjectNode().put("taskId", id));
    }

    /**
     * A task as DLF shows it, its times in epoch milliseconds: started when the import was asked for, last updated then
     * and again when it ended, with an end time once it has ended. The same task reads the same until it ends.
     */
    private Answer task(String id) {
        Task task = tasks.get(id);
        if (task == null) {
            return dlfError("DLF.3051", "The request parameter is invalid: no system task " + id + ".");
        }
        boolean running = clock.instant().isBefore(task.ends());
        String status = running ? "RUNNING" : task.succeeds() ? "SUCCESSFUL" : "FAILED";
        ObjectNode answer = JSON.createObjectNode()
                .put("id", id)
                .put("name", "import")
                .put("startTime", task.starts().toEpochMilli())
                .put("lastUpdate", (running ? task.starts() : task.ends()).toEpochMilli())
                .put("status", status)
                .put("message", message(status, task.subtasks()))
                .put("projectId", "emulated");
        if (!running) {
            answer.put("endTime", task.ends().toEpochMilli());
        }
        ArrayNode subtasks = JSON.createArrayNode();
        if (!running) {
            for (JsonNode subtask : task.subtasks()) {
                subtasks.add(((ObjectNode) subtask.deepCopy())
                        .put("lastUpdate", task.ends().toEpochMilli()));
            }
        }
        answer.set("subtasks", subtasks);
        return Answer.json(200, answer);
    }

    private static String message(String status, ArrayNode subtasks) {
        return switch (status) {
            case "RUNNING" -> "The import is running.";
            case "SUCCESSFUL" -> "The package was imported.";
            default -> {
                long failed = 0;
                for (JsonNode subtask : subtasks) {
                    failed += subtask.path("status").asText().equals("FAILED") ? 1 : 0;
                }
                yield failed + " of " + subtasks.size() + " definitions failed to import; nothing was imported.";
            }
        };
    }

    /** The package named by the body's {@code path}, by entry name; empty when there is none to read. */
    private Optional<Map<String, byte[]>> read(byte[] body) throws IOException {
        String path = JSON.readTree(body.length == 0 ? "{}".getBytes() : body)
                .path("path")
                .asText("");
        if (!path.startsWith("obs://") || path.contains("..")) {
            return Optional.empty();
        }
        Path file = obsDirectory.resolve(path.substring("obs://".length())).normalize();
        if (!file.startsWith(obsDirectory) || !Files.isRegularFile(file) || Files.size(file) > MAX_PACKAGE_BYTES) {
            return Optional.empty();
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long inflated = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.isDirectory()) {
                    continue;
                }
                // What a package may inflate to, all entries together: a zip bomb is refused, not held in memory.
                byte[] content = zip.readNBytes((int) (MAX_INFLATED_BYTES - inflated + 1));
                inflated += content.length;
                if (inflated > MAX_INFLATED_BYTES
                        || entries.size() >= MAX_ENTRIES
                        || entry.getName().contains("\\")) {
                    return Optional.empty();
                }
                entries.put(entry.getName(), content);
            }
        } catch (IOException notAZip) {
            return Optional.empty();
        }
        return Optional.of(entries);
    }

    /**
     * The definition's name: its entry's file name without the extension, whatever folder holds it. A package has the
     * names as they are; the import folder has them escaped, as fixtures and snapshots do.
     */
    private static String name(String entry, DefinitionKind kind) {
        String file = entry.substring(entry.lastIndexOf('/') + 1);
        return kind.nameOfPackageFile(file);
    }

    private static JsonNode json(byte[] content) {
        try {
            return JSON.readTree(content);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
