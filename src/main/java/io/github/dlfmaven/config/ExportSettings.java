package io.github.dlfmaven.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one export does on a connection: which jobs, in which state, where to, and the limits its packages are held
 * to. Built with {@link #builder()}, which checks everything before any request and reports every problem at once.
 *
 * @param jobs job names and glob patterns ({@code *} any characters, {@code ?} one), trimmed, without duplicates, in
 *     the order given
 * @param excludes names and patterns of jobs to leave out
 * @param allowEmpty whether a pattern, or the whole selection, may match no job
 * @param directory only jobs in this DataArts Factory folder (or below it) match the patterns
 * @param batch whether jobs may be exported 100 at a time through the batch export API
 * @param obsPath when present, DLF writes the exports to this OBS path and nothing is unpacked locally
 */
public record ExportSettings(
        List<String> jobs,
        List<String> excludes,
        boolean allowEmpty,
        Optional<String> directory,
        boolean batch,
        boolean exportDepend,
        ExportStatus exportStatus,
        Optional<String> obsPath,
        Path outputDirectory,
        PackageLimits limits) {

    public ExportSettings {
        jobs = List.copyOf(jobs);
        excludes = List.copyOf(excludes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Jobs named one by one, with what they depend on, in their saved development state, into {@code into}: how an
     * import's plan exports what the target workspace holds now.
     */
    public static ExportSettings ofJobs(List<String> names, PackageLimits limits, Path into) {
        return new ExportSettings(
                names,
                List.of(),
                true,
                Optional.empty(),
                Defaults.flag(Defaults.BATCH),
                true,
                ExportStatus.DEVELOP,
                Optional.empty(),
                into,
                limits);
    }

    /** Whether {@code jobs} holds a pattern, which needs the job list to resolve. */
    public boolean hasPatterns() {
        return jobs.stream().anyMatch(JobPattern::isPattern);
    }

    /** Collects raw values as the user gave them; {@link #build()} validates. */
    public static final class Builder {
        List<String> jobs = List.of();
        List<String> excludes = List.of();
        boolean allowEmpty = Defaults.flag(Defaults.ALLOW_EMPTY);
        String directory;
        boolean batch = Defaults.flag(Defaults.BATCH);
        boolean exportDepend = Defaults.flag(Defaults.EXPORT_DEPEND);
        String exportStatus = Defaults.EXPORT_STATUS;
        String obsPath;
        Path outputDirectory;
        final List<Path> protectedDirectories = new ArrayList<>();
        long maxExtractedBytes = Defaults.number(Defaults.MAX_EXTRACTED_BYTES);
        int maxEntries = Defaults.integer(Defaults.MAX_ENTRIES);
        long maxTotalBytes = Defaults.number(Defaults.MAX_TOTAL_BYTES);
        long maxTotalEntries = Defaults.number(Defaults.MAX_TOTAL_ENTRIES);
        List<String> ignoreFields = List.of();
        SettingNames names = SettingNames.PLAIN;

        private Builder() {}

        public Builder jobs(List<String> jobs) {
            this.jobs = jobs == null ? List.of() : new ArrayList<>(jobs);
            return this;
        }

        public Builder excludes(List<String> excludes) {
            this.excludes = excludes == null ? List.of() : new ArrayList<>(excludes);
            return this;
        }

        public Builder allowEmpty(boolean allowEmpty) {
            this.allowEmpty = allowEmpty;
            return this;
        }

        public Builder directory(String directory) {
            this.directory = directory;
            return this;
        }

        public Builder batch(boolean batch) {
            this.batch = batch;
            return this;
        }

        public Builder exportDepend(boolean exportDepend) {
            this.exportDepend = exportDepend;
            return this;
        }

        public Builder exportStatus(String exportStatus) {
            this.exportStatus = exportStatus;
            return this;
        }

        public Builder obsPath(String obsPath) {
            this.obsPath = obsPath;
            return this;
        }

        public Builder outputDirectory(Path outputDirectory) {
            this.outputDirectory = outputDirectory;
            return this;
        }

        /**
         * A folder the export must never replace, such as the project's base directory: the output folder may be
         * neither this folder nor one of its ancestors, also through a link.
         */
        public Builder protectDirectory(Path directory) {
            protectedDirectories.add(directory);
            return this;
        }

        public Builder maxExtractedBytes(long maxExtractedBytes) {
            this.maxExtractedBytes = maxExtractedBytes;
            return this;
        }

        public Builder maxEntries(int maxEntries) {
            this.maxEntries = maxEntries;
            return this;
        }

        public Builder maxTotalBytes(long maxTotalBytes) {
            this.maxTotalBytes = maxTotalBytes;
            return this;
        }

        public Builder maxTotalEntries(long maxTotalEntries) {
            this.maxTotalEntries = maxTotalEntries;
            return this;
        }

        public Builder ignoreFields(List<String> ignoreFields) {
            this.ignoreFields = ignoreFields == null ? List.of() : new ArrayList<>(ignoreFields);
            return this;
        }

        /** How the front end spells settings in messages; without it, by their parameter names. */
        public Builder names(SettingNames names) {
            this.names = names;
            return this;
        }

        /** @throws InvalidConfigurationException with one problem per wrong value, each naming its setting */
        public ExportSettings build() throws InvalidConfigurationException {
            return new ExportSettingsCheck(this).validated();
        }
    }
}
