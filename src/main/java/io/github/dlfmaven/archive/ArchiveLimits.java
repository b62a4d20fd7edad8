package io.github.dlfmaven.archive;

/**
 * Per-archive safety limits.
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
}
