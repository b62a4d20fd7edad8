package io.github.dlfmaven.export;

import io.github.dlfmaven.snapshot.SnapshotChanges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a successful export run.
 *
 * @param jobs the jobs exported, in the order they were selected
 * @param filesWritten files in the new snapshot (a dependency shared by several jobs counts once); 0 in OBS mode
 * @param changes how the new snapshot differs from the one it replaced; null in OBS mode
 * @param bytesDownloaded bytes of the packages downloaded; 0 in OBS mode
 * @param requests HTTP requests sent, job list and retries included
 * @param obsLocations in OBS mode, where DLF put each job's package
 * @param outputDirectory where the snapshot was written, or null in OBS mode
 * @param time wall-clock time of the whole run
 * @param timings where the time went
 */
public record ExportSummary(
        List<String> jobs,
        int filesWritten,
        SnapshotChanges changes,
        long bytesDownloaded,
        int requests,
        Map<String, String> obsLocations,
        Path outputDirectory,
        Duration time,
        ExportTimings timings) {}
