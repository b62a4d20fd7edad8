package io.github.dlfmaven.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated, immutable settings of one export. Built with {@link #builder()}; {@link Builder#build()}
 * checks everything before any request is made and reports every problem at once.
 *
 * @param endpoint base URL of the DLF API, without a trailing slash
 * @param jobs job names and glob patterns ({@code *} any characters, {@code ?} one), trimmed, without duplicates, in
 *     the order given
 * @param excludes names and patterns of jobs to leave out
 * @param allowEmpty whether a pattern, or the whole selection, may match no job
 * @param directory only jobs in this DataArts Factory folder (or below it) match the patterns
 * @param batch whether jobs may be exported 100 at a time through the batch export API
 * @param obsPath when present, DLF writes the exports to this OBS path and nothing is unpacked locally
 * @param maxTotalBytes most bytes the whole export may inflate to, all jobs and batches together
 * @param maxTotalEntries most entries all packages of the export may hold together
 * @param ignoreFields fields left out of every definition when it is normalized
 * @param callTimeout longest time one request may take as a whole, its answer's body included
 * @param iamEndpoint where an IAM user's password gets a token: configured, or the region's IAM; empty when neither
 *     region nor IAM endpoint is set
 * @param metadataCredentials whether the instance metadata service may be asked when no other source has credentials
 * @param trustStore a trust store with the certificate authorities to trust instead of the JVM's
 * @param trustStoreType {@code PKCS12} or {@code JKS}; empty to tell by the file's extension
 * @param offline whether the build runs offline: then nothing but an emulator this build started may be contacted
 * @param names how the front end spells settings in messages
 */
public record ExportConfiguration(
        URI endpoint,
        String projectId,
        Optional<String> workspace,
        List<String> jobs,
        List<String> excludes,
        boolean allowEmpty,
        Optional<String> directory,
        boolean batch,
        boolean exportDepend,
        ExportStatus exportStatus,
        Optional<String> obsPath,
        Path outputDirectory,
        int threads,
        int retries,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        long maxExtractedBytes,
        int maxEntries,
        long maxTotalBytes,
        long maxTotalEntries,
        IgnoredFields ignoreFields,
        Optional<URI> iamEndpoint,
        boolean metadataCredentials,
        URI metadataUrl,
        Optional<Path> trustStore,
        Optional<String> trustStoreType,
        boolean offline,
        SettingNames names) {

    public ExportConfiguration {
        jobs = List.copyOf(jobs);
        excludes = List.copyOf(excludes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same export of other jobs, by name, into another folder, without patterns, excludes or a folder filter: the
     * import's export of what the target holds now.
     */
    public ExportConfiguration of(List<String> jobNames, Path into) {
        return new ExportConfiguration(
                endpoint,
                projectId,
                workspace,
                jobNames,
                List.of(),
                true,
                Optional.empty(),
                batch,
                true,
                ExportStatus.DEVELOP,
                Optional.empty(),
                into,
                threads,
                retries,
                connectTimeout,
                readTimeout,
                callTimeout,
                maxExtractedBytes,
                maxEntries,
                maxTotalBytes,
                maxTotalEntries,
                ignoreFields,
                iamEndpoint,
                metadataCredentials,
                metadataUrl,
                trustStore,
                trustStoreType,
                offline,
                names);
    }

    /** Whether {@code jobs} holds a pattern, which needs the job list to resolve. */
    public boolean hasPatterns() {
        return jobs.stream().anyMatch(JobPattern::isPattern);
    }

    /** A warning for an endpoint that sends requests, and the security token with them, unencrypted. */
    public Optional<String> endpointWarning() {
        return ServiceUrls.plainHttpWarning(endpoint, "The endpoint", "requests, and a security token with them,");
    }

    /** A warning for an IAM endpoint that would receive an IAM user's password unencrypted. */
    public Optional<String> iamEndpointWarning() {
        return iamEndpoint.flatMap(
                url -> ServiceUrls.plainHttpWarning(url, "The IAM endpoint", "an IAM user's password and token"));
    }

    @Override
    public String toString() {
        return "ExportConfiguration[endpoint=" + endpoint + ", projectId=" + projectId + ", workspace=" + workspace
                + ", jobs=" + jobs + ", excludes=" + excludes + ", directory=" + directory + ", batch=" + batch
                + ", exportDepend=" + exportDepend + ", exportStatus=" + exportStatus + ", obsPath=" + obsPath
                + ", outputDirectory=" + outputDirectory + "]";
    }

    /** Collects raw values as the user gave them; {@link #build()} validates. */
    public static final class Builder {
        String region;
        String endpoint;
        String projectId;
        Map<String, String> environment = Map.of();
        String workspace;
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
        int threads = Defaults.integer(Defaults.THREADS);
        int retries = Defaults.integer(Defaults.RETRIES);
        long connectTimeoutSeconds = Defaults.number(Defaults.CONNECT_TIMEOUT);
        long readTimeoutSeconds = Defaults.number(Defaults.READ_TIMEOUT);
        long callTimeoutSeconds = Defaults.number(Defaults.CALL_TIMEOUT);
        long maxExtractedBytes = Defaults.number(Defaults.MAX_EXTRACTED_BYTES);
        int maxEntries = Defaults.integer(Defaults.MAX_ENTRIES);
        long maxTotalBytes = Defaults.number(Defaults.MAX_TOTAL_BYTES);
        long maxTotalEntries = Defaults.number(Defaults.MAX_TOTAL_ENTRIES);
        List<String> ignoreFields = List.of();
        String iamEndpoint;
        boolean metadataCredentials = Defaults.flag(Defaults.METADATA_CREDENTIALS);
        String metadataUrl = Defaults.METADATA_URL;
        Path trustStore;
        String trustStoreType;
        boolean offline;
        URI buildEmulator;
        SettingNames names = SettingNames.PLAIN;

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

        /** Environment variables, for the project id fallback ({@value ConfigurationCheck#PROJECT_ID_ENVIRONMENT}). */
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
         * A folder the export must never replace, such as the project's base directory: the output folder may be
         * neither this folder nor one of its ancestors, also through a link.
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

        public Builder callTimeoutSeconds(long seconds) {
            this.callTimeoutSeconds = seconds;
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

        public Builder ignoreFields(List<String> ignoreFields) {
            this.ignoreFields = ignoreFields == null ? List.of() : new ArrayList<>(ignoreFields);
            return this;
        }

        public Builder maxTotalEntries(long maxTotalEntries) {
            this.maxTotalEntries = maxTotalEntries;
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
         * The build runs offline; then only {@code buildEmulator}, the endpoint of an emulator this same build started
         * (null when there is none), may be contacted. A loopback address alone does not count: it may be a tunnel.
         */
        public Builder offline(boolean offline, URI buildEmulator) {
            this.offline = offline;
            this.buildEmulator = buildEmulator;
            return this;
        }

        /** How the front end spells settings in messages; without it, by their parameter names. */
        public Builder names(SettingNames names) {
            this.names = names;
            return this;
        }

        /** @throws InvalidConfigurationException with one problem per wrong value, each naming its setting */
        public ExportConfiguration build() throws InvalidConfigurationException {
            return new ConfigurationCheck(this).validated();
        }
    }
}
