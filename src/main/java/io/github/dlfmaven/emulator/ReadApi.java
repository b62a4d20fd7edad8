package io.github.dlfmaven.emulator;

import static io.github.dlfmaven.emulator.Answer.JSON;
import static io.github.dlfmaven.emulator.Answer.dlfError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads of single definitions the SDKs offer besides the export: {@code GET /v1/{p}/jobs/{name}},
 * {@code GET /v1/{p}/scripts} and {@code /scripts/{name}}, {@code GET /v1/{p}/resources}, answered from the fixtures
 * with the fields the API documents ({@code id}, {@code createTime}, {@code owner}), stable from run to run.
 */
final class ReadApi {

    private static final int MAX_PAGE = 100;

    private final JobApi jobs;

    ReadApi(JobApi jobs) {
        this.jobs = jobs;
    }

    /** The answer below {@code /v1/{p}/}, or null when the path is none of these reads. */
    Answer answer(String method, List<String> segments, List<Map.Entry<String, String>> query) throws IOException {
        if (!method.equals("GET")) {
            return null;
        }
        Fixtures fixtures = jobs.currentFixtures();
        String what = segments.get(2);
        if (what.equals("jobs") && segments.size() == 4) {
            Optional<Fixtures.Definition> job = fixtures.job(segments.get(3));
            if (job.isEmpty()) {
                return dlfError("DLF.0100", "The job does not exists.");
            }
            ObjectNode json = definition(job.get());
            json.put("id", stableId(job.get().name()));
            json.put("createTime", json.path("createTime").asLong(Fixtures.STABLE_TIME));
            json.put("version", json.path("version").asText("1"));
            return Answer.json(200, json);
        }
        if (what.equals("scripts") && segments.size() == 4) {
            Optional<Fixtures.Definition> script = fixtures.script(segments.get(3));
            if (script.isEmpty()) {
                return dlfError("DLF.6201", "The script does not exist.");
            }
            return Answer.json(200, script(script.get()));
        }
        if (what.equals("scripts") && segments.size() == 3) {
            Optional<String> name = JobApi.parameter(query, "scriptName");
            return page(
                    query,
                    "scripts",
                    fixtures.scripts().stream()
                            .filter(s -> name.map(s.name()::contains).orElse(true))
                            .map(this::script)
                            .toList());
        }
        if (what.equals("resources") && segments.size() == 3) {
            Optional<String> name = JobApi.parameter(query, "resourceName");
            return page(
                    query,
                    "resources",
                    fixtures.resources().stream()
                            .filter(r -> name.map(r.name()::contains).orElse(true))
                            .map(r -> {
                                ObjectNode json = definition(new Fixtures.Definition(r.name(), r.file()));
                                json.put("id", String.valueOf(stableId(r.name())));
                                return json;
                            })
                            .toList());
        }
        return null;
    }

    private ObjectNode script(Fixtures.Definition script) {
        ObjectNode json = definition(script);
        json.put("id", String.valueOf(stableId(script.name())));
        if (!json.has("owner")) {
            json.put("owner", "");
        }
        return json;
    }

    private static Answer page(List<Map.Entry<String, String>> query, String field, List<ObjectNode> all) {
        int offset;
        int limit;
        try {
            offset = Integer.parseInt(JobApi.parameter(query, "offset").orElse("0"));
            limit = Integer.parseInt(JobApi.parameter(query, "limit").orElse("10"));
        } catch (NumberFormatException e) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            return dlfError("DLF.3051", "The request parameter is invalid.");
        }
        ObjectNode answer = JSON.createObjectNode().put("total", all.size());
        ArrayNode page = answer.putArray(field);
        all.stream().skip(offset).limit(limit).forEach(page::add);
        return Answer.json(200, answer);
    }

    private static ObjectNode definition(Fixtures.Definition definition) {
        JsonNode json = Fixtures.readJson(definition.file());
        return json instanceof ObjectNode object
                ? object
                : JSON.createObjectNode().put("name", definition.name());
    }

    /** An id derived from the name, the same on every run. */
    private static long stableId(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits() & Long.MAX_VALUE;
    }
}
