package io.github.dlfmaven.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What every package DLF sends is held to, whichever goal receives it (an export, a check, an import's plan): how much
 * one job's package and all of them together may inflate to and hold, and the fields left out of every definition.
 *
 * @param maxExtractedBytes most bytes one job's package may inflate to
 * @param maxEntries most entries one job's package may hold
 * @param maxTotalBytes most bytes all packages of a run may inflate to together
 * @param maxTotalEntries most entries all packages of a run may hold together
 * @param ignoreFields fields left out of every definition when it is normalized
 */
public record PackageLimits(
        long maxExtractedBytes, int maxEntries, long maxTotalBytes, long maxTotalEntries, IgnoredFields ignoreFields) {

    /** The defaults, with no field left out. */
    public static final PackageLimits DEFAULTS = new PackageLimits(
            Defaults.number(Defaults.MAX_EXTRACTED_BYTES),
            Defaults.integer(Defaults.MAX_ENTRIES),
            Defaults.number(Defaults.MAX_TOTAL_BYTES),
            Defaults.number(Defaults.MAX_TOTAL_ENTRIES),
            IgnoredFields.NONE);

    /**
     * @throws InvalidConfigurationException naming every value out of its range and every field that cannot be left
     *     out
     */
    public static PackageLimits of(
            long maxExtractedBytes,
            int maxEntries,
            long maxTotalBytes,
            long maxTotalEntries,
            List<String> ignoreFields,
            SettingNames names)
            throws InvalidConfigurationException {
        List<String> problems = new ArrayList<>();
        PackageLimits limits =
                check(maxExtractedBytes, maxEntries, maxTotalBytes, maxTotalEntries, ignoreFields, names, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return limits;
    }

    /** The limits, adding a problem for each wrong value. */
    static PackageLimits check(
            long maxExtractedBytes,
            int maxEntries,
            long maxTotalBytes,
            long maxTotalEntries,
            List<String> ignoreFields,
            SettingNames names,
            List<String> problems) {
        Limits limits = new Limits(names, problems);
        limits.range(maxExtractedBytes, 1, Long.MAX_VALUE, Setting.MAX_EXTRACTED_BYTES);
        limits.range(maxEntries, 1, Integer.MAX_VALUE, Setting.MAX_ENTRIES);
        limits.range(maxTotalBytes, 1, Long.MAX_VALUE, Setting.MAX_TOTAL_BYTES);
        limits.range(maxTotalEntries, 1, Long.MAX_VALUE, Setting.MAX_TOTAL_ENTRIES);
        IgnoredFields ignored = IgnoredFields.NONE;
        try {
            ignored = IgnoredFields.parse(RawValues.cleaned(ignoreFields == null ? List.of() : ignoreFields));
        } catch (IllegalArgumentException e) {
            problems.add("In " + names.where(Setting.IGNORE_FIELDS) + ": " + e.getMessage() + ".");
        }
        return new PackageLimits(maxExtractedBytes, maxEntries, maxTotalBytes, maxTotalEntries, ignored);
    }
}
