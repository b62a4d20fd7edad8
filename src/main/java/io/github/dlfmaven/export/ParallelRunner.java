package io.github.dlfmaven.export;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.archive.UnsafeArchiveException;
import io.github.dlfmaven.snapshot.SnapshotConflictException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task for every unit of jobs on a fixed number of threads. After the first failure no further unit is
 * started; units already running finish, and every failure is reported, keyed by the job it concerns.
 */
final class ParallelRunner {

    @FunctionalInterface
    interface Task<T> {
        T run(List<String> jobs) throws IOException, DlfApiException, UnsafeArchiveException, SnapshotConflictException;
    }

    private final int threads;

    ParallelRunner(int threads) {
        this.threads = threads;
    }

    /**
     * @param jobCount how many jobs the units hold together, for the message
     * @param outcome what a failure leaves, for the message: {@code the output folder ... was left as it was.}
     * @return the results of the units, in their order
     */
    <T> List<T> runAll(List<List<String>> units, Task<T> task, int jobCount, String outcome)
            throws ExportFailedException, IOException {
        AtomicBoolean failed = new AtomicBoolean();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, units.size())), runnable -> {
            Thread thread = new Thread(runnable, "dlf-export-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (List<String> unit : units) {
                futures.add(pool.submit(() -> {
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        return task.run(unit);
                    } catch (Exception e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            Map<String, Exception> failures = new LinkedHashMap<>();
            int notStarted = 0;
            for (int i = 0; i < units.size(); i++) {
                try {
                    T result = futures.get(i).get();
                    if (result == null) {
                        notStarted += units.get(i).size();
                    } else {
                        results.add(result);
                    }
                } catch (ExecutionException e) {
                    Exception cause = e.getCause() instanceof Exception c ? c : new IOException(e.getCause());
                    failures.put(failedJob(units.get(i), cause), cause);
                }
            }
            if (!failures.isEmpty()) {
                String skipped = notStarted == 0 ? "" : " " + Wording.count(notStarted, "job") + " were not started.";
                throw new ExportFailedException(failures, jobCount, outcome + skipped);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while exporting");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The job a failure is about: the one the API named, the unit's only job, or the unit as a whole. */
    private static String failedJob(List<String> unit, Exception cause) {
        if (cause instanceof DlfApiException api && api.jobName().isPresent()) {
            return api.jobName().get();
        }
        return unit.size() == 1 ? unit.get(0) : ExportFailedException.batchKey(unit);
    }
}
