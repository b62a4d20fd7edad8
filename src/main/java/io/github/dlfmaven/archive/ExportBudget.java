package io.github.dlfmaven.archive;

import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the whole export may still extract, all packages and threads together: the per-package limits grow with
 * the jobs a batch holds, so without a bound for the whole export a hundred batches could each inflate to a
 * hundred times a job's limit. Bytes are counted while inflating and normalizing; entries before a package's
 * directory is read. Thread-safe.
 */
public final class ExportBudget {

    private final long maxBytes;
    private final long maxEntries;
    private final SettingNames names;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();

    /**
     * @param maxBytes most bytes the export may inflate to
     * @param maxEntries most entries all its packages may hold together
     */
    public ExportBudget(long maxBytes, long maxEntries, SettingNames names) {
        if (maxBytes < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("budgets must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.names = names;
    }

    /** With settings named by their parameters in messages. */
    public ExportBudget(long maxBytes, long maxEntries) {
        this(maxBytes, maxEntries, SettingNames.PLAIN);
    }

    /** No bound beyond each package's own limits. */
    public static ExportBudget unlimited() {
        return new ExportBudget(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Takes {@code n} entries from the budget, before the package's directory is read. */
    void reserveEntries(long n) throws UnsafeArchiveException {
        if (entries.addAndGet(n) > maxEntries || n < 0) {
            throw new UnsafeArchiveException("The export as a whole would extract more than " + maxEntries
                    + " entries (this package holds " + n
                    + "); raise " + names.name(Setting.MAX_TOTAL_ENTRIES) + " if that is"
                    + " expected.");
        }
    }

    /** Counts {@code n} more bytes written, failing once the whole export would exceed its bound. */
    void charge(long n, String entry) throws UnsafeArchiveException {
        if (bytes.addAndGet(n) > maxBytes) {
            throw new UnsafeArchiveException(
                    "The export as a whole inflates to more than " + maxBytes + " bytes (stopped" + " at entry '"
                            + entry + "'); raise " + names.name(Setting.MAX_TOTAL_BYTES) + " if that is expected.");
        }
    }
}
