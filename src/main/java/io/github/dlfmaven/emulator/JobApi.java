package io.github.dlfmaven.emulator;

import static io.github.dlfmaven.emulator.Answer.JSON;
import static io.github.dlfmaven.emulator.Answer.dlfError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.emulator.DlfEmulator.OffsetMode;
import io.github.dlfmaven.emulator.Fixtures.Definition;
import io.github.dlfmaven.http.PercentEncoding;
import io.github.dlfmaven.snapshot.DefinitionKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job endpoints of the emulated API, answered from the fixtures: export (to the response or to the folder that
 * stands for OBS), batch export and the job list. Thread-safe.
 */
final class JobApi {

    private static final int MAX_BATCH = 100;

    private final Path fixtures;
    private final Path importDirectory;
    private final Path obsDirectory;
    private final OffsetMode offsetMode;
    private final int maxPageSize;
    private final JobPackages packages = new JobPackages();
    private volatile CachedFixtures cache;

    /** @param importDirectory what imports wrote, served over the fixtures */
    JobApi(Path fixtures, Path importDirectory, Path obsDirectory, OffsetMode offsetMode, int maxPageSize) {
        this.fixtures = fixtures;
        this.importDirectory = importDirectory;
        this.obsDirectory = obsDirectory;
        this.offsetMode = offsetMode;
        this.maxPageSize = maxPageSize;
    }

    /**
     * The answer to a request below {@code /v1/{project_id}/jobs}, or null when no endpoint has that path and method.
     */
    Answer answer(String method, List<String> segments, List<Map.Entry<String, String>> query, byte[] body)
            throws IOException {
        Fixtures definitions = currentFixtures();
        if (segments.size() == 3 && method.equals("GET")) {
            return listJobs(definitions, query);
        }
        if (segments.size() == 4 && segments.get(3).equals("batch-export") && method.equals("POST")) {
            return batchExport(definitions, body);
        }
        if (segments.size() == 5 && segments.get(4).equals("export") && method.equals("POST")) {
            return export(definitions, segments.get(3), body);
        }
        return null;
    }

    /**
     * The fixtures, read again when a folder of them changed (a file added, removed or renamed), so a long
     * listing of many jobs does not parse every job on every page.
     */
    Fixtures currentFixtures() throws IOException {
        List<Object> stamp = new ArrayList<>();
        for (Path root : List.of(fixtures, importDirectory)) {
            for (DefinitionKind kind : DefinitionKind.values()) {
                Path path = root.resolve(kind.folder());
                stamp.add(Files.isDirectory(path) ? Files.getLastModifiedTime(path) : "missing");
            }
        }
        CachedFixtures cached = this.cache;
        if (cached == null || !cached.stamp().equals(stamp)) {
            cached = new CachedFixtures(stamp, Fixtures.load(fixtures, importDirectory));
            this.cache = cached;
        }
        return cached.fixtures();
    }

    private record CachedFixtures(List<Object> stamp, Fixtures fixtures) {}

    private Answer export(Fixtures definitions, String jobName, byte[] body) throws IOException {
        JsonNode request = requestJson(body);
        if (request == null) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        String status = request.path("exportStatus").asText("DEVELOP");
        if (!status.equals("DEVELOP") && !status.equals("SUBMIT")) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        Optional<Definition> job = definitions.job(jobName);
        if (job.isEmpty()) {
            return dlfError("DLF.0100", "The job does not exists.");
        }
        // The emulator keeps one state per job: DEVELOP and SUBMIT export the same definition.
        byte[] zip = packages.single(
                definitions, job.get(), request.path("exportDepend").asBoolean(true));
        String obsPath = request.path("obsPath").asText(null);
        if (obsPath != null) {
            return exportToObs(jobName, obsPath, zip);
        }
        return new Answer(
                200,
                "application/octet-stream",
                zip,
                Map.of("Content-Disposition", contentDisposition("DLF_" + jobName + ".zip")));
    }

    /** Writes the package below the folder that stands for OBS, as {bucket}/{path}/{job}/DLF_{job}.zip. */
    private Answer exportToObs(String jobName, String obsPath, byte[] zip) throws IOException {
        if (!obsPath.startsWith("obs://") || obsPath.length() <= "obs://".length() || obsPath.contains("..")) {
            return dlfError("DLF.0803", "The OBS path is invalid.");
        }
        String prefix = obsPath.endsWith("/") ? obsPath : obsPath + "/";
        Path folder = obsDirectory
                .resolve(prefix.substring("obs://".length()))
                .resolve(jobName)
                .normalize();
        if (!folder.startsWith(obsDirectory)) {
            return dlfError("DLF.0803", "The OBS path is invalid.");
        }
        Files.createDirectories(folder);
        Files.write(folder.resolve("DLF_" + jobName + ".zip"), zip);
        return Answer.json(200, JSON.createObjectNode().put("obsPath", prefix + jobName + "/"));
    }

    private Answer batchExport(Fixtures definitions, byte[] body) throws IOException {
        JsonNode request = requestJson(body);
        JsonNode jobList = request == null ? null : request.get("jobList");
        if (jobList == null || !jobList.isArray() || jobList.isEmpty() || jobList.size() > MAX_BATCH) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        List<Definition> jobs = new ArrayList<>();
        for (JsonNode name : jobList) {
            Optional<Definition> job = definitions.job(name.asText());
            if (job.isEmpty()) {
                return dlfError("DLF.0100", "The job does not exists.");
            }
            jobs.add(job.get());
        }
        byte[] zip =
                packages.batch(definitions, jobs, request.path("exportDepend").asBoolean(true));
        return new Answer(
                200,
                "application/octet-stream",
                zip,
                Map.of("Content-Disposition", "attachment; filename=\"jobs.zip\""));
    }

    private Answer listJobs(Fixtures definitions, List<Map.Entry<String, String>> query) {
        String jobType = parameter(query, "jobType").orElse("BATCH");
        Optional<String> nameFilter = parameter(query, "jobName");
        int offset;
        int limit;
        try {
            offset = Integer.parseInt(parameter(query, "offset").orElse("0"));
            limit = Integer.parseInt(parameter(query, "limit").orElse("10"));
        } catch (NumberFormatException e) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        if (offset < 0
                || limit < 1
                || limit > maxPageSize
                || !(jobType.equals("BATCH") || jobType.equals("REAL_TIME"))) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        List<Fixtures.Listing> matching = new ArrayList<>();
        for (Fixtures.Listing job : definitions.listings()) {
            // Whether the real filter is exact or fuzzy is not confirmed; the emulator matches substrings.
            if (job.jobType().equals(jobType)
                    && nameFilter.map(job.job().name()::contains).orElse(true)) {
                matching.add(job);
            }
        }
        long skip = offsetMode == OffsetMode.ROWS ? offset : (long) offset * limit;
        ArrayNode page = JSON.createArrayNode();
        // Only the page's jobs become JSON: a listing of a large workspace is read a hundred times.
        matching.stream().skip(skip).limit(limit).forEach(job -> page.add(listed(job)));
        ObjectNode answer = JSON.createObjectNode().put("total", matching.size());
        answer.set("jobs", page);
        return Answer.json(200, answer);
    }

    /**
     * A job as the list shows it, with the fields the API documents: from the job's JSON where it has them (its
     * owner and priority, dates and users when the fixture carries them), stable values otherwise.
     */
    private static ObjectNode listed(Fixtures.Listing job) {
        JsonNode json = job.json();
        String owner = json.path("basicConfig").path("owner").asText("");
        ObjectNode entry = JSON.createObjectNode()
                .put("name", job.job().name())
                .put("jobType", job.jobType())
                .put("path", job.directory())
                .put("status", json.path("status").asText(job.jobType().equals("BATCH") ? "STOPPED" : "NORMAL"))
                .put("owner", owner)
                .put("priority", json.path("basicConfig").path("priority").asInt(0))
                .put("createUser", json.path("createUser").asText(owner))
                .put("createTime", json.path("createTime").asLong(Fixtures.STABLE_TIME))
                .put("startTime", json.path("startTime").asLong(Fixtures.STABLE_TIME))
                .put("endTime", json.path("endTime").asLong(Fixtures.STABLE_TIME))
                .put("lastUpdateUser", json.path("lastUpdateUser").asText(owner))
                .put("lastUpdateTime", json.path("lastUpdateTime").asLong(Fixtures.STABLE_TIME))
                .put("lastInstanceStatus", json.path("lastInstanceStatus").asText("success"))
                .put("lastInstanceEndTime", json.path("lastInstanceEndTime").asLong(Fixtures.STABLE_TIME))
                .put("singleNodeJobFlag", json.path("singleNodeJobFlag").asBoolean(false));
        return entry;
    }

    /** A query parameter's first value. */
    static Optional<String> parameter(List<Map.Entry<String, String>> query, String name) {
        return query.stream()
                .filter(e -> e.getKey().equals(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The request body as JSON; an absent body means all defaults. Null when it is not a JSON object. */
    private static JsonNode requestJson(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** RFC 6266: an ASCII {@code filename} for old clients, and the real name, UTF-8, in {@code filename*}. */
    static String contentDisposition(String fileName) {
        return "attachment; filename=\"" + asciiFileName(fileName) + "\"; filename*=UTF-8''"
                + PercentEncoding.strict(fileName);
    }

    private static String asciiFileName(String name) {
        ByteArrayOutputStream ascii = new ByteArrayOutputStream();
        for (char c : name.toCharArray()) {
            ascii.write(c < 0x7f && c > 0x20 && c != '"' ? c : '_');
        }
        return ascii.toString(StandardCharsets.US_ASCII);
    }
}
