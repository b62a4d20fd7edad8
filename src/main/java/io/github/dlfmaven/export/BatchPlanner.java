package io.github.dlfmaven.export;

import io.github.dlfmaven.config.ExportSettings;
import io.github.dlfmaven.config.ExportStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * How the jobs are grouped into requests: batches of up to {@link #MAX_BATCH} where the batch API can serve them
 * (the development state, no OBS path), sized so that all threads have work; otherwise one job per request.
 */
final class BatchPlanner {

    /** The batch export API takes at most this many jobs per request. */
    static final int MAX_BATCH = 100;

    private final ExportSettings config;
    private final int threads;

    /** @param threads how many requests may be in flight at once */
    BatchPlanner(ExportSettings config, int threads) {
        this.config = config;
        this.threads = threads;
    }

    List<List<String>> units(List<String> jobs) {
        boolean batchable = config.batch()
                && config.exportStatus() == ExportStatus.DEVELOP
                && config.obsPath().isEmpty();
        int size = batchable ? Math.min(MAX_BATCH, Math.max(1, (jobs.size() + threads - 1) / threads)) : 1;
        List<List<String>> units = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i += size) {
            units.add(jobs.subList(i, Math.min(jobs.size(), i + size)));
        }
        return units;
    }
}
