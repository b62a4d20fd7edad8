package io.github.dlfmaven.testing;

import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.ConnectionSettings;
import io.github.dlfmaven.config.ExportSettings;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.export.ExportSummary;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.log.Log;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An export as the tests set one up: the connection's settings and the export's, from one builder, both validated as
 * the goals validate them, every problem of both at once.
 */
public record TestExport(ConnectionSettings connection, ExportSettings settings) {

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the export, signing with the credentials. */
    public ExportSummary run(Credentials credentials, Log log) throws Exception {
        try (DlfClient client =
                Exporter.client(connection, log).credentials(credentials).build()) {
            return new Exporter(settings, connection, client, log).run();
        }
    }

    /** Both builders at once. */
    public static final class Builder {
        private final ConnectionSettings.Builder connection = ConnectionSettings.builder();
        private final ExportSettings.Builder export = ExportSettings.builder();

        private Builder() {}

        public Builder region(String region) {
            connection.region(region);
            return this;
        }

        public Builder endpoint(String endpoint) {
            connection.endpoint(endpoint);
            return this;
        }

        public Builder projectId(String projectId) {
            connection.projectId(projectId);
            return this;
        }

        public Builder environment(java.util.Map<String, String> environment) {
            connection.environment(environment);
            return this;
        }

        public Builder workspace(String workspace) {
            connection.workspace(workspace);
            return this;
        }

        public Builder threads(int threads) {
            connection.threads(threads);
            return this;
        }

        public Builder retries(int retries) {
            connection.retries(retries);
            return this;
        }

        public Builder connectTimeoutSeconds(long connectTimeoutSeconds) {
            connection.connectTimeoutSeconds(connectTimeoutSeconds);
            return this;
        }

        public Builder readTimeoutSeconds(long readTimeoutSeconds) {
            connection.readTimeoutSeconds(readTimeoutSeconds);
            return this;
        }

        public Builder callTimeoutSeconds(long callTimeoutSeconds) {
            connection.callTimeoutSeconds(callTimeoutSeconds);
            return this;
        }

        public Builder iamEndpoint(String iamEndpoint) {
            connection.iamEndpoint(iamEndpoint);
            return this;
        }

        public Builder metadataCredentials(boolean metadataCredentials) {
            connection.metadataCredentials(metadataCredentials);
            return this;
        }

        public Builder metadataUrl(String metadataUrl) {
            connection.metadataUrl(metadataUrl);
            return this;
        }

        public Builder trustStore(Path trustStore) {
            connection.trustStore(trustStore);
            return this;
        }

        public Builder trustStoreType(String trustStoreType) {
            connection.trustStoreType(trustStoreType);
            return this;
        }

        public Builder jobs(List<String> jobs) {
            export.jobs(jobs);
            return this;
        }

        public Builder excludes(List<String> excludes) {
            export.excludes(excludes);
            return this;
        }

        public Builder allowEmpty(boolean allowEmpty) {
            export.allowEmpty(allowEmpty);
            return this;
        }

        public Builder directory(String directory) {
            export.directory(directory);
            return this;
        }

        public Builder batch(boolean batch) {
            export.batch(batch);
            return this;
        }

        public Builder exportDepend(boolean exportDepend) {
            export.exportDepend(exportDepend);
            return this;
        }

        public Builder exportStatus(String exportStatus) {
            export.exportStatus(exportStatus);
            return this;
        }

        public Builder obsPath(String obsPath) {
            export.obsPath(obsPath);
            return this;
        }

        public Builder outputDirectory(Path outputDirectory) {
            export.outputDirectory(outputDirectory);
            return this;
        }

        public Builder protectDirectory(Path protectDirectory) {
            export.protectDirectory(protectDirectory);
            return this;
        }

        public Builder maxExtractedBytes(long maxExtractedBytes) {
            export.maxExtractedBytes(maxExtractedBytes);
            return this;
        }

        public Builder maxEntries(int maxEntries) {
            export.maxEntries(maxEntries);
            return this;
        }

        public Builder maxTotalBytes(long maxTotalBytes) {
            export.maxTotalBytes(maxTotalBytes);
            return this;
        }

        public Builder maxTotalEntries(long maxTotalEntries) {
            export.maxTotalEntries(maxTotalEntries);
            return this;
        }

        public Builder ignoreFields(List<String> ignoreFields) {
            export.ignoreFields(ignoreFields);
            return this;
        }

        public Builder offline(boolean offline, URI buildEmulator) {
            connection.offline(offline, buildEmulator);
            return this;
        }

        public Builder names(SettingNames names) {
            connection.names(names);
            export.names(names);
            return this;
        }

        /** @throws InvalidConfigurationException with the problems of both, the connection's first */
        public TestExport build() throws InvalidConfigurationException {
            List<String> problems = new ArrayList<>();
            ConnectionSettings connected = null;
            ExportSettings exported = null;
            try {
                connected = connection.build();
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.problems());
            }
            try {
                exported = export.build();
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.problems());
            }
            if (!problems.isEmpty()) {
                throw new InvalidConfigurationException(problems);
            }
            return new TestExport(connected, exported);
        }
    }
}
