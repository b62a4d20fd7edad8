package io.github.dlfmaven.export;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.ExportRequest;
import io.github.dlfmaven.api.ExportResponse;
import io.github.dlfmaven.api.RetryPolicy;
import io.github.dlfmaven.archive.ArchiveLimits;
import io.github.dlfmaven.archive.ExtractedFile;
import io.github.dlfmaven.archive.SafeUnzipper;
import io.github.dlfmaven.archive.UnsafeArchiveException;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.ExportConfiguration;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.snapshot.SnapshotConflictException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one export: every configured job through the API, at most {@code threads} at a time, then either
 * the new snapshot replaces the output folder (all jobs succeeded) or nothing changes (any failed).
 */
public final class Exporter {

    /** Slack over maxExtractedBytes for the download: zip headers and uncompressed entries. */
    private static final long DOWNLOAD_SLACK = 16L << 20;

    private final ExportConfiguration config;
    private final DlfClient client;
    private final Log log;
    private final SafeUnzipper unzipper;

    public Exporter(ExportConfiguration config, DlfClient client, Log log) {
        this.config = config;
        this.client = client;
        this.log = log;
        this.unzipper = new SafeUnzipper(new ArchiveLimits(config.maxEntries(), config.maxExtractedBytes()));
    }

    /** The client an export with this configuration uses; the caller closes it. */
    public static DlfClient clientFor(ExportConfiguration config, Credentials credentials, Log log) {
        return DlfClient.builder(config.endpoint(), config.projectId(), credentials)
                .workspace(config.workspace().orElse(null))
                .timeouts(config.connectTimeout(), config.readTimeout())
                .retryPolicy(RetryPolicy.of(config.retries()))
                .log(log)
                .build();
    }

    /**
     * @throws ExportFailedException one or more jobs failed (the API refused, the package was unsafe, the network broke)
     * @throws SnapshotConflictException two jobs brought different content for one file
     * @throws IOException the output folder could not be prepared or replaced
     */
    public ExportSummary run() throws ExportFailedException, SnapshotConflictException, IOException {
        long started = System.nanoTime();
        if (config.obsPath().isPresent()) {
            List<JobResult> results = runAll(this::exportToObs, "nothing was written locally.");
            ExportSummary summary = new ExportSummary(results, 0, null, since(started));
            log.info("Exported " + count(results.size(), "job") + " to OBS in " + seconds(summary.time()) + ".");
            return summary;
        }
        try (SnapshotWriter writer = SnapshotWriter.open(config.outputDirectory())) {
            List<Unpacked> unpacked = runAll(job -> exportLocally(job, writer),
                    "the output folder " + config.outputDirectory() + " was left as it was.");
            int written = 0;
            for (Unpacked job : unpacked) {
                written += writer.add(job.result().job(), job.folder(), job.files());
            }
            writer.commit();
            List<JobResult> results = unpacked.stream().map(Unpacked::result).toList();
            ExportSummary summary = new ExportSummary(results, written, config.outputDirectory(), since(started));
            log.info("Exported " + count(results.size(), "job") + ": " + count(written, "file") + " ("
                    + String.format(Locale.ROOT, "%,d", summary.bytesDownloaded()) + " bytes downloaded) written to "
                    + config.outputDirectory() + " in " + seconds(summary.time()) + ".");
            return summary;
        }
    }

    /** One job's package, unpacked into its own work folder, waiting to be merged into the snapshot. */
    private record Unpacked(JobResult result, Path folder, List<ExtractedFile> files) {}

    private Unpacked exportLocally(String job, SnapshotWriter writer)
            throws IOException, DlfApiException, UnsafeArchiveException {
        long started = System.nanoTime();
        Path folder = writer.newWorkFolder();
        Path packageFile = folder.resolve("package.zip");
        ExportResponse.Archive archive = (ExportResponse.Archive) client.export(request(job), packageFile,
                config.maxExtractedBytes() + DOWNLOAD_SLACK);
        Path files = folder.resolve("files");
        List<ExtractedFile> extractedFiles;
        try {
            extractedFiles = unzipper.extract(packageFile, files);
        } catch (UnsafeArchiveException e) {
            String type = archive.contentType().isEmpty() ? "" : " (Content-Type " + archive.contentType() + ")";
            throw new UnsafeArchiveException("The export of job '" + job + "' was refused" + type + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(packageFile);
        }
        for (ExtractedFile file : extractedFiles) {
            if (!file.normalized()) {
                log.warn("Job '" + job + "': " + file.path() + " is not valid JSON (or too large to normalize); kept byte for byte.");
            }
        }
        if (extractedFiles.stream().noneMatch(f -> f.path().equals("jobs/" + job + ".job"))) {
            log.warn("Job '" + job + "': the package has no jobs/" + job + ".job; check the export in DataArts Factory.");
        }
        JobResult result = new JobResult(job, extractedFiles.size(), archive.bytes(), null, archive.attempts(), since(started));
        log.info("Exported job '" + job + "': " + count(result.files(), "file") + ", "
                + String.format(Locale.ROOT, "%,d", result.bytes()) + " bytes in " + seconds(result.time()) + retries(result) + ".");
        return new Unpacked(result, files, extractedFiles);
    }

    private JobResult exportToObs(String job) throws IOException, DlfApiException {
        long started = System.nanoTime();
        ExportResponse.ObsLocation obs = (ExportResponse.ObsLocation) client.export(request(job), null, 0);
        JobResult result = new JobResult(job, 0, 0, obs.location(), obs.attempts(), since(started));
        log.info("Exported job '" + job + "' to " + obs.location()
                + (obs.confirmed() ? "" : " (DLF accepted the export but did not name the exact location)")
                + " in " + seconds(result.time()) + retries(result) + ".");
        return result;
    }

    private ExportRequest request(String job) {
        return new ExportRequest(job, config.exportDepend(), config.exportStatus().name(), config.obsPath().orElse(null));
    }

    @FunctionalInterface
    private interface JobTask<T> {
        T run(String job) throws Exception;
    }

    /**
     * Runs the task for every job on {@code threads} threads. After the first failure no further job is
     * started; jobs already running finish, and every failure is reported.
     */
    private <T> List<T> runAll(JobTask<T> task, String outcome) throws ExportFailedException, IOException {
        List<String> jobs = config.jobs();
        AtomicBoolean failed = new AtomicBoolean();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.threads(), jobs.size()), runnable -> {
            Thread thread = new Thread(runnable, "dlf-export-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (String job : jobs) {
                futures.add(pool.submit(() -> {
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        return task.run(job);
                    } catch (Exception e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            Map<String, Exception> failures = new LinkedHashMap<>();
            int notStarted = 0;
            for (int i = 0; i < jobs.size(); i++) {
                try {
                    T result = futures.get(i).get();
                    if (result == null) {
                        notStarted++;
                    } else {
                        results.add(result);
                    }
                } catch (ExecutionException e) {
                    failures.put(jobs.get(i), e.getCause() instanceof Exception cause ? cause : new IOException(e.getCause()));
                }
            }
            if (!failures.isEmpty()) {
                String skipped = notStarted == 0 ? "" : " " + count(notStarted, "job") + " were not started.";
                throw new ExportFailedException(failures, jobs.size(), outcome + skipped);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while exporting");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String retries(JobResult result) {
        return result.attempts() > 1 ? " (after " + result.attempts() + " attempts)" : "";
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
