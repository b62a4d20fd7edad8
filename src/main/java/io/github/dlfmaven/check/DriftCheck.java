package io.github.dlfmaven.check;

import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Compares the cloud's fresh export with the committed snapshot, writes the reports and logs what a reviewer reads: a
 * summary line, each file that differs, the JSON paths that changed and a unified diff of each changed file. The
 * diffs in the log are capped per file and in total (the reports and {@code -X} have them all), so a rewritten
 * workspace does not flood a CI log.
 */
public final class DriftCheck {

    static final int DIFF_LINES_PER_FILE = 60;
    static final int DIFF_LINES_TOTAL = 600;
    /** Lines of context around each change, as {@code git diff} shows. */
    static final int DIFF_CONTEXT = 3;

    private final Log log;

    public DriftCheck(Log log) {
        this.log = log;
    }

    /**
     * @param committed the snapshot in git
     * @param cloud the cloud's snapshot, exported just now
     * @param reports where {@code drift.json} and {@code drift.md} go
     * @param snapshotName how the reports name the committed snapshot (a path relative to the project)
     */
    public Drift run(Path committed, Path cloud, Path reports, String snapshotName) throws IOException {
        long started = System.nanoTime();
        Drift drift = new SnapshotComparison(DIFF_CONTEXT).compare(committed, cloud);
        if (log.isDebugEnabled()) {
            log.debug("Compared " + (drift.files().size() + drift.unchanged()) + " files in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms.");
        }
        DriftReport.write(drift, reports, snapshotName);
        if (!drift.leftOut().isEmpty()) {
            List<String> shown =
                    drift.leftOut().subList(0, Math.min(10, drift.leftOut().size()));
            log.warn("Not compared, as links are no part of a snapshot: " + LogText.escape(String.join(", ", shown))
                    + (shown.size() < drift.leftOut().size()
                            ? " and " + (drift.leftOut().size() - shown.size()) + " more"
                            : "")
                    + ".");
        }
        if (drift.lineEndsOnly() > 0) {
            log.info(Drift.files(drift.lineEndsOnly()) + " of the snapshot differ from the cloud's only in their line"
                    + " ends (CRLF, as a checkout with git's core.autocrlf writes them), and count as unchanged. To keep"
                    + " them as the export writes them, mark the snapshot folder -text in the repository's"
                    + " .gitattributes.");
        }
        if (drift.none()) {
            log.info("DLF drift: none, " + Drift.files(drift.unchanged()) + " unchanged.");
        } else {
            log.warn("DLF drift: " + drift.counts() + ".");
            logFiles(drift);
        }
        return drift;
    }

    private void logFiles(Drift drift) {
        boolean all = log.isDebugEnabled();
        int budget = DIFF_LINES_TOTAL;
        int leftOut = 0;
        for (FileDrift file : drift.files()) {
            log.warn("  " + file.change().label() + ": " + LogText.escape(file.path()));
            if (file.change() != Change.CHANGED) {
                continue;
            }
            if (!file.jsonPaths().isEmpty()) {
                log.warn("    at " + LogText.escape(String.join(", ", file.jsonPaths())));
            }
            if (file.diffNote() != null) {
                log.info("    (" + file.diffNote() + ")");
            }
            int shown = all ? file.diff().size() : Math.min(file.diff().size(), Math.min(DIFF_LINES_PER_FILE, budget));
            for (String line : file.diff().subList(0, shown)) {
                log.info("    " + LogText.escape(line));
            }
            budget -= shown;
            leftOut += file.diff().size() - shown;
        }
        if (leftOut > 0) {
            log.info("  " + leftOut + " more diff lines left out (at most " + DIFF_LINES_PER_FILE + " per file and "
                    + DIFF_LINES_TOTAL + " in all); -X shows them all.");
        }
    }
}
