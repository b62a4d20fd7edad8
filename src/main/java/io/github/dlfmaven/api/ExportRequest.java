package io.github.dlfmaven.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The body of {@code POST /v1/{project_id}/jobs/{job_name}/export}, with the job it is for.
 *
 * @param jobName the job, decoded (the client encodes it for the URL)
 * @param exportDepend also export the scripts and resources the job depends on
 * @param exportStatus {@code DEVELOP} or {@code SUBMIT}
 * @param obsPath when not null, DLF writes the package to this OBS path instead of returning it
 */
public record ExportRequest(String jobName, boolean exportDepend, String exportStatus, String obsPath) {

    public ExportRequest {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(exportStatus, "exportStatus");
    }

    public Optional<String> obsPathIfSet() {
        return Optional.ofNullable(obsPath);
    }
}
