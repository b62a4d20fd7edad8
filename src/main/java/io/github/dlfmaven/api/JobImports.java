package io.github.dlfmaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlfmaven.text.BodyPreview;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * The import half of the round trip: DLF reads a package in the export layout from OBS
 * ({@code POST /v1/{project_id}/jobs/import}), as a system task whose progress is polled. Also the check of a package
 * before it is imported ({@code jobs/check-file}). Through the connection, credentials and retries of its
 * {@link DlfClient}; an import itself is never sent twice.
 */
public final class JobImports {

    private final DlfClient client;

    JobImports(DlfClient client) {
        this.client = client;
    }

    /** What DLF reads in the package at {@code obsPath}: the names of its jobs and scripts. */
    public ImportRequest.Contents checkFile(String obsPath) throws IOException, DlfApiException {
        HttpUrl url = client.jobsUrl().addPathSegment("check-file").build();
        ObjectNode body = JsonFields.JSON.createObjectNode().put("path", obsPath);
        Operation operation = new Operation("Check of the package " + LogText.escape(obsPath), null);
        return client.calls.run(operation, client.request("POST", url, body, "application/json"), (response, a) -> {
            JsonNode json = answer(operation, response);
            return new ImportRequest.Contents(names(json.path("jobs")), names(json.path("scripts")));
        });
    }

    /**
     * Starts the import.
     *
     * @return the id of the system task that runs it
     */
    public String start(ImportRequest request) throws IOException, DlfApiException {
        HttpUrl url = client.jobsUrl().addPathSegment("import").build();
        ObjectNode body = JsonFields.JSON
                .createObjectNode()
                .put("path", request.path())
                .put("sameNamePolicy", request.sameNamePolicy());
        if (!request.params().isEmpty()) {
            ObjectNode params = body.putObject("params");
            request.params().forEach(params::put);
        }
        if (!request.jobParams().isEmpty()) {
            request.jobParams().forEach((job, params) -> {
                ObjectNode entry = body.withArray("jobsParam").addObject().put("name", job);
                ObjectNode values = entry.putObject("params");
                params.forEach(values::put);
            });
        }
        if (request.executeUser() != null) {
            body.put("executeUser", request.executeUser());
        }
        if (request.targetStatus() != null) {
            body.put("targetStatus", request.targetStatus());
        }
        Operation operation = new Operation("Import of " + LogText.escape(request.path()), null, false);
        return client.calls.run(operation, client.request("POST", url, body, "application/json"), (response, a) -> {
            JsonNode json = answer(operation, response);
            String id = JsonFields.text(json, "taskId");
            if (id == null || id.isBlank()) {
                throw new IOException(operation.subject() + " returned no task id but "
                        + BodyPreview.describe(
                                client.errors.redact(response.peekBody(512).string())) + ".");
            }
            return id;
        });
    }

    /** The task as it stands. */
    public SystemTask task(String taskId) throws IOException, DlfApiException {
        HttpUrl url = client.projectUrl()
                .addPathSegment("system-tasks")
                .addPathSegment(taskId)
                .build();
        Operation operation = new Operation("Reading system task " + LogText.escape(taskId), null);
        return client.calls.run(operation, client.request("GET", url, null, "application/json"), (response, a) -> {
            JsonNode json = answer(operation, response);
            List<SystemTask.Subtask> subtasks = new ArrayList<>();
            for (JsonNode sub : json.path("subtasks")) {
                subtasks.add(
                        new SystemTask.Subtask(text(sub, "id"), text(sub, "name"), text(sub, "status"), message(sub)));
            }
            return new SystemTask(
                    JsonFields.text(json, "id") == null ? taskId : text(json, "id"),
                    text(json, "name"),
                    text(json, "status"),
                    subtasks);
        });
    }

    /**
     * Reads the task until it is over or {@code timeout} has passed, first after {@code firstInterval}, then ever less
     * often, up to every {@code maxInterval}, telling {@code progress} each time it is read.
     *
     * @return the finished task, or the running one when the time is up (see {@link SystemTask#finished()})
     */
    public SystemTask await(
            String taskId,
            Duration timeout,
            Duration firstInterval,
            Duration maxInterval,
            Clock clock,
            Consumer<SystemTask> progress)
            throws IOException, DlfApiException {
        Instant deadline = clock.instant().plus(timeout);
        Duration interval = firstInterval;
        while (true) {
            SystemTask task = task(taskId);
            progress.accept(task);
            if (task.finished() || !clock.instant().isBefore(deadline)) {
                return task;
            }
            long left = Duration.between(clock.instant(), deadline).toMillis();
            try {
                Thread.sleep(Math.max(1, Math.min(interval.toMillis(), left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for system task " + taskId);
            }
            interval = interval.multipliedBy(2).compareTo(maxInterval) > 0 ? maxInterval : interval.multipliedBy(2);
        }
    }

    /** The answer as a JSON object, or the error it carries despite its 2xx status. */
    private JsonNode answer(Operation operation, Response response) throws IOException, DlfApiException {
        JsonNode json = JsonFields.object(
                response.peekBody(ErrorMapper.SMALL_BODY_LIMIT).string());
        if (json == null) {
            throw new IOException(operation.subject() + " returned no JSON object but "
                    + BodyPreview.describe(
                            client.errors.redact(response.peekBody(512).string())) + ".");
        }
        if (json.hasNonNull("error_code")) {
            throw client.errors.embeddedError(operation, response, json);
        }
        return json;
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(entry -> {
            String name = entry.isTextual() ? entry.asText() : JsonFields.text(entry, "name");
            if (name != null) {
                names.add(name);
            }
        });
        return names;
    }

    private static String text(JsonNode json, String field) {
        String value = JsonFields.text(json, field);
        return value == null ? "" : value;
    }

    /** Not confirmed which field, if any, holds a subtask's reason: the likely ones, first found wins. */
    private static String message(JsonNode subtask) {
        for (String field : List.of("message", "msg", "error_msg", "errorMsg", "failReason", "description")) {
            String value = JsonFields.text(subtask, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
