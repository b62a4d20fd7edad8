package io.github.dlfmaven.export;

import static io.github.dlfmaven.export.Wording.bytes;
import static io.github.dlfmaven.export.Wording.count;
import static io.github.dlfmaven.export.Wording.retries;
import static io.github.dlfmaven.export.Wording.seconds;
import static io.github.dlfmaven.export.Wording.since;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.DlfConnection;
import io.github.dlfmaven.api.ExportRequest;
import io.github.dlfmaven.api.ExportResponse;
import io.github.dlfmaven.api.JobLister;
import io.github.dlfmaven.config.ConnectionSettings;
import io.github.dlfmaven.config.ExportSettings;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.snapshot.SnapshotConflictException;
import io.github.dlfmaven.snapshot.SnapshotWriter;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one export: selects the jobs (resolving patterns with the job list), exports them, at most
 * {@code threads} requests at a time and up to 100 jobs per batch-export request where the API allows it
 * ({@link BatchPlanner}, {@link ParallelRunner}, {@link SnapshotExport}), then either the new snapshot replaces the
 * output folder (everything succeeded) or nothing changes.
 */
public final class Exporter {

    private final ExportSettings config;
    private final ConnectionSettings connection;
    private final DlfClient client;
    private final Log log;
    private final boolean snapshot;

    /**
     * An export of a snapshot: its summary says how it differs from the snapshot it replaced.
     *
     * @param connection the settings the client was made with: where it goes, how many requests at once
     */
    public Exporter(ExportSettings config, ConnectionSettings connection, DlfClient client, Log log) {
        this(config, connection, client, log, true);
    }

    private Exporter(
            ExportSettings config, ConnectionSettings connection, DlfClient client, Log log, boolean snapshot) {
        this.config = config;
        this.connection = connection;
        this.client = client;
        this.log = log;
        this.snapshot = snapshot;
    }

    /**
     * An export into a goal's working copy, which is compared with something else (the check's committed snapshot, the
     * import's package): how it differs from the goal's previous run is no news, and would read as a second summary
     * that seems to disagree with the goal's own.
     */
    public static Exporter forComparison(
            ExportSettings config, ConnectionSettings connection, DlfClient client, Log log) {
        return new Exporter(config, connection, client, log, false);
    }

    /**
     * A client set up for these settings, with a transport of its own that has the configured timeouts; the caller
     * adds the authentication (and may give a shared transport instead, {@link
     * DlfClient.Builder#transport(io.github.dlfmaven.http.HttpTransport)}) before {@code build()}, and closes the
     * client.
     */
    public static DlfClient.Builder client(ConnectionSettings config, Log log) {
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
                + " from " + connection.endpoint() + " (project " + connection.projectId()
                + connection.workspace().map(w -> ", workspace " + w).orElse("") + ") with credentials from "
                + client.credentialsSource() + ".");
        if (config.obsPath().isPresent()) {
            List<String> jobs = select();
            try (ProgressReporter progress = new ProgressReporter(log, jobs.size())) {
                return toObs(jobs, progress, started);
            }
        }
        // Locked before the first request: a second export into the same folder stops before it sends any.
        try (SnapshotWriter writer = SnapshotWriter.open(config.outputDirectory(), connection.names())) {
            List<String> jobs = select();
            try (ProgressReporter progress = new ProgressReporter(log, jobs.size())) {
                return toSnapshot(jobs, writer, progress, started);
            }
        }
    }

    /** How long the last {@link #select()} took. */
    private Duration listing = Duration.ZERO;

    private List<String> select() throws IOException, DlfApiException, SelectionException {
        long started = System.nanoTime();
        List<String> jobs = new JobSelector(new JobLister(client, log, connection.threads()), log)
                .select(config, connection.names());
        listing = since(started);
        return jobs;
    }

    private ExportSummary toObs(List<String> jobs, ProgressReporter progress, long started)
            throws ExportFailedException, IOException {
        long exportStarted = System.nanoTime();
        List<List<String>> units = jobs.stream().map(List::of).toList();
        Map<String, String> locations = new LinkedHashMap<>();
        for (Map.Entry<String, String> location : new ParallelRunner(connection.threads())
                .runAll(
                        units,
                        unit -> exportToObs(unit.get(0), progress),
                        jobs.size(),
                        "nothing was written locally.")) {
            locations.put(location.getKey(), location.getValue());
        }
        ExportSummary summary = new ExportSummary(
                jobs,
                0,
                null,
                0,
                client.requestCount(),
                locations,
                null,
                since(started),
                new ExportTimings(listing, since(exportStarted), Duration.ZERO, Duration.ZERO, Duration.ZERO));
        if (log.isDebugEnabled()) {
            log.debug("Where the time went: " + summary.timings().describe() + ".");
        }
        log.info("Exported " + count(jobs.size(), "job") + " to OBS in " + seconds(summary.time()) + ".");
        return summary;
    }

    private Map.Entry<String, String> exportToObs(String job, ProgressReporter progress)
            throws IOException, DlfApiException {
        long started = System.nanoTime();
        ExportRequest request = new ExportRequest(
                job,
                config.exportDepend(),
                config.exportStatus().name(),
                config.obsPath().orElseThrow());
        ExportResponse.ObsLocation obs = (ExportResponse.ObsLocation) client.export(request, null, 0);
        progress.detail("Exported job '" + LogText.escape(job) + "' to " + LogText.escape(obs.location())
                + (obs.confirmed() ? "" : " (DLF accepted the export but did not name the exact location)")
                + " in " + seconds(since(started)) + retries(obs.attempts()) + ".");
        progress.finished(1, 0);
        return Map.entry(job, obs.location());
    }

    private ExportSummary toSnapshot(List<String> jobs, SnapshotWriter writer, ProgressReporter progress, long started)
            throws ExportFailedException, SnapshotConflictException, IOException {
        SnapshotExport export = new SnapshotExport(config, connection.names(), client, writer, progress, log);
        long exportStarted = System.nanoTime();
        List<Long> downloaded;
        try {
            downloaded = new ParallelRunner(connection.threads())
                    .runAll(
                            new BatchPlanner(config, connection.threads()).units(jobs),
                            export::export,
                            jobs.size(),
                            "the output folder " + config.outputDirectory() + " was left as it was.");
        } catch (ExportFailedException e) {
            // Two jobs that disagree about a file are not a failure of either: the selection cannot be one snapshot.
            for (Exception cause : e.causes()) {
                if (cause instanceof SnapshotConflictException conflict) {
                    throw conflict;
                }
            }
            throw e;
        }
        Duration exporting = since(exportStarted);
        long bytes = downloaded.stream().mapToLong(Long::longValue).sum();
        int written = writer.files();
        long commitStarted = System.nanoTime();
        writer.commit();
        ExportTimings timings =
                new ExportTimings(listing, exporting, export.downloading(), export.extracting(), since(commitStarted));
        ExportSummary summary = new ExportSummary(
                jobs,
                written,
                writer.changes(),
                bytes,
                client.requestCount(),
                Map.of(),
                config.outputDirectory(),
                since(started),
                timings);
        if (log.isDebugEnabled()) {
            log.debug("Where the time went: " + timings.describe() + ".");
        }
        log.info("Exported " + count(jobs.size(), "job") + ": " + count(written, "file") + " (" + bytes(bytes)
                + " bytes downloaded, " + count(summary.requests(), "request") + ") written to "
                + config.outputDirectory() + " in " + seconds(summary.time()) + ".");
        if (snapshot) {
            log.info("Compared with the previous snapshot: " + writer.changes().describe() + ".");
        }
        return summary;
    }
}
