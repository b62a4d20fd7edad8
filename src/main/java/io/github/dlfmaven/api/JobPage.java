package io.github.dlfmaven.api;

import java.util.List;

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
}
