package io.github.dlfmaven.export;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.DlfConnection;
import io.github.dlfmaven.api.ExportRequest;
import io.github.dlfmaven.api.ExportResponse;
import io.github.dlfmaven.api.JobLister;
import io.github.dlfmaven.archive.ArchiveLimits;
import io.github.dlfmaven.archive.ExportBudget;
import io.github.dlfmaven.archive.ExtractedFile;
import io.github.dlfmaven.archive.SafeUnzipper;
import io.github.dlfmaven.archive.UnsafeArchiveException;
import io.github.dlfmaven.config.ExportConfiguration;
import io.github.dlfmaven.config.ExportStatus;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.log.LogText;
import io.github.dlfmaven.snapshot.SnapshotConflictException;
import io.github.dlfmaven.snapshot.SnapshotLayout;
import io.github.dlfmaven.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one export: selects the jobs (resolving patterns with the job list), exports them, at most
 * {@code threads} requests at a time and up to 100 jobs per batch-export request where the API allows it,
 * then either the new snapshot replaces the output folder (everything succeeded) or nothing changes.
 */
public final class Exporter {

    /** The batch export API takes at most this many jobs per request. */
    static final int MAX_BATCH = 100;
    /** Up to this many jobs, each job (or batch) gets an INFO line; beyond, progress lines keep the log short. */
    static final int DETAILED_LOG_JOBS = 100;

    private static final long PROGRESS_SECONDS = 5;
    /** Slack over maxExtractedBytes for the download: zip headers and uncompressed entries. */
    private static final long DOWNLOAD_SLACK = 16L << 20;

    private final ExportConfiguration config;
    private final DlfClient client;
    private final Log log;
    private final SafeUnzipper unzipper;
    private final ExportBudget budget;
    private final AtomicInteger jobsDone = new AtomicInteger();
    private final AtomicLong bytesDone = new AtomicLong();
    private volatile int jobsTotal;

    public Exporter(ExportConfiguration config, DlfClient client, Log log) {
        this.config = config;
        this.client = client;
        this.log = log;
        this.unzipper =
                new SafeUnzipper(new ArchiveLimits(config.maxEntries(), config.maxExtractedBytes()), config.names());
        this.budget = new ExportBudget(config.maxTotalBytes(), config.maxTotalEntries(), config.names());
    }

    /**
     * A client set up for this configuration, with a transport of its own that has the configured timeouts; the
     * caller adds the authentication (and may give a shared {@link #transport} instead) before {@code build()},
     * and closes the client.
     */
    public static DlfClient.Builder client(ExportConfiguration config, Log log) {
        return DlfClient.builder(config.endpoint(), config.projectId())
                .workspace(config.workspace().orElse(null))
                .transport(DlfConnection.transport(config))
                .retryPolicy(RetryPolicy.of(config.retries()))
                .names(config.names())
                .log(log);
    }

    /**
     * @throws SelectionException a pattern matched no job, or nothing is selected
     * @throws DlfApiException the job list could not be read
     * @throws ExportFailedException one or more jobs failed (the API refused, the package was unsafe, the network broke)
     * @throws SnapshotConflictException two jobs brought different content for one file
     * @throws IOException the output folder could not be prepared or replaced, or the job list not read
     */
    public ExportSummary run()
            throws SelectionException, DlfApiException, ExportFailedException, SnapshotConflictException, IOException {
        long started = System.nanoTime();
        log.info("Exporting "
                + (config.hasPatterns()
                        ? "the DLF jobs matching " + config.jobs()
                        : config.jobs().size() + " DLF job(s)")
                + " from " + config.endpoint() + " (project " + config.projectId()
                + config.workspace().map(w -> ", workspace " + w).orElse("") + ") with credentials from "
                + client.credentialsSource() + ".");
        if (config.obsPath().isPresent()) {
            List<String> jobs = select();
            try (ProgressReporter progress = new ProgressReporter(jobs.size())) {
                return toObs(jobs, started);
            }
        }
        // Locked before the first request: a second export into the same folder stops before it sends any.
        try (SnapshotWriter writer = SnapshotWriter.open(config.outputDirectory(), config.names())) {
            List<String> jobs = select();
            try (ProgressReporter progress = new ProgressReporter(jobs.size())) {
                return toSnapshot(jobs, writer, started);
            }
        }
    }

    private List<String> select() throws IOException, DlfApiException, SelectionException {
        List<String> jobs = new JobSelector(new JobLister(client, log), log).select(config);
        jobsTotal = jobs.size();
        return jobs;
    }

    private ExportSummary toObs(List<String> jobs, long started) throws ExportFailedException, IOException {
        List<List<String>> units = jobs.stream().map(List::of).toList();
        Map<String, String> locations = new LinkedHashMap<>();
        for (List<Map.Entry<String, String>> unit :
                runAll(units, unit -> List.of(exportToObs(unit.get(0))), jobs.size(), "nothing was written locally.")) {
            unit.forEach(entry -> locations.put(entry.getKey(), entry.getValue()));
        }
        ExportSummary summary = new ExportSummary(jobs, 0, 0, client.requestCount(), locations, null, since(started));
        log.info("Exported " + count(jobs.size(), "job") + " to OBS in " + seconds(summary.time()) + ".");
        return summary;
    }

    private ExportSummary toSnapshot(List<String> jobs, SnapshotWriter writer, long started)
            throws ExportFailedException, SnapshotConflictException, IOException {
        List<List<Unpacked>> done = runAll(
                units(jobs),
                unit -> exportUnit(unit, writer),
                jobs.size(),
                "the output folder " + config.outputDirectory() + " was left as it was.");
        int written = 0;
        long bytes = 0;
        for (List<Unpacked> unit : done) {
            for (Unpacked part : unit) {
                written += writer.add(part.label(), part.folder(), part.files());
                bytes += part.bytes();
            }
        }
        writer.commit();
        ExportSummary summary = new ExportSummary(
                jobs, written, bytes, client.requestCount(), Map.of(), config.outputDirectory(), since(started));
        log.info("Exported " + count(jobs.size(), "job") + ": " + count(written, "file") + " ("
                + String.format(Locale.ROOT, "%,d", bytes) + " bytes downloaded, "
                + count(summary.requests(), "request")
                + ") written to " + config.outputDirectory() + " in " + seconds(summary.time()) + ".");
        return summary;
    }

    /**
     * How the jobs are grouped into requests: batches of up to 100 where the batch API can serve them (the
     * development state, no OBS path), sized so that all threads have work; otherwise one job per request.
     */
    private List<List<String>> units(List<String> jobs) {
        boolean batchable = config.batch()
                && config.exportStatus() == ExportStatus.DEVELOP
                && config.obsPath().isEmpty();
        int size = batchable
                ? Math.min(MAX_BATCH, Math.max(1, (jobs.size() + config.threads() - 1) / config.threads()))
                : 1;
        List<List<String>> units = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i += size) {
            units.add(jobs.subList(i, Math.min(jobs.size(), i + size)));
        }
        return units;
    }

    /** One job's or one batch's package, unpacked into its own work folder, waiting to be merged into the snapshot. */
    private record Unpacked(String label, Path folder, List<ExtractedFile> files, long bytes) {}

    private List<Unpacked> exportUnit(List<String> jobs, SnapshotWriter writer)
            throws IOException, DlfApiException, UnsafeArchiveException {
        if (jobs.size() == 1) {
            return List.of(exportLocally(jobs.get(0), writer));
        }
        List<Unpacked> parts = new ArrayList<>();
        try {
            parts.add(exportBatch(jobs, writer));
        } catch (DlfApiException e) {
            if (e.httpStatus() != 400 && e.httpStatus() != 404) {
                throw e;
            }
            // The batch answer does not say which job is at fault; single exports do.
            log.info(e.getMessage() + " Exporting these " + jobs.size() + " jobs one by one instead.");
            List<Unpacked> singles = new ArrayList<>();
            for (String job : jobs) {
                singles.add(exportLocally(job, writer));
            }
            return singles;
        }
        // A batch package that lacks a job's definition must not count as that job's export; a single export of it
        // either brings the definition or fails, naming the job.
        List<String> missing = jobs.stream()
                .filter(job -> !hasDefinition(job, parts.get(0).files()))
                .toList();
        if (!missing.isEmpty()) {
            log.info("The package of the " + parts.get(0).label() + " holds no definition of " + missing.size()
                    + " of them (" + shown(missing) + "); exporting " + (missing.size() == 1 ? "it" : "those")
                    + " one by one instead.");
            for (String job : missing) {
                parts.add(exportLocally(job, writer));
            }
        }
        return parts;
    }

    private Unpacked exportBatch(List<String> jobs, SnapshotWriter writer)
            throws IOException, DlfApiException, UnsafeArchiveException {
        long started = System.nanoTime();
        Path folder = writer.newWorkFolder();
        Path packageFile = folder.resolve("package.zip");
        // The limits are per job, so a package of n jobs may be n times as large, but never larger than the export's.
        long limit = downloadLimit() > Long.MAX_VALUE / jobs.size() ? Long.MAX_VALUE : downloadLimit() * jobs.size();
        ExportResponse.Archive archive = client.batchExport(
                jobs, config.exportDepend(), packageFile, Math.min(limit, withSlack(config.maxTotalBytes())));
        String label = "batch of " + jobs.size() + " jobs ('" + LogText.escape(jobs.get(0)) + "' to '"
                + LogText.escape(jobs.get(jobs.size() - 1)) + "')";
        Unpacked unpacked = unpack(label, archive, folder, jobs.size());
        detail("Exported a " + label + ": " + count(unpacked.files().size(), "file") + ", "
                + String.format(Locale.ROOT, "%,d", archive.bytes()) + " bytes in " + seconds(since(started))
                + retries(archive.attempts()) + ".");
        finished(jobs.size(), archive.bytes());
        return unpacked;
    }

    private Unpacked exportLocally(String job, SnapshotWriter writer)
            throws IOException, DlfApiException, UnsafeArchiveException {
        long started = System.nanoTime();
        Path folder = writer.newWorkFolder();
        ExportResponse.Archive archive =
                (ExportResponse.Archive) client.export(request(job), folder.resolve("package.zip"), downloadLimit());
        Unpacked unpacked = unpack("job '" + LogText.escape(job) + "'", archive, folder, 1);
        if (!hasDefinition(job, unpacked.files())) {
            throw new UnsafeArchiveException(
                    "The export of job '" + LogText.escape(job) + "' was refused: the package DLF"
                            + " sent holds no definition of the job (" + SnapshotLayout.jobFile(job) + ")"
                            + (unpacked.files().isEmpty()
                                    ? " and no other file either"
                                    : ", only " + count(unpacked.files().size(), "other file"))
                            + ". Check the job in DataArts Factory; the output folder was left as it was.");
        }
        detail("Exported job '" + LogText.escape(job) + "': "
                + count(unpacked.files().size(), "file") + ", "
                + String.format(Locale.ROOT, "%,d", archive.bytes()) + " bytes in " + seconds(since(started))
                + retries(archive.attempts()) + ".");
        finished(1, archive.bytes());
        return new Unpacked(job, unpacked.folder(), unpacked.files(), unpacked.bytes());
    }

    private Unpacked unpack(String label, ExportResponse.Archive archive, Path folder, int jobs)
            throws IOException, UnsafeArchiveException {
        Path files = folder.resolve("files");
        List<ExtractedFile> extracted;
        try {
            extracted = unzipper.extract(archive.file(), files, jobs, budget);
        } catch (UnsafeArchiveException e) {
            String type = archive.contentType().isEmpty()
                    ? ""
                    : " (Content-Type " + LogText.escape(archive.contentType()) + ")";
            throw new UnsafeArchiveException(
                    "The export of " + label + " was refused" + type + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(archive.file());
        }
        for (ExtractedFile file : extracted) {
            if (!file.normalized()) {
                log.warn("The export of " + label + ": " + LogText.escape(file.path()) + " was kept byte for byte ("
                        + file.keptBecause() + ").");
            }
        }
        return new Unpacked(label, files, extracted, archive.bytes());
    }

    private static boolean hasDefinition(String job, List<ExtractedFile> files) {
        String definition = SnapshotLayout.jobFile(job);
        return files.stream().anyMatch(f -> f.path().equals(definition));
    }

    /** Up to three names, quoted and escaped, for a log line. */
    private static String shown(List<String> jobs) {
        return "'"
                + String.join(
                        "', '", jobs.stream().limit(3).map(LogText::escape).toList()) + "'"
                + (jobs.size() > 3 ? ", ..." : "");
    }

    private Map.Entry<String, String> exportToObs(String job) throws IOException, DlfApiException {
        long started = System.nanoTime();
        ExportResponse.ObsLocation obs = (ExportResponse.ObsLocation) client.export(request(job), null, 0);
        detail("Exported job '" + LogText.escape(job) + "' to " + LogText.escape(obs.location())
                + (obs.confirmed() ? "" : " (DLF accepted the export but did not name the exact location)")
                + " in " + seconds(since(started)) + retries(obs.attempts()) + ".");
        finished(1, 0);
        return Map.entry(job, obs.location());
    }

    private ExportRequest request(String job) {
        return new ExportRequest(
                job,
                config.exportDepend(),
                config.exportStatus().name(),
                config.obsPath().orElse(null));
    }

    private long downloadLimit() {
        return withSlack(config.maxExtractedBytes());
    }

    /** A limit of inflated bytes as a limit of downloaded ones; a limit near Long.MAX_VALUE stays there. */
    private static long withSlack(long limit) {
        return limit > Long.MAX_VALUE - DOWNLOAD_SLACK ? Long.MAX_VALUE : limit + DOWNLOAD_SLACK;
    }

    /** A job's or batch's own line: INFO for small exports, DEBUG when progress lines take over. */
    private void detail(String line) {
        if (jobsTotal <= DETAILED_LOG_JOBS) {
            log.info(line);
        } else if (log.isDebugEnabled()) {
            log.debug(line);
        }
    }

    private void finished(int jobs, long bytes) {
        jobsDone.addAndGet(jobs);
        bytesDone.addAndGet(bytes);
    }

    /** Every few seconds, a line saying how far a long export has come; none after it is closed. */
    private final class ProgressReporter implements AutoCloseable {
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dlf-export-progress");
            thread.setDaemon(true);
            return thread;
        });

        ProgressReporter(int total) {
            if (total > DETAILED_LOG_JOBS) {
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
            }
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
            try {
                // No progress line may come after the summary.
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @FunctionalInterface
    private interface Task<T> {
        T run(List<String> jobs) throws Exception;
    }

    /**
     * Runs the task for every unit on {@code threads} threads. After the first failure no further unit is
     * started; units already running finish, and every failure is reported.
     */
    private <T> List<T> runAll(List<List<String>> units, Task<T> task, int jobCount, String outcome)
            throws ExportFailedException, IOException {
        AtomicBoolean failed = new AtomicBoolean();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.max(1, Math.min(config.threads(), units.size())), runnable -> {
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
                String skipped = notStarted == 0 ? "" : " " + count(notStarted, "job") + " were not started.";
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

    private static String retries(int attempts) {
        return attempts > 1 ? " (after " + attempts + " attempts)" : "";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
    }
}
