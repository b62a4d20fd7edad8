package io.github.dlfmaven.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /v1/{project_id}/jobs/import}.
 *
 * @param path the package in OBS, {@code obs://bucket/key.zip}
 * @param sameNamePolicy {@code SKIP} (DLF's default) or {@code OVERWRITE}, for jobs and scripts of the same name
 * @param params public job parameters; empty for none
 * @param jobParams parameters per job, by job name; empty for none
 * @param executeUser the user jobs run as, or null
 * @param targetStatus {@code SAVED}, {@code SUBMITTED} or {@code PRODUCTION} (review mode only), or null
 */
public record ImportRequest(
        String path,
        String sameNamePolicy,
        Map<String, String> params,
        Map<String, Map<String, String>> jobParams,
        String executeUser,
        String targetStatus) {

    public ImportRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sameNamePolicy, "sameNamePolicy");
        params = Map.copyOf(params);
        jobParams = Map.copyOf(jobParams);
    }

    /** What DLF found in the package ({@code POST /v1/{project_id}/jobs/check-file}): job and script names. */
    public record Contents(List<String> jobs, List<String> scripts) {
        public Contents {
            jobs = List.copyOf(jobs);
            scripts = List.copyOf(scripts);
        }
    }
}
