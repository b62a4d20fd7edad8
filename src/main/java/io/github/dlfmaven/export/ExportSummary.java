package io.github.dlfmaven.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a successful export run.
 *
 * @param jobs per-job results, in the configured order
 * @param filesWritten files in the new snapshot (a dependency shared by several jobs counts once); 0 in OBS mode
 * @param outputDirectory where the snapshot was written, or null in OBS mode
 * @param time wall-clock time of the whole run
 */
public record ExportSummary(List<JobResult> jobs, int filesWritten, Path outputDirectory, Duration time) {

    public long bytesDownloaded() {
        return jobs.stream().mapToLong(JobResult::bytes).sum();
    }
}
