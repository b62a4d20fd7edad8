package io.github.dlfmaven.config;

import static io.github.dlfmaven.config.UserProperties.whereToSet;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated, immutable settings of one export. Built with {@link #builder()}; {@link Builder#build()}
 * checks everything before any request is made and reports every problem at once.
 */
public final class ExportConfiguration {

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");

    private final URI endpoint;
    private final String projectId;
    private final String workspace;
    private final List<String> jobs;
    private final List<String> excludes;
    private final boolean allowEmpty;
    private final String directory;
    private final boolean batch;
    private final boolean exportDepend;
    private final ExportStatus exportStatus;
    private final String obsPath;
    private final Path outputDirectory;
    private final int threads;
    private final int retries;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxExtractedBytes;
    private final int maxEntries;

    private ExportConfiguration(Builder b, URI endpoint, String projectId, List<String> jobs,
            ExportStatus exportStatus, Path outputDirectory) {
        this.endpoint = endpoint;
        this.projectId = projectId;
        this.workspace = blankToNull(b.workspace);
        this.jobs = List.copyOf(jobs);
        this.excludes = cleaned(b.excludes);
        this.allowEmpty = b.allowEmpty;
        this.directory = blankToNull(b.directory);
        this.batch = b.batch;
        this.exportDepend = b.exportDepend;
        this.exportStatus = exportStatus;
        this.obsPath = blankToNull(b.obsPath);
        this.outputDirectory = outputDirectory;
        this.threads = b.threads;
        this.retries = b.retries;
        this.connectTimeout = Duration.ofSeconds(b.connectTimeoutSeconds);
        this.readTimeout = Duration.ofSeconds(b.readTimeoutSeconds);
        this.maxExtractedBytes = b.maxExtractedBytes;
        this.maxEntries = b.maxEntries;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URL of the DLF API, without a trailing slash. */
    public URI endpoint() {
        return endpoint;
    }

    public String projectId() {
        return projectId;
    }

    public Optional<String> workspace() {
        return Optional.ofNullable(workspace);
    }

    /**
     * Job names and glob patterns ({@code *} any characters, {@code ?} one), trimmed, without duplicates, in
     * the order given.
     */
    public List<String> jobs() {
        return jobs;
    }

    /** Names and patterns of jobs to leave out. */
    public List<String> excludes() {
        return excludes;
    }

    /** Whether a pattern, or the whole selection, may match no job. */
    public boolean allowEmpty() {
        return allowEmpty;
    }

    /** Only jobs in this DataArts Factory folder (or below it) match the patterns. */
    public Optional<String> directory() {
        return Optional.ofNullable(directory);
    }

    /** Whether jobs may be exported 100 at a time through the batch export API. */
    public boolean batch() {
        return batch;
    }

    /** Whether {@code jobs} holds a pattern, which needs the job list to resolve. */
    public boolean hasPatterns() {
        return jobs.stream().anyMatch(JobPattern::isPattern);
    }

    public boolean exportDepend() {
        return exportDepend;
    }

    public ExportStatus exportStatus() {
        return exportStatus;
    }

    /** When present, DLF writes the exports to this OBS path and nothing is unpacked locally. */
    public Optional<String> obsPath() {
        return Optional.ofNullable(obsPath);
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    public int threads() {
        return threads;
    }

    public int retries() {
        return retries;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public long maxExtractedBytes() {
        return maxExtractedBytes;
    }

    public int maxEntries() {
        return maxEntries;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> cleaned(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).distinct().toList();
    }

    /** Collects raw values as the user gave them; {@link #build()} validates. */
    public static final class Builder {
        private String region;
        private String endpoint;
        private String projectId;
        private Map<String, String> environment = Map.of();
        private String workspace;
        private List<String> jobs = List.of();
        private List<String> excludes = List.of();
        private boolean allowEmpty;
        private String directory;
        private boolean batch = true;
        private boolean exportDepend = true;
        private String exportStatus = ExportStatus.DEVELOP.name();
        private String obsPath;
        private Path outputDirectory;
        private final List<Path> protectedDirectories = new ArrayList<>();
        private int threads = 4;
        private int retries = 3;
        private long connectTimeoutSeconds = 10;
        private long readTimeoutSeconds = 120;
        private long maxExtractedBytes = 1L << 30;
        private int maxEntries = 10_000;

        private Builder() {}

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        /** Environment variables, for the project id fallback ({@value UserProperties#PROJECT_ID_ENVIRONMENT}). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Builder workspace(String workspace) {
            this.workspace = workspace;
            return this;
        }

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
         * A folder the export must never replace, such as the project's base directory: the output
         * folder may be neither this folder nor one of its ancestors.
         */
        public Builder protectDirectory(Path directory) {
            protectedDirectories.add(directory);
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        public Builder connectTimeoutSeconds(long seconds) {
            this.connectTimeoutSeconds = seconds;
            return this;
        }

        public Builder readTimeoutSeconds(long seconds) {
            this.readTimeoutSeconds = seconds;
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

        public ExportConfiguration build() throws InvalidConfigurationException {
            List<String> problems = new ArrayList<>();
            URI resolvedEndpoint = resolveEndpoint(problems);
            String resolvedProjectId = resolveProjectId(problems);
            List<String> resolvedJobs = resolveJobs(problems);
            ExportStatus status = resolveExportStatus(problems);
            Path output = resolveOutputDirectory(problems);
            checkOptionalValues(problems);
            for (String exclude : cleaned(excludes)) {
                if (exclude.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20)) {
                    problems.add("Exclude '" + exclude.replaceAll("\\p{Cntrl}", "?") + "' is not valid: names and patterns"
                            + " cannot contain '/', '\\' or control characters (" + whereToSet(UserProperties.EXCLUDES) + ").");
                }
            }
            String folder = blankToNull(directory);
            if (folder != null && !folder.startsWith("/")) {
                problems.add("Directory '" + folder + "' must be a DataArts Factory folder path starting with /, such as"
                        + " /finance/ (" + whereToSet(UserProperties.DIRECTORY) + ").");
            }
            checkLimits(problems);
            if (!problems.isEmpty()) {
                throw new InvalidConfigurationException(problems.size() == 1
                        ? problems.get(0)
                        : "The dlf:export configuration has " + problems.size() + " problems:\n  - "
                                + String.join("\n  - ", problems));
            }
            return new ExportConfiguration(this, resolvedEndpoint, resolvedProjectId, resolvedJobs, status, output);
        }

        private URI resolveEndpoint(List<String> problems) {
            String explicit = blankToNull(endpoint);
            if (explicit != null) {
                return parseEndpoint(explicit, problems);
            }
            String regionId = blankToNull(region);
            if (regionId == null) {
                problems.add("No DLF endpoint: set the region with " + whereToSet(UserProperties.REGION)
                        + " (e.g. cn-north-4), or the full URL with " + whereToSet(UserProperties.ENDPOINT) + ".");
                return null;
            }
            if (!REGION.matcher(regionId).matches()) {
                problems.add("Region '" + regionId + "' is not a region id such as cn-north-4 or ap-southeast-3"
                        + " (" + whereToSet(UserProperties.REGION) + ").");
                return null;
            }
            return URI.create("https://dayu-dlf." + regionId + ".myhuaweicloud.com");
        }

        private static URI parseEndpoint(String value, List<String> problems) {
            String where = " (" + whereToSet(UserProperties.ENDPOINT) + ")";
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                problems.add("Endpoint '" + value + "' is not a valid URL: " + e.getReason()
                        + "; use a base URL such as https://dayu-dlf.cn-north-4.myhuaweicloud.com" + where + ".");
                return null;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.add("Endpoint '" + value + "' must start with https:// (or http:// for a local stand-in)" + where + ".");
                return null;
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problems.add("Endpoint '" + value + "' has no host name" + where + ".");
                return null;
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add("Endpoint '" + uri.getHost() + "' must be a plain base URL, without user info, query or"
                        + " fragment; credentials belong in settings.xml or the environment" + where + ".");
                return null;
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return URI.create(scheme + "://" + uri.getRawAuthority() + path);
        }

        private String resolveProjectId(List<String> problems) {
            String value = blankToNull(projectId);
            String origin = whereToSet(UserProperties.PROJECT_ID);
            if (value == null) {
                value = blankToNull(environment.get(UserProperties.PROJECT_ID_ENVIRONMENT));
                origin = "environment variable " + UserProperties.PROJECT_ID_ENVIRONMENT;
            }
            if (value == null) {
                problems.add("No project id: set " + whereToSet(UserProperties.PROJECT_ID)
                        + ", or the environment variable " + UserProperties.PROJECT_ID_ENVIRONMENT
                        + " (the IAM project id of the region, shown under My Credentials in the console).");
                return null;
            }
            if (!PROJECT_ID.matcher(value).matches()) {
                problems.add("Project id '" + value + "' from " + origin
                        + " is not valid: it is a string of letters and digits such as 0833a5737480d53b2f25c010dc1a7b88.");
                return null;
            }
            return value;
        }

        private List<String> resolveJobs(List<String> problems) {
            Set<String> names = new LinkedHashSet<>();
            for (String job : jobs) {
                if (job == null || job.isBlank()) {
                    continue;
                }
                String name = job.trim();
                if (name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f)) {
                    problems.add("Job name '" + name.replaceAll("\\p{Cntrl}", "?")
                            + "' is not valid: job names cannot contain '/', '\\' or control characters ("
                            + whereToSet(UserProperties.JOBS) + ").");
                    continue;
                }
                names.add(name);
            }
            if (names.isEmpty() && jobs.stream().noneMatch(j -> j != null && !j.isBlank())) {
                problems.add("No jobs to export: list job names or patterns in <jobs><job>name</job></jobs>, or"
                        + " comma-separated with -D" + UserProperties.JOBS + "=a,b (-D" + UserProperties.JOBS
                        + "=* for all jobs).");
            }
            return new ArrayList<>(names);
        }

        private ExportStatus resolveExportStatus(List<String> problems) {
            String value = blankToNull(exportStatus);
            if (value == null) {
                return ExportStatus.DEVELOP;
            }
            try {
                return ExportStatus.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("Export status '" + value + "' is not valid: use DEVELOP (the saved development state)"
                        + " or SUBMIT (the submitted state) (" + whereToSet(UserProperties.EXPORT_STATUS) + ").");
                return null;
            }
        }

        private Path resolveOutputDirectory(List<String> problems) {
            if (outputDirectory == null) {
                problems.add("No output directory: set " + whereToSet(UserProperties.OUTPUT_DIRECTORY) + ".");
                return null;
            }
            Path output = outputDirectory.toAbsolutePath().normalize();
            if (output.getParent() == null) {
                problems.add("Output directory '" + output + "' is a file system root; the export replaces the whole"
                        + " folder, so point " + whereToSet(UserProperties.OUTPUT_DIRECTORY) + " at a folder of its own.");
                return null;
            }
            for (Path protectedDirectory : protectedDirectories) {
                Path guarded = protectedDirectory.toAbsolutePath().normalize();
                if (guarded.startsWith(output)) {
                    problems.add("Output directory '" + output + "' contains '" + guarded + "'; the export replaces the"
                            + " whole folder, so point " + whereToSet(UserProperties.OUTPUT_DIRECTORY)
                            + " at a folder of its own, such as ${project.build.directory}/dlf.");
                    return null;
                }
            }
            if (Files.exists(output) && !Files.isDirectory(output)) {
                problems.add("Output directory '" + output + "' exists and is not a folder ("
                        + whereToSet(UserProperties.OUTPUT_DIRECTORY) + ").");
                return null;
            }
            return output;
        }

        private void checkOptionalValues(List<String> problems) {
            String ws = blankToNull(workspace);
            if (ws != null && !PRINTABLE_ASCII.matcher(ws).matches()) {
                problems.add("Workspace '" + ws.replaceAll("\\p{Cntrl}", "?") + "' is not valid: it is the workspace id"
                        + " from the DataArts Studio console URL, such as 1c1f4b2e... (" + whereToSet(UserProperties.WORKSPACE) + ").");
            }
            String obs = blankToNull(obsPath);
            if (obs != null && !obs.startsWith("obs://")) {
                problems.add("OBS path '" + obs + "' must start with obs://, e.g. obs://my-bucket/dlf-exports/ ("
                        + whereToSet(UserProperties.OBS_PATH) + ").");
            }
        }

        private void checkLimits(List<String> problems) {
            range(problems, threads, 1, 64, UserProperties.THREADS);
            range(problems, retries, 0, 10, UserProperties.RETRIES);
            range(problems, connectTimeoutSeconds, 1, 3600, UserProperties.CONNECT_TIMEOUT);
            range(problems, readTimeoutSeconds, 1, 3600, UserProperties.READ_TIMEOUT);
            range(problems, maxExtractedBytes, 1, Long.MAX_VALUE, UserProperties.MAX_EXTRACTED_BYTES);
            range(problems, maxEntries, 1, Integer.MAX_VALUE, UserProperties.MAX_ENTRIES);
        }

        private static void range(List<String> problems, long value, long min, long max, String property) {
            if (value < min || value > max) {
                problems.add(property.substring("dlf.".length()) + " is " + value + " but must be "
                        + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max)
                        + " (" + whereToSet(property) + ").");
            }
        }
    }

    @Override
    public String toString() {
        return "ExportConfiguration[endpoint=" + endpoint + ", projectId=" + projectId + ", workspace=" + workspace
                + ", jobs=" + jobs + ", excludes=" + excludes + ", directory=" + directory + ", batch=" + batch
                + ", exportDepend=" + exportDepend + ", exportStatus=" + exportStatus
                + ", obsPath=" + obsPath + ", outputDirectory=" + outputDirectory + "]";
    }
}
