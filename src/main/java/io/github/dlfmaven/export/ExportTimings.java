package io.github.dlfmaven.export;

import java.time.Duration;

/**
 * Where an export's time went, for the debug log and the benchmark. Wall-clock times, except {@code downloading} and
 * {@code extracting}, which add up the time every thread spent on them and so may exceed the export's wall time.
 *
 * @param listing reading the job list (zero without patterns)
 * @param exporting from the first export request to the last package extracted
 * @param downloading requests and downloads, summed over threads
 * @param extracting extraction and normalization, summed over threads
 * @param commit swapping the new snapshot in
 */
public record ExportTimings(
        Duration listing, Duration exporting, Duration downloading, Duration extracting, Duration commit) {

    /** One line for the debug log. */
    public String describe() {
        return "listing " + Wording.seconds(listing) + ", export " + Wording.seconds(exporting) + " (requests "
                + Wording.seconds(downloading) + ", extraction " + Wording.seconds(extracting)
                + " of thread time), commit " + Wording.seconds(commit);
    }
}
