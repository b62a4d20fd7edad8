package io.github.dlfmaven.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where DLF is and how to reach it, the settings every goal that talks to DLF shares, validated by {@link Builder#build}
 * before any request, every problem at once: the endpoint and project, the workspace, the network (requests in flight,
 * retries, timeouts, trust store), the credential sources that call a service (IAM, the metadata service), and whether
 * the build is offline. What a goal does with the connection is in settings of its own ({@link ExportSettings}, ...).
 *
 * @param endpoint base URL of the DLF API, without a trailing slash
 * @param threads how many requests may be in flight at once
 * @param callTimeout longest time one request may take as a whole, its answer's body included
 * @param iamEndpoint where an IAM user's password gets a token: configured, or the region's IAM; empty when neither
 *     region nor IAM endpoint is set
 * @param metadataCredentials whether the instance metadata service may be asked when no other source has credentials
 * @param trustStore a trust store with the certificate authorities to trust instead of the JVM's
 * @param trustStoreType {@code PKCS12} or {@code JKS}; empty to tell by the file's extension
 * @param offline whether the build runs offline: then nothing but an emulator this build started may be contacted
 * @param names how the front end spells settings in messages
 */
public record ConnectionSettings(
        URI endpoint,
        String projectId,
        Optional<String> workspace,
        int threads,
        int retries,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        Optional<URI> iamEndpoint,
        boolean metadataCredentials,
        URI metadataUrl,
        Optional<Path> trustStore,
        Optional<String> trustStoreType,
        boolean offline,
        SettingNames names) {

    public static Builder builder() {
        return new Builder();
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

    /** {@code workspace 1c1f of project 0833 at https://...}: where this connection goes, for a log line. */
    public String describe() {
        return workspace.map(w -> "workspace " + w).orElse("the default workspace") + " of project " + projectId
                + " at " + endpoint;
    }

    /** Collects raw values as the user gave them; {@link #build()} validates. */
    public static final class Builder {
        String region;
        String endpoint;
        String projectId;
        Map<String, String> environment = Map.of();
        String workspace;
        int threads = Defaults.integer(Defaults.THREADS);
        int retries = Defaults.integer(Defaults.RETRIES);
        long connectTimeoutSeconds = Defaults.number(Defaults.CONNECT_TIMEOUT);
        long readTimeoutSeconds = Defaults.number(Defaults.READ_TIMEOUT);
        long callTimeoutSeconds = Defaults.number(Defaults.CALL_TIMEOUT);
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

        /** Environment variables, for the project id fallback ({@value ConnectionSettingsCheck#PROJECT_ID_ENVIRONMENT}). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Builder workspace(String workspace) {
            this.workspace = workspace;
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
        public ConnectionSettings build() throws InvalidConfigurationException {
            return new ConnectionSettingsCheck(this).validated();
        }
    }
}
