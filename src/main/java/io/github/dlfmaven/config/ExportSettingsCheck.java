package io.github.dlfmaven.config;

import io.github.dlfmaven.text.LogText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
        List<String> jobs = jobs();
        List<String> excludes = excludes();
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
                jobs,
                excludes,
                raw.allowEmpty,
                directory,
                raw.batch,
                raw.exportDepend,
                status,
                obsPath,
                output,
                limits);
    }

    private List<String> jobs() {
        Set<String> jobs = new LinkedHashSet<>();
        for (String job : raw.jobs) {
            if (job == null || job.isBlank()) {
                continue;
            }
            String name = job.trim();
            Optional<String> problem = JobNames.problem(name);
            if (problem.isPresent()) {
                problems.add("Job name '" + LogText.escape(name) + "' is not valid: " + problem.get() + " ("
                        + names.where(Setting.JOBS) + ").");
                continue;
            }
            jobs.add(name);
        }
        if (jobs.isEmpty() && raw.jobs.stream().noneMatch(j -> j != null && !j.isBlank())) {
            problems.add("No jobs to export: list job names or patterns with " + names.where(Setting.JOBS)
                    + ", comma-separated on the command line (" + names.assignment(Setting.JOBS, "a,b") + ", or "
                    + names.assignment(Setting.JOBS, "*") + " for all jobs).");
        }
        return new ArrayList<>(jobs);
    }

    private List<String> excludes() {
        List<String> excludes = RawValues.cleaned(raw.excludes);
        for (String exclude : excludes) {
            if (exclude.indexOf('/') >= 0
                    || exclude.indexOf('\\') >= 0
                    || !LogText.escape(exclude).equals(exclude)) {
                problems.add("Exclude '" + LogText.escape(exclude) + "' is not valid: names and patterns cannot contain"
                        + " '/', '\\' or control characters (" + names.where(Setting.EXCLUDES) + ").");
            }
        }
        return excludes;
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
