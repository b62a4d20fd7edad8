package io.github.dlfmaven.archive;

import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.text.LogText;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * The bytes one package has written so far, against its own limit and the export's budget: inflated bytes as they
 * come, whatever the headers claim, and what normalizing adds on top. One per extraction, so not thread-safe.
 */
final class InflatedBytes {

    private final ArchiveLimits limits;
    private final ExportBudget budget;
    private final SettingNames names;
    private long bytes;

    InflatedBytes(ArchiveLimits limits, ExportBudget budget, SettingNames names) {
        this.limits = limits;
        this.budget = budget;
        this.names = names;
    }

    void add(long n, ZipArchiveEntry entry) throws UnsafeArchiveException {
        bytes += n;
        if (bytes > limits.maxExtractedBytes()) {
            throw new UnsafeArchiveException("The archive inflates to more than " + limits.maxExtractedBytes()
                    + " bytes (stopped at entry '" + LogText.escape(entry.getName()) + "'); raise "
                    + names.name(Setting.MAX_EXTRACTED_BYTES) + " if that is expected.");
        }
        budget.charge(n, LogText.escape(entry.getName()));
    }
}
