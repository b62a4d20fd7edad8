package io.github.dlfmaven.config;

import static io.github.dlfmaven.config.UserProperties.whereToSet;

import io.github.dlfmaven.log.LogText;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
    /** Where Huawei Cloud's instance metadata service hands out an agency's temporary credentials. */
    public static final String DEFAULT_METADATA_URL = "http://169.254.169.254/openstack/latest/securitykey";

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
    private final long maxTotalBytes;
    private final long maxTotalEntries;
    private final Duration callTimeout;
    private final URI iamEndpoint;
    private final boolean metadataCredentials;
    private final URI metadataUrl;
    private final Path trustStore;
    private final String trustStoreType;
    private final boolean offline;

    private ExportConfiguration(
            Builder b,
            URI endpoint,
            String projectId,
            List<String> jobs,
            ExportStatus exportStatus,
            Path outputDirectory,
            URI iamEndpoint,
            URI metadataUrl,
            String trustStoreType) {
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
        this.maxTotalBytes = b.maxTotalBytes;
        this.maxTotalEntries = b.maxTotalEntries;
        this.callTimeout = Duration.ofSeconds(b.callTimeoutSeconds);
        this.iamEndpoint = iamEndpoint;
        this.metadataCredentials = b.metadataCredentials;
        this.metadataUrl = metadataUrl;
        this.trustStore =
                b.trustStore == null ? null : b.trustStore.toAbsolutePath().normalize();
        this.trustStoreType = trustStoreType;
        this.offline = b.offline;
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

    /** Most bytes the whole export may inflate to, all jobs and batches together. */
    public long maxTotalBytes() {
        return maxTotalBytes;
    }

    /** Most entries all packages of the export may hold together; bounds the memory their directories take. */
    public long maxTotalEntries() {
        return maxTotalEntries;
    }

    /** Longest time one request may take as a whole, its answer's body included. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * Where an IAM user's password gets a token: configured, or the region's IAM; empty when neither region nor
     * IAM endpoint is set (an IAM user then cannot be used).
     */
    public Optional<URI> iamEndpoint() {
        return Optional.ofNullable(iamEndpoint);
    }

    /** Whether the instance metadata service may be asked for credentials when no other source has any. */
    public boolean metadataCredentials() {
        return metadataCredentials;
    }

    public URI metadataUrl() {
        return metadataUrl;
    }

    /** The trust store with the certificate authorities to trust instead of the JVM's. */
    public Optional<Path> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** {@code PKCS12} or {@code JKS}, upper case; empty to tell by the file's extension. */
    public Optional<String> trustStoreType() {
        return Optional.ofNullable(trustStoreType);
    }

    /** Whether Maven runs offline: then nothing but an emulator this build started may be contacted. */
    public boolean offline() {
        return offline;
    }

    /** A warning for an endpoint that sends requests, and the security token with them, unencrypted. */
    public Optional<String> endpointWarning() {
        return plainHttpWarning(endpoint, "The endpoint", "requests, and a security token with them,");
    }

    /** A warning for an IAM endpoint that would receive an IAM user's password unencrypted. */
    public Optional<String> iamEndpointWarning() {
        return iamEndpoint == null
                ? Optional.empty()
                : plainHttpWarning(iamEndpoint, "The IAM endpoint", "an IAM user's password and token");
    }

    private static Optional<String> plainHttpWarning(URI url, String what, String travels) {
        if (!url.getScheme().equals("http") || ServiceUrls.isLoopback(url)) {
            return Optional.empty();
        }
        return Optional.of(what + " " + url + " is plain http: " + travels + " travel unencrypted. Use https outside"
                + " local test setups.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> cleaned(List<String> values) {
        return values.stream()
                .filter(v -> v != null && !v.isBlank())
                .map(String::trim)
                .distinct()
                .toList();
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
        private long maxTotalBytes = 8L << 30;
        private long maxTotalEntries = 100_000;
        private long callTimeoutSeconds = 1800;
        private String iamEndpoint;
        private boolean metadataCredentials;
        private String metadataUrl = DEFAULT_METADATA_URL;
        private Path trustStore;
        private String trustStoreType;
        private boolean offline;
        private URI buildEmulator;

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

        public Builder maxTotalBytes(long maxTotalBytes) {
            this.maxTotalBytes = maxTotalBytes;
            return this;
        }

        public Builder maxTotalEntries(long maxTotalEntries) {
            this.maxTotalEntries = maxTotalEntries;
            return this;
        }

        public Builder callTimeoutSeconds(long seconds) {
            this.callTimeoutSeconds = seconds;
            return this;
        }

        /** IAM for an IAM user's token; null or blank for the region's. */
        public Builder iamEndpoint(String iamEndpoint) {
            this.iamEndpoint = iamEndpoint;
            return this;
        }

        public Builder metadataCredentials(boolean metadataCredentials) {
            this.metadataCredentials = metadataCredentials;
            return this;
        }

        public Builder metadataUrl(String metadataUrl) {
            this.metadataUrl = metadataUrl;
            return this;
        }

        public Builder trustStore(Path trustStore) {
            this.trustStore = trustStore;
            return this;
        }

        public Builder trustStoreType(String trustStoreType) {
            this.trustStoreType = trustStoreType;
            return this;
        }

        /**
         * Maven runs offline; then only {@code buildEmulator}, the endpoint of an emulator this same build started
         * (null when there is none), may be contacted. A loopback address alone does not count: it may be a tunnel.
         */
        public Builder offline(boolean offline, URI buildEmulator) {
            this.offline = offline;
            this.buildEmulator = buildEmulator;
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
                if (exclude.indexOf('/') >= 0
                        || exclude.indexOf('\\') >= 0
                        || !LogText.escape(exclude).equals(exclude)) {
                    problems.add("Exclude '" + LogText.escape(exclude) + "' is not valid: names and patterns"
                            + " cannot contain '/', '\\' or control characters (" + whereToSet(UserProperties.EXCLUDES)
                            + ").");
                }
            }
            String folder = blankToNull(directory);
            if (folder != null && !folder.startsWith("/")) {
                problems.add("Directory '" + LogText.escape(folder)
                        + "' must be a DataArts Factory folder path starting with /, such as" + " /finance/ ("
                        + whereToSet(UserProperties.DIRECTORY) + ").");
            }
            URI iam = resolveIamEndpoint(problems);
            URI metadata = ServiceUrls.parse(
                    Objects.requireNonNullElse(blankToNull(metadataUrl), DEFAULT_METADATA_URL),
                    "Metadata URL",
                    whereToSet(UserProperties.METADATA_URL),
                    DEFAULT_METADATA_URL,
                    true,
                    problems);
            String storeType = checkTrustStore(problems);
            checkLimits(problems);
            if (offline && resolvedEndpoint != null && !resolvedEndpoint.equals(buildEmulator)) {
                problems.add("Maven runs offline (-o), and the DLF export needs " + resolvedEndpoint
                        + (ServiceUrls.isLoopback(resolvedEndpoint)
                                ? ", which is not an emulator this build started (a local port may lead anywhere)"
                                : "")
                        + ". Run without -o, or skip the export with -D" + UserProperties.SKIP + "=true.");
            }
            if (!problems.isEmpty()) {
                throw new InvalidConfigurationException(
                        problems.size() == 1
                                ? problems.get(0)
                                : "The dlf:export configuration has " + problems.size() + " problems:\n  - "
                                        + String.join("\n  - ", problems));
            }
            return new ExportConfiguration(
                    this, resolvedEndpoint, resolvedProjectId, resolvedJobs, status, output, iam, metadata, storeType);
        }

        private URI resolveEndpoint(List<String> problems) {
            String regionId = blankToNull(region);
            // Checked even when the endpoint is given: the region also names the IAM host.
            boolean regionValid = regionId == null || REGION.matcher(regionId).matches();
            if (!regionValid) {
                problems.add("Region '" + LogText.escape(regionId) + "' is not a region id such as cn-north-4 or"
                        + " ap-southeast-3 (" + whereToSet(UserProperties.REGION) + ").");
            }
            String explicit = blankToNull(endpoint);
            if (explicit != null) {
                return ServiceUrls.parse(
                        explicit,
                        "Endpoint",
                        whereToSet(UserProperties.ENDPOINT),
                        "https://dayu-dlf.cn-north-4.myhuaweicloud.com",
                        false,
                        problems);
            }
            if (regionId == null) {
                problems.add("No DLF endpoint: set the region with " + whereToSet(UserProperties.REGION)
                        + " (e.g. cn-north-4), or the full URL with " + whereToSet(UserProperties.ENDPOINT) + ".");
                return null;
            }
            return regionValid ? URI.create("https://dayu-dlf." + regionId + ".myhuaweicloud.com") : null;
        }

        private URI resolveIamEndpoint(List<String> problems) {
            String explicit = blankToNull(iamEndpoint);
            if (explicit != null) {
                return ServiceUrls.parse(
                        explicit,
                        "IAM endpoint",
                        whereToSet(UserProperties.IAM_ENDPOINT),
                        "https://iam.cn-north-4.myhuaweicloud.com",
                        false,
                        problems);
            }
            String regionId = blankToNull(region);
            return regionId != null && REGION.matcher(regionId).matches()
                    ? URI.create("https://iam." + regionId + ".myhuaweicloud.com")
                    : null;
        }

        /** The trust store's type, upper case, or null to tell by the extension. */
        private String checkTrustStore(List<String> problems) {
            String where = " (" + whereToSet(UserProperties.TRUST_STORE) + ").";
            if (trustStore != null && !Files.isRegularFile(trustStore)) {
                problems.add("Trust store '" + trustStore.toAbsolutePath().normalize() + "' "
                        + (Files.exists(trustStore) ? "is not a file" : "does not exist") + where);
            } else if (trustStore != null && !Files.isReadable(trustStore)) {
                problems.add("Trust store '" + trustStore.toAbsolutePath().normalize() + "' cannot be read" + where);
            }
            String type = blankToNull(trustStoreType);
            if (type == null) {
                return null;
            }
            String upper = type.toUpperCase(Locale.ROOT);
            if (!upper.equals("PKCS12") && !upper.equals("JKS")) {
                problems.add("Trust store type '" + LogText.escape(type) + "' is not valid: use PKCS12 or JKS ("
                        + whereToSet(UserProperties.TRUST_STORE_TYPE) + ").");
                return null;
            }
            return upper;
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
                problems.add(
                        "Project id '" + LogText.escape(value) + "' from " + origin
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
                Optional<String> problem = JobNames.problem(name);
                if (problem.isPresent()) {
                    problems.add("Job name '" + LogText.escape(name) + "' is not valid: " + problem.get() + " ("
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
            return OutputFolder.check(
                    outputDirectory, protectedDirectories, whereToSet(UserProperties.OUTPUT_DIRECTORY), problems);
        }

        private void checkOptionalValues(List<String> problems) {
            String ws = blankToNull(workspace);
            if (ws != null && !PRINTABLE_ASCII.matcher(ws).matches()) {
                problems.add("Workspace '" + LogText.escape(ws) + "' is not valid: it is the workspace id"
                        + " from the DataArts Studio console URL, such as 1c1f4b2e... ("
                        + whereToSet(UserProperties.WORKSPACE) + ").");
            }
            String obs = blankToNull(obsPath);
            if (obs != null && !obs.startsWith("obs://")) {
                problems.add("OBS path '" + LogText.escape(obs)
                        + "' must start with obs://, e.g. obs://my-bucket/dlf-exports/ ("
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
            range(problems, maxTotalBytes, 1, Long.MAX_VALUE, UserProperties.MAX_TOTAL_BYTES);
            range(problems, maxTotalEntries, 1, Long.MAX_VALUE, UserProperties.MAX_TOTAL_ENTRIES);
            range(problems, callTimeoutSeconds, 1, 86_400, UserProperties.CALL_TIMEOUT);
        }

        private static void range(List<String> problems, long value, long min, long max, String property) {
            if (value < min || value > max) {
                problems.add(property.substring("dlf.".length()) + " is " + value + " but must be "
                        + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                                ? "at least " + min
                                : "between " + min + " and " + max)
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
