package io.github.dlfmaven.api;

import io.github.dlfmaven.log.Log;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads whole job lists, page by page and pages in parallel, coping with the API's undocumented corners: the largest
 * page is 1000 on Huawei Cloud but 100 elsewhere (a refused page size falls back), and whether {@code offset} counts
 * rows or pages is not confirmed, so one request probes which reading the server uses. What the first refusal and the
 * probe teach holds for every job type of this lister, so neither is repeated.
 *
 * <p>Once the first page gives {@code total}, the remaining pages are read with {@code threads} requests in flight.
 * Paging stops at {@code total}, or after {@code threads} pages that brought no new name (a server that ignores
 * {@code offset} must not make us read forever); names are de-duplicated. Thread-safe.
 */
public final class JobLister {

    static final int PAGE_SIZE = 1000;
    static final int FALLBACK_PAGE_SIZE = 100;

    private final DlfClient client;
    private final Log log;
    private final int threads;

    /** The page size the server takes: 0 until the first page answered. Guarded by {@code this}. */
    private int limit;
    /** Whether offset counts rows; null until probed. Guarded by {@code this}. */
    private Boolean rows;

    /** @param threads the most requests in flight at once */
    public JobLister(DlfClient client, Log log, int threads) {
        this.client = client;
        this.log = log;
        this.threads = Math.max(1, threads);
    }

    /** One request at a time. */
    public JobLister(DlfClient client, Log log) {
        this(client, log, 1);
    }

    /** Every job of a type ({@code BATCH} or {@code REAL_TIME}), in the server's order. */
    public List<JobSummary> listAll(String jobType) throws IOException, DlfApiException {
        return listAll(List.of(jobType)).get(jobType);
    }

    /** Every job of each type, the types read at the same time; in the server's order within a type. */
    public Map<String, List<JobSummary>> listAll(List<String> jobTypes) throws IOException, DlfApiException {
        AtomicInteger number = new AtomicInteger();
        // One pool for the pages, another for the types, which only wait for pages: a type never holds a page's thread.
        ExecutorService pages = Executors.newFixedThreadPool(threads, daemon("dlf-list-", number));
        ExecutorService types = Executors.newFixedThreadPool(jobTypes.size(), daemon("dlf-list-type-", number));
        try {
            Map<String, Future<List<JobSummary>>> running = new LinkedHashMap<>();
            for (String type : jobTypes) {
                running.put(type, types.submit(() -> list(type, pages)));
            }
            Map<String, List<JobSummary>> result = new LinkedHashMap<>();
            for (Map.Entry<String, Future<List<JobSummary>>> type : running.entrySet()) {
                result.put(type.getKey(), await(type.getValue()));
            }
            return result;
        } finally {
            types.shutdownNow();
            pages.shutdownNow();
        }
    }

    private List<JobSummary> list(String jobType, ExecutorService pages) throws IOException, DlfApiException {
        JobPage first = firstPage(jobType, pages);
        Map<String, JobSummary> jobs = new LinkedHashMap<>();
        add(jobs, first);
        int pageSize = Math.min(pageLimit(), first.jobs().size());
        if (jobs.size() >= first.total() || pageSize == 0) {
            return new ArrayList<>(jobs.values());
        }
        OffsetReading reading = offsetReading(jobType, first, pageSize, jobs, pages);
        boolean rows = reading.rows();
        // Page k (0 is the first) starts at offset k * pageSize or k; in page reading a probe of this type was page 1.
        int next = !rows && reading.probedHere() ? 2 : 1;
        int lastPage = (first.total() - 1) / pageSize;
        // A window of requests in flight, read in page order. A page that brings no new name stops new requests;
        // when what was in flight brings none either, the listing ends.
        Deque<Future<JobPage>> window = new ArrayDeque<>();
        int unproductive = 0;
        while ((next <= lastPage || !window.isEmpty()) && jobs.size() < first.total()) {
            // After a page that brought nothing new, only what is in flight is read, to see if the server went on.
            while (next <= lastPage && window.size() < threads && unproductive == 0) {
                int offset = rows ? next * pageSize : next;
                window.add(pages.submit(() -> client.listJobs(jobType, offset, pageSize)));
                next++;
            }
            if (add(jobs, await(window.poll())) > 0) {
                unproductive = 0;
            } else if (++unproductive >= threads || window.isEmpty()) {
                break;
            }
        }
        window.forEach(page -> page.cancel(true));
        if (jobs.size() < first.total()) {
            log.warn("The " + jobType + " job list announced " + first.total() + " jobs but gave " + jobs.size()
                    + " distinct names; continuing with those.");
        }
        return new ArrayList<>(jobs.values());
    }

    /**
     * The first page, at the largest page size the server takes. Until one type has learned that size, the others wait
     * for it, so a refused size is tried once, not once per type.
     */
    private JobPage firstPage(String jobType, ExecutorService pages) throws IOException, DlfApiException {
        synchronized (this) {
            if (limit == 0) {
                try {
                    JobPage first = await(pages.submit(() -> client.listJobs(jobType, 0, PAGE_SIZE)));
                    limit = PAGE_SIZE;
                    return first;
                } catch (DlfApiException e) {
                    if (e.httpStatus() != 400) {
                        throw e;
                    }
                    log.debug("The job list refused limit=" + PAGE_SIZE + " (" + e.getMessage() + "); using "
                            + FALLBACK_PAGE_SIZE);
                    limit = FALLBACK_PAGE_SIZE;
                }
            }
        }
        int size = pageLimit();
        return await(pages.submit(() -> client.listJobs(jobType, 0, size)));
    }

    private synchronized int pageLimit() {
        return limit;
    }

    /** How the server reads offset, and whether the type asking sent the probe. */
    private record OffsetReading(boolean rows, boolean probedHere) {}

    /**
     * Rows or pages? With offset=1 a row reading repeats the first page shifted by one. Probed once, with the first
     * type that has a second page; the probe's jobs are added to {@code jobs}.
     */
    private OffsetReading offsetReading(
            String jobType, JobPage first, int pageSize, Map<String, JobSummary> jobs, ExecutorService pages)
            throws IOException, DlfApiException {
        synchronized (this) {
            if (rows == null) {
                JobPage probe = await(pages.submit(() -> client.listJobs(jobType, 1, pageSize)));
                rows = pageSize > 1
                        && !probe.jobs().isEmpty()
                        && probe.jobs().get(0).name().equals(first.jobs().get(1).name());
                log.debug("The job list reads offset as " + (rows ? "rows" : "pages") + "; page size " + pageSize);
                add(jobs, probe);
                return new OffsetReading(rows, true);
            }
            return new OffsetReading(rows, false);
        }
    }

    private static int add(Map<String, JobSummary> jobs, JobPage page) {
        int before = jobs.size();
        page.jobs().forEach(job -> jobs.putIfAbsent(job.name(), job));
        return jobs.size() - before;
    }

    /** The task's outcome, its own exception rethrown as it was. */
    private static <T> T await(Future<T> future) throws IOException, DlfApiException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading the job list");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof DlfApiException api) {
                throw api;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    private static ThreadFactory daemon(String prefix, AtomicInteger number) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
