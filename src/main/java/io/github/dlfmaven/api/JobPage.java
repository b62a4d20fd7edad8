package io.github.dlfmaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of {@code GET /v1/{project_id}/jobs}.
 *
 * @param total how many jobs match in all
 * @param jobs this page's jobs
 */
public record JobPage(int total, List<JobSummary> jobs) {

    public JobPage {
        jobs = List.copyOf(jobs);
    }

    /**
     * The page the server answered, each job with what the list says of it; a job without a name is left out.
     *
     * @param json the answer, with a {@code jobs} array
     * @param jobType the type asked for, for jobs that do not say theirs
     */
    static JobPage of(JsonNode json, String jobType) {
        List<JobSummary> jobs = new ArrayList<>();
        for (JsonNode job : json.get("jobs")) {
            String name = JsonFields.text(job, "name");
            if (name != null) {
                String path = JsonFields.text(job, "path");
                // The schedule's state and the last run are documented fields, but any may be missing: a job never
                // run has no last instance, and older deployments may leave fields out.
                JsonNode ended = job.get("lastInstanceEndTime");
                jobs.add(new JobSummary(
                        name,
                        Objects.requireNonNullElse(JsonFields.text(job, "jobType"), jobType),
                        path == null || path.isEmpty() ? "/" : path,
                        Optional.ofNullable(JsonFields.text(job, "status")),
                        Optional.ofNullable(JsonFields.text(job, "lastInstanceStatus")),
                        ended != null && ended.canConvertToLong() && ended.asLong() > 0
                                ? Optional.of(Instant.ofEpochMilli(ended.asLong()))
                                : Optional.empty()));
            }
        }
        return new JobPage(json.path("total").asInt(jobs.size()), jobs);
    }
}
