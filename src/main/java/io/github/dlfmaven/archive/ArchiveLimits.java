package io.github.dlfmaven.archive;

/**
 * Safety limits for one job's package; a batch package of several jobs gets them {@link #times(int)} over.
 *
 * @param maxEntries most entries (files and folders) one archive may hold
 * @param maxExtractedBytes most bytes one archive may inflate to, counted as they are inflated
 */
public record ArchiveLimits(int maxEntries, long maxExtractedBytes) {

    public ArchiveLimits {
        if (maxEntries < 1 || maxExtractedBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The limits of a package holding {@code jobs} jobs' worth, without overflowing. */
    public ArchiveLimits times(int jobs) {
        long entries = Math.min(Integer.MAX_VALUE, (long) maxEntries * jobs);
        long bytes = maxExtractedBytes > Long.MAX_VALUE / jobs ? Long.MAX_VALUE : maxExtractedBytes * jobs;
        return new ArchiveLimits((int) entries, bytes);
    }
}
