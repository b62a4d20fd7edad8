package io.github.dlfmaven.maven;

import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.config.ExportSettings;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.config.PackageLimits;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the goals that receive DLF's packages share, whether they export (export, check) or export to plan
 * (import): the limits each package is held to and the fields left out of every definition.
 *
 * @param <S> the goal's own settings
 */
abstract class AbstractPackageMojo<S> extends AbstractDlfMojo<S> {

    /**
     * Most bytes one job's package may inflate to, counted while inflating and normalizing; a batch of n jobs may
     * inflate to n times as much, within {@code maxTotalBytes}. Default 1 GiB.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.MAX_EXTRACTED_BYTES, defaultValue = Defaults.MAX_EXTRACTED_BYTES)
    long maxExtractedBytes;

    /**
     * Most entries one job's package may hold, counted before its table of contents is read; n times as many in a
     * batch of n jobs, within {@code maxTotalEntries}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.MAX_ENTRIES, defaultValue = Defaults.MAX_ENTRIES)
    int maxEntries;

    /**
     * Most bytes the whole export may inflate to, all jobs and batches together, counted while inflating and
     * normalizing. Default 8 GiB.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.MAX_TOTAL_BYTES, defaultValue = Defaults.MAX_TOTAL_BYTES)
    long maxTotalBytes;

    /**
     * Most entries (files and folders) all packages of the export may hold together, counted before each package's
     * table of contents is read: that table takes memory for every entry. A workspace of 10,000 jobs holds about
     * 40,000.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.MAX_TOTAL_ENTRIES, defaultValue = Defaults.MAX_TOTAL_ENTRIES)
    long maxTotalEntries;

    /**
     * Fields to leave out of every definition, so that editor noise stays out of git: paths from a definition's top
     * level, keys separated by dots, {@code [*]} for every element of a list, {@code *} for every key, such as
     * {@code lastUpdateUser} or {@code nodes[*].location}; comma-separated on the command line. {@code dlf:check}
     * leaves out the same, so set it alike for both.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.IGNORE_FIELDS)
    List<String> ignoreFields;

    AbstractPackageMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        super(session, settingsDecrypter);
    }

    /** The limits and the fields left out, validated. */
    PackageLimits limits() throws InvalidConfigurationException {
        return PackageLimits.of(
                maxExtractedBytes,
                maxEntries,
                maxTotalBytes,
                maxTotalEntries,
                ignoreFields,
                MavenSettingNames.INSTANCE);
    }

    /** The limits and the fields left out, for a goal's export; it adds the rest. */
    ExportSettings.Builder export() {
        return ExportSettings.builder()
                .names(MavenSettingNames.INSTANCE)
                .maxExtractedBytes(maxExtractedBytes)
                .maxEntries(maxEntries)
                .maxTotalBytes(maxTotalBytes)
                .maxTotalEntries(maxTotalEntries)
                .ignoreFields(ignoreFields);
    }
}
