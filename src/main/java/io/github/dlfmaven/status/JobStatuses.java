package io.github.dlfmaven.status;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.JobLister;
import io.github.dlfmaven.api.JobSummary;
import io.github.dlfmaven.config.JobSelection;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The selected jobs of a workspace as its job list has them: each job's type, the state of its schedule and how its
 * last run ended. Reads only; one pass over the job list of both job types.
 */
public final class JobStatuses {

    private final DlfClient client;
    private final int threads;
    private final Log log;

    /** @param threads how many pages of the job list may be read at once */
    public JobStatuses(DlfClient client, int threads, Log log) {
        this.client = client;
        this.threads = threads;
        this.log = log;
    }

    /** The selected jobs, by name. */
    public List<JobSummary> list(JobSelection selection) throws IOException, DlfApiException {
        List<JobSummary> selected = new ArrayList<>();
        for (List<JobSummary> page : new JobLister(client, log, threads)
                .listAll(List.of("BATCH", "REAL_TIME"))
                .values()) {
            page.stream().filter(job -> selection.selects(job.name())).forEach(selected::add);
        }
        selected.sort(Comparator.comparing(JobSummary::name));
        return selected;
    }

    /** One line per job: {@code ods_load  BATCH  SCHEDULING  last run success, ended 2026-12-01T02:14:00Z}. */
    public static List<String> lines(List<JobSummary> jobs) {
        int width = jobs.stream()
                .mapToInt(job -> LogText.escape(job.name()).length())
                .max()
                .orElse(0);
        List<String> lines = new ArrayList<>();
        for (JobSummary job : jobs) {
            String name = LogText.escape(job.name());
            lines.add(name + " ".repeat(width - name.length()) + "  " + job.jobType() + "  "
                    + LogText.escape(job.status().orElse("(state not given)")) + "  "
                    + job.lastInstanceStatus()
                            .map(status -> "last run " + LogText.escape(status)
                                    + job.lastInstanceEnd()
                                            .map(end -> ", ended " + end)
                                            .orElse(""))
                            .orElse("never run"));
        }
        return lines;
    }
}
