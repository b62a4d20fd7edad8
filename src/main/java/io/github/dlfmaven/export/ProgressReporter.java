package io.github.dlfmaven.export;

import io.github.dlfmaven.log.Log;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a running export tells: up to {@link #DETAILED_LOG_JOBS} jobs, a line per job (or batch); beyond, those lines
 * go to DEBUG and a line every few seconds says how far the export has come, so the log of a whole workspace stays
 * short. No line comes after {@link #close()}, so none after the summary. Thread-safe.
 */
final class ProgressReporter implements AutoCloseable {

    /** Up to this many jobs, each job (or batch) gets an INFO line. */
    static final int DETAILED_LOG_JOBS = 100;

    private static final long PROGRESS_SECONDS = 5;

    private final Log log;
    private final int total;
    private final AtomicInteger jobsDone = new AtomicInteger();
    private final AtomicLong bytesDone = new AtomicLong();
    private final ScheduledExecutorService scheduler;

    ProgressReporter(Log log, int total) {
        this.log = log;
        this.total = total;
        if (total > DETAILED_LOG_JOBS) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "dlf-export-progress");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleAtFixedRate(
                    () -> log.info(String.format(
                            Locale.ROOT,
                            "[%d/%d] jobs exported, %.1f MB",
                            jobsDone.get(),
                            total,
                            bytesDone.get() / 1e6)),
                    PROGRESS_SECONDS,
                    PROGRESS_SECONDS,
                    TimeUnit.SECONDS);
        } else {
            scheduler = null;
        }
    }

    /** A job's or batch's own line: INFO for small exports, DEBUG when progress lines take over. */
    void detail(String line) {
        if (total <= DETAILED_LOG_JOBS) {
            log.info(line);
        } else if (log.isDebugEnabled()) {
            log.debug(line);
        }
    }

    void finished(int jobs, long bytes) {
        jobsDone.addAndGet(jobs);
        bytesDone.addAndGet(bytes);
    }

    @Override
    public void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
