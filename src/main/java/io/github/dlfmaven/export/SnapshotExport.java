package io.github.dlfmaven.export;

import static io.github.dlfmaven.export.Wording.bytes;
import static io.github.dlfmaven.export.Wording.count;
import static io.github.dlfmaven.export.Wording.retries;
import static io.github.dlfmaven.export.Wording.seconds;
import static io.github.dlfmaven.export.Wording.since;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.ExportRequest;
import io.github.dlfmaven.api.ExportResponse;
import io.github.dlfmaven.archive.ArchiveLimits;
import io.github.dlfmaven.archive.ExportBudget;
import io.github.dlfmaven.archive.ExtractedFile;
import io.github.dlfmaven.archive.SafeUnzipper;
import io.github.dlfmaven.archive.UnsafeArchiveException;
import io.github.dlfmaven.config.ExportSettings;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.snapshot.DefinitionKind;
import io.github.dlfmaven.snapshot.SnapshotConflictException;
import io.github.dlfmaven.snapshot.SnapshotLayout;
import io.github.dlfmaven.snapshot.SnapshotWriter;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exports one unit of jobs (a job, or a batch of them) into the new snapshot: downloads the package into a work
 * folder of its own and extracts it straight into the snapshot's tree. A batch the API refuses, and the jobs a batch
 * package holds no definition of, are exported one by one instead. Thread-safe: units run in parallel.
 */
final class SnapshotExport {

    /** Slack over maxExtractedBytes for the download: zip headers and uncompressed entries. */
    private static final long DOWNLOAD_SLACK = 16L << 20;

    private final ExportSettings config;
    private final DlfClient client;
    private final SnapshotWriter writer;
    private final ProgressReporter progress;
    private final Log log;
    private final SafeUnzipper unzipper;
    private final ExportBudget budget;
    private final LongAdder downloading = new LongAdder();
    private final LongAdder extracting = new LongAdder();

    SnapshotExport(
            ExportSettings config,
            SettingNames names,
            DlfClient client,
            SnapshotWriter writer,
            ProgressReporter progress,
            Log log) {
        this.config = config;
        this.client = client;
        this.writer = writer;
        this.progress = progress;
        this.log = log;
        this.unzipper = new SafeUnzipper(
                new ArchiveLimits(config.limits().maxEntries(), config.limits().maxExtractedBytes()),
                names,
                SnapshotLayout.INSTANCE,
                config.limits().ignoreFields());
        this.budget = new ExportBudget(
                config.limits().maxTotalBytes(), config.limits().maxTotalEntries(), names);
    }

    /** @return the bytes downloaded for the unit */
    long export(List<String> jobs)
            throws IOException, DlfApiException, UnsafeArchiveException, SnapshotConflictException {
        if (jobs.size() == 1) {
            return single(jobs.get(0));
        }
        Unpacked batch;
        try {
            batch = batch(jobs);
        } catch (DlfApiException e) {
            if (e.httpStatus() != 400 && e.httpStatus() != 404) {
                throw e;
            }
            // The batch answer does not say which job is at fault; single exports do.
            log.info(e.getMessage() + " Exporting these " + jobs.size() + " jobs one by one instead.");
            long bytes = 0;
            for (String job : jobs) {
                bytes += single(job);
            }
            return bytes;
        }
        // A batch package that lacks a job's definition must not count as that job's export; a single export of it
        // either brings the definition or fails, naming the job.
        List<String> missing = new ArrayList<>();
        for (String job : jobs) {
            if (!hasDefinition(job, batch.files())) {
                missing.add(job);
            }
        }
        long bytes = batch.bytes();
        if (!missing.isEmpty()) {
            log.info("The package of the " + batch.label() + " holds no definition of " + missing.size()
                    + " of them (" + shown(missing) + "); exporting " + (missing.size() == 1 ? "it" : "those")
                    + " one by one instead.");
            for (String job : missing) {
                bytes += single(job);
            }
        }
        return bytes;
    }

    /** One package, extracted: what it held and how big it was. */
    private record Unpacked(String label, List<ExtractedFile> files, long bytes) {}

    private Unpacked batch(List<String> jobs)
            throws IOException, DlfApiException, UnsafeArchiveException, SnapshotConflictException {
        long started = System.nanoTime();
        Path folder = writer.newWorkFolder();
        // The limits are per job, so a package of n jobs may be n times as large, but never larger than the export's.
        long perJob = downloadLimit();
        long limit = perJob > Long.MAX_VALUE / jobs.size() ? Long.MAX_VALUE : perJob * jobs.size();
        ExportResponse.Archive archive = client.batchExport(
                jobs,
                config.exportDepend(),
                folder.resolve("package.zip"),
                Math.min(limit, withSlack(config.limits().maxTotalBytes())));
        downloading.add(System.nanoTime() - started);
        String label = "batch of " + jobs.size() + " jobs ('" + LogText.escape(jobs.get(0)) + "' to '"
                + LogText.escape(jobs.get(jobs.size() - 1)) + "')";
        Unpacked unpacked = unpack(label, archive, folder, jobs.size());
        progress.detail("Exported a " + label + ": " + count(unpacked.files().size(), "file") + ", "
                + bytes(archive.bytes()) + " bytes in " + seconds(since(started)) + retries(archive.attempts()) + ".");
        progress.finished(jobs.size(), archive.bytes());
        return unpacked;
    }

    private long single(String job)
            throws IOException, DlfApiException, UnsafeArchiveException, SnapshotConflictException {
        long started = System.nanoTime();
        Path folder = writer.newWorkFolder();
        ExportRequest request = new ExportRequest(
                job, config.exportDepend(), config.exportStatus().name(), null);
        ExportResponse.Archive archive =
                (ExportResponse.Archive) client.export(request, folder.resolve("package.zip"), downloadLimit());
        downloading.add(System.nanoTime() - started);
        Unpacked unpacked = unpack(job, archive, folder, 1);
        if (!hasDefinition(job, unpacked.files())) {
            throw new UnsafeArchiveException("The export of job '" + LogText.escape(job) + "' was refused: the"
                    + " package DLF sent holds no definition of the job ("
                    + LogText.escape(DefinitionKind.JOB.packageEntry(job)) + ")"
                    + (unpacked.files().isEmpty()
                            ? " and no other file either"
                            : ", only " + count(unpacked.files().size(), "other file"))
                    + ". Check the job in DataArts Factory; the output folder was left as it was.");
        }
        progress.detail("Exported job '" + LogText.escape(job) + "': "
                + count(unpacked.files().size(), "file") + ", " + bytes(archive.bytes()) + " bytes in "
                + seconds(since(started)) + retries(archive.attempts()) + ".");
        progress.finished(1, archive.bytes());
        return archive.bytes();
    }

    /**
     * @param origin the job's name, or the batch's label: conflicts name it
     */
    private Unpacked unpack(String origin, ExportResponse.Archive archive, Path folder, int jobs)
            throws IOException, UnsafeArchiveException, SnapshotConflictException {
        String label = jobs == 1 ? "job '" + LogText.escape(origin) + "'" : origin;
        List<ExtractedFile> extracted;
        long started = System.nanoTime();
        try {
            extracted = unzipper.extract(archive.file(), jobs, budget, writer.target(origin, folder));
        } catch (UnsafeArchiveException e) {
            String type = archive.contentType().isEmpty()
                    ? ""
                    : " (Content-Type " + LogText.escape(archive.contentType()) + ")";
            throw new UnsafeArchiveException(
                    "The export of " + label + " was refused" + type + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(archive.file());
            extracting.add(System.nanoTime() - started);
        }
        for (ExtractedFile file : extracted) {
            if (!file.normalized()) {
                log.warn("The export of " + label + ": " + LogText.escape(file.path()) + " was kept byte for byte ("
                        + file.keptBecause() + ").");
            }
        }
        return new Unpacked(label, extracted, archive.bytes());
    }

    /** Requests and downloads so far, summed over threads. */
    Duration downloading() {
        return Duration.ofNanos(downloading.sum());
    }

    /** Extraction so far, summed over threads. */
    Duration extracting() {
        return Duration.ofNanos(extracting.sum());
    }

    /** Whether the files hold the job's definition, at its path in the snapshot (escaped, as the layout placed it). */
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

    private long downloadLimit() {
        return withSlack(config.limits().maxExtractedBytes());
    }

    /** A limit of inflated bytes as a limit of downloaded ones; a limit near Long.MAX_VALUE stays there. */
    private static long withSlack(long limit) {
        return limit > Long.MAX_VALUE - DOWNLOAD_SLACK ? Long.MAX_VALUE : limit + DOWNLOAD_SLACK;
    }
}
