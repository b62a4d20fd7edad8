package io.github.dlfmaven.config;

import io.github.dlfmaven.text.LogText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the raw values of an {@link ExportSettings.Builder} into settings, or into one problem per wrong value: all at
 * once, each naming its setting the way the front end spells it, before any request is made.
 */
final class ExportSettingsCheck {

    private final ExportSettings.Builder raw;
    private final SettingNames names;
    private final List<String> problems = new ArrayList<>();

    ExportSettingsCheck(ExportSettings.Builder raw) {
        this.raw = raw;
        this.names = raw.names;
    }

    ExportSettings validated() throws InvalidConfigurationException {
        JobSelection selection = JobSelection.check(raw.jobs, raw.excludes, names, problems);
        Optional<String> directory = directory();
        ExportStatus status = exportStatus();
        Path output = outputDirectory();
        Optional<String> obsPath = obsPath();
        PackageLimits limits = PackageLimits.check(
                raw.maxExtractedBytes,
                raw.maxEntries,
                raw.maxTotalBytes,
                raw.maxTotalEntries,
                raw.ignoreFields,
                names,
                problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new ExportSettings(
                selection.jobs(),
                selection.excludes(),
                raw.allowEmpty,
                directory,
                raw.batch,
                raw.exportDepend,
                status,
                obsPath,
                output,
                limits);
    }

    private Optional<String> directory() {
        String folder = RawValues.blank(raw.directory);
        if (folder != null && !folder.startsWith("/")) {
            problems.add("Directory '" + LogText.escape(folder) + "' must be a DataArts Factory folder path starting"
                    + " with /, such as /finance/ (" + names.where(Setting.DIRECTORY) + ").");
        }
        return Optional.ofNullable(folder);
    }

    private ExportStatus exportStatus() {
        String value = RawValues.blank(raw.exportStatus);
        if (value == null) {
            return ExportStatus.DEVELOP;
        }
        try {
            return ExportStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("Export status '" + LogText.escape(value) + "' is not valid: use DEVELOP (the saved"
                    + " development state) or SUBMIT (the submitted state) (" + names.where(Setting.EXPORT_STATUS)
                    + ").");
            return null;
        }
    }

    private Path outputDirectory() {
        if (raw.outputDirectory == null) {
            problems.add("No output directory: set " + names.where(Setting.OUTPUT_DIRECTORY) + ".");
            return null;
        }
        return OutputFolder.check(
                raw.outputDirectory, raw.protectedDirectories, names.where(Setting.OUTPUT_DIRECTORY), problems);
    }

    private Optional<String> obsPath() {
        String obs = RawValues.blank(raw.obsPath);
        if (obs != null && !obs.startsWith("obs://")) {
            problems.add(
                    "OBS path '" + LogText.escape(obs) + "' must start with obs://, e.g. obs://my-bucket/dlf-exports/"
                            + " (" + names.where(Setting.OBS_PATH) + ").");
        }
        return Optional.ofNullable(obs);
    }
}
