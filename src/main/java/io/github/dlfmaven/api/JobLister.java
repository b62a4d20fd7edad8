package io.github.dlfmaven.api;

import io.github.dlfmaven.log.Log;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the whole job list of one type, page by page, coping with the API's undocumented corners:
 * the largest page is 1000 on Huawei Cloud but 100 elsewhere (a refused or silently capped page size
 * falls back), and whether {@code offset} counts rows or pages is not confirmed, so the second request
 * probes which reading the server uses. Paging stops at {@code total}, at an empty page or at a page that
 * brings no new name; names are de-duplicated.
 */
public final class JobLister {

    static final int PAGE_SIZE = 1000;
    static final int FALLBACK_PAGE_SIZE = 100;

    private final DlfClient client;
    private final Log log;

    public JobLister(DlfClient client, Log log) {
        this.client = client;
        this.log = log;
    }

    /** Every job of a type ({@code BATCH} or {@code REAL_TIME}), in the server's order. */
    public List<JobSummary> listAll(String jobType) throws IOException, DlfApiException {
        int limit = PAGE_SIZE;
        JobPage first;
        try {
            first = client.listJobs(jobType, 0, limit);
        } catch (DlfApiException e) {
            if (e.httpStatus() != 400) {
                throw e;
            }
            log.debug("The job list refused limit=" + PAGE_SIZE + " (" + e.getMessage() + "); using "
                    + FALLBACK_PAGE_SIZE);
            limit = FALLBACK_PAGE_SIZE;
            first = client.listJobs(jobType, 0, limit);
        }
        Map<String, JobSummary> jobs = new LinkedHashMap<>();
        first.jobs().forEach(job -> jobs.putIfAbsent(job.name(), job));
        int pageSize = Math.min(limit, first.jobs().size());
        if (jobs.size() >= first.total() || pageSize == 0) {
            return new ArrayList<>(jobs.values());
        }
        // Rows or pages? With offset=1 a row reading repeats the first page shifted by one.
        JobPage probe = client.listJobs(jobType, 1, pageSize);
        boolean rows = pageSize > 1
                && !probe.jobs().isEmpty()
                && probe.jobs().get(0).name().equals(first.jobs().get(1).name());
        log.debug("The job list reads offset as " + (rows ? "rows" : "pages") + "; page size " + pageSize);
        add(jobs, probe);
        int maxPages = first.total() / pageSize + 2;
        for (int page = rows ? 1 : 2;
                !probe.jobs().isEmpty() && jobs.size() < first.total() && page <= maxPages;
                page++) {
            JobPage next = client.listJobs(jobType, rows ? page * pageSize : page, pageSize);
            if (add(jobs, next) == 0) {
                break;
            }
        }
        if (jobs.size() < first.total()) {
            log.warn("The " + jobType + " job list announced " + first.total() + " jobs but gave " + jobs.size()
                    + " distinct names; continuing with those.");
        }
        return new ArrayList<>(jobs.values());
    }

    private static int add(Map<String, JobSummary> jobs, JobPage page) {
        int before = jobs.size();
        page.jobs().forEach(job -> jobs.putIfAbsent(job.name(), job));
        return jobs.size() - before;
    }
}
