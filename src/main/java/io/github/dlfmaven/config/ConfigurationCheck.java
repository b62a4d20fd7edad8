package io.github.dlfmaven.config;

import io.github.dlfmaven.log.LogText;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the raw values of an {@link ExportConfiguration.Builder} into a configuration, or into one problem per wrong
 * value: all at once, each naming its setting the way the front end spells it, before any request is made.
 */
final class ConfigurationCheck {

    /** Environment variable that supplies the project id when no parameter does, as in Huawei's SDKs. */
    static final String PROJECT_ID_ENVIRONMENT = "HUAWEICLOUD_SDK_PROJECT_ID";

    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");

    private final ExportConfiguration.Builder raw;
    private final SettingNames names;
    private final List<String> problems = new ArrayList<>();

    ConfigurationCheck(ExportConfiguration.Builder raw) {
        this.raw = raw;
        this.names = raw.names;
    }

    ExportConfiguration validated() throws InvalidConfigurationException {
        Endpoints endpoints = new Endpoints(raw, names, problems);
        URI endpoint = endpoints.dlf();
        String projectId = projectId();
        List<String> jobs = jobs();
        List<String> excludes = excludes();
        Optional<String> directory = directory();
        ExportStatus status = exportStatus();
        Path output = outputDirectory();
        Optional<String> workspace = workspace();
        Optional<String> obsPath = obsPath();
        Optional<URI> iam = endpoints.iam();
        URI metadata = endpoints.metadata();
        Optional<String> storeType = trustStore();
        limits();
        IgnoredFields ignoreFields = IgnoredFields.NONE;
        try {
            ignoreFields = IgnoredFields.parse(cleaned(raw.ignoreFields));
        } catch (IllegalArgumentException e) {
            problems.add("In " + names.where(Setting.IGNORE_FIELDS) + ": " + e.getMessage() + ".");
        }
        if (raw.offline && endpoint != null && !endpoint.equals(raw.buildEmulator)) {
            problems.add("Maven runs offline (-o), and the DLF export needs " + endpoint
                    + (ServiceUrls.isLoopback(endpoint)
                            ? ", which is not an emulator this build started (a local port may lead anywhere)"
                            : "")
                    + ". Run without -o, or skip the export with " + names.assignment(Setting.SKIP, "true") + ".");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new ExportConfiguration(
                endpoint,
                projectId,
                workspace,
                jobs,
                excludes,
                raw.allowEmpty,
                directory,
                raw.batch,
                raw.exportDepend,
                status,
                obsPath,
                output,
                raw.threads,
                raw.retries,
                Duration.ofSeconds(raw.connectTimeoutSeconds),
                Duration.ofSeconds(raw.readTimeoutSeconds),
                Duration.ofSeconds(raw.callTimeoutSeconds),
                raw.maxExtractedBytes,
                raw.maxEntries,
                raw.maxTotalBytes,
                raw.maxTotalEntries,
                ignoreFields,
                iam,
                raw.metadataCredentials,
                metadata,
                Optional.ofNullable(raw.trustStore).map(p -> p.toAbsolutePath().normalize()),
                storeType,
                raw.offline,
                names);
    }

    /** The trust store's type, upper case, or empty to tell by the extension. */
    private Optional<String> trustStore() {
        String where = " (" + names.where(Setting.TRUST_STORE) + ").";
        Path store = raw.trustStore;
        if (store != null && !Files.isRegularFile(store)) {
            problems.add("Trust store '" + store.toAbsolutePath().normalize() + "' "
                    + (Files.exists(store) ? "is not a file" : "does not exist") + where);
        } else if (store != null && !Files.isReadable(store)) {
            problems.add("Trust store '" + store.toAbsolutePath().normalize() + "' cannot be read" + where);
        }
        String type = blank(raw.trustStoreType);
        if (type == null) {
            return Optional.empty();
        }
        String upper = type.toUpperCase(Locale.ROOT);
        if (!upper.equals("PKCS12") && !upper.equals("JKS")) {
            problems.add("Trust store type '" + LogText.escape(type) + "' is not valid: use PKCS12 or JKS ("
                    + names.where(Setting.TRUST_STORE_TYPE) + ").");
            return Optional.empty();
        }
        return Optional.of(upper);
    }

    private String projectId() {
        String value = blank(raw.projectId);
        String origin = names.where(Setting.PROJECT_ID);
        if (value == null) {
            value = blank(raw.environment.get(PROJECT_ID_ENVIRONMENT));
            origin = "environment variable " + PROJECT_ID_ENVIRONMENT;
        }
        if (value == null) {
            problems.add("No project id: set " + names.where(Setting.PROJECT_ID) + ", or the environment variable "
                    + PROJECT_ID_ENVIRONMENT
                    + " (the IAM project id of the region, shown under My Credentials in the console).");
            return null;
        }
        if (!PROJECT_ID.matcher(value).matches()) {
            problems.add("Project id '" + LogText.escape(value) + "' from " + origin
                    + " is not valid: it is a string of letters and digits such as 0833a5737480d53b2f25c010dc1a7b88.");
            return null;
        }
        return value;
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
        List<String> excludes = cleaned(raw.excludes);
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
        String folder = blank(raw.directory);
        if (folder != null && !folder.startsWith("/")) {
            problems.add("Directory '" + LogText.escape(folder) + "' must be a DataArts Factory folder path starting"
                    + " with /, such as /finance/ (" + names.where(Setting.DIRECTORY) + ").");
        }
        return Optional.ofNullable(folder);
    }

    private ExportStatus exportStatus() {
        String value = blank(raw.exportStatus);
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

    private Optional<String> workspace() {
        String workspace = blank(raw.workspace);
        if (workspace != null && !PRINTABLE_ASCII.matcher(workspace).matches()) {
            problems.add("Workspace '" + LogText.escape(workspace) + "' is not valid: it is the workspace id from the"
                    + " DataArts Studio console URL, such as 1c1f4b2e... (" + names.where(Setting.WORKSPACE) + ").");
        }
        return Optional.ofNullable(workspace);
    }

    private Optional<String> obsPath() {
        String obs = blank(raw.obsPath);
        if (obs != null && !obs.startsWith("obs://")) {
            problems.add(
                    "OBS path '" + LogText.escape(obs) + "' must start with obs://, e.g. obs://my-bucket/dlf-exports/"
                            + " (" + names.where(Setting.OBS_PATH) + ").");
        }
        return Optional.ofNullable(obs);
    }

    private void limits() {
        range(raw.threads, 1, 64, Setting.THREADS);
        range(raw.retries, 0, 10, Setting.RETRIES);
        range(raw.connectTimeoutSeconds, 1, 3600, Setting.CONNECT_TIMEOUT);
        range(raw.readTimeoutSeconds, 1, 3600, Setting.READ_TIMEOUT);
        range(raw.callTimeoutSeconds, 1, 86_400, Setting.CALL_TIMEOUT);
        range(raw.maxExtractedBytes, 1, Long.MAX_VALUE, Setting.MAX_EXTRACTED_BYTES);
        range(raw.maxEntries, 1, Integer.MAX_VALUE, Setting.MAX_ENTRIES);
        range(raw.maxTotalBytes, 1, Long.MAX_VALUE, Setting.MAX_TOTAL_BYTES);
        range(raw.maxTotalEntries, 1, Long.MAX_VALUE, Setting.MAX_TOTAL_ENTRIES);
    }

    private void range(long value, long min, long max, Setting setting) {
        if (value < min || value > max) {
            problems.add(setting.parameter() + " is " + value + " but must be "
                    + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                            ? "at least " + min
                            : "between " + min + " and " + max)
                    + " (" + names.where(setting) + ").");
        }
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> cleaned(List<String> values) {
        return values.stream()
                .filter(v -> v != null && !v.isBlank())
                .map(String::trim)
                .distinct()
                .toList();
    }
}
