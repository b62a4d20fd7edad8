package io.github.dlfmaven.config;

import io.github.dlfmaven.text.LogText;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the raw values of a {@link ConnectionSettings.Builder} into settings, or into one problem per wrong value: all
 * at once, each naming its setting the way the front end spells it, before any request is made.
 */
final class ConnectionSettingsCheck {

    /** Environment variable that supplies the project id when no parameter does, as in Huawei's SDKs. */
    static final String PROJECT_ID_ENVIRONMENT = "HUAWEICLOUD_SDK_PROJECT_ID";

    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");

    private final ConnectionSettings.Builder raw;
    private final SettingNames names;
    private final List<String> problems = new ArrayList<>();

    ConnectionSettingsCheck(ConnectionSettings.Builder raw) {
        this.raw = raw;
        this.names = raw.names;
    }

    ConnectionSettings validated() throws InvalidConfigurationException {
        Endpoints endpoints = new Endpoints(raw, names, problems);
        URI endpoint = endpoints.dlf();
        String projectId = projectId();
        Optional<String> workspace = workspace();
        Optional<URI> iam = endpoints.iam();
        URI metadata = endpoints.metadata();
        Optional<String> storeType = trustStore();
        Limits limits = new Limits(names, problems);
        limits.range(raw.threads, 1, 64, Setting.THREADS);
        limits.range(raw.retries, 0, 10, Setting.RETRIES);
        limits.range(raw.connectTimeoutSeconds, 1, 3600, Setting.CONNECT_TIMEOUT);
        limits.range(raw.readTimeoutSeconds, 1, 3600, Setting.READ_TIMEOUT);
        limits.range(raw.callTimeoutSeconds, 1, 86_400, Setting.CALL_TIMEOUT);
        if (raw.offline && endpoint != null && !endpoint.equals(raw.buildEmulator)) {
            problems.add("Maven runs offline (-o), and DLF is at " + endpoint
                    + (ServiceUrls.isLoopback(endpoint)
                            ? ", which is not an emulator this build started (a local port may lead anywhere)"
                            : "")
                    + ". Run without -o, or skip the goal with " + names.assignment(Setting.SKIP, "true") + ".");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new ConnectionSettings(
                endpoint,
                projectId,
                workspace,
                raw.threads,
                raw.retries,
                Duration.ofSeconds(raw.connectTimeoutSeconds),
                Duration.ofSeconds(raw.readTimeoutSeconds),
                Duration.ofSeconds(raw.callTimeoutSeconds),
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
        String type = RawValues.blank(raw.trustStoreType);
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
        String value = RawValues.blank(raw.projectId);
        String origin = names.where(Setting.PROJECT_ID);
        if (value == null) {
            value = RawValues.blank(raw.environment.get(PROJECT_ID_ENVIRONMENT));
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

    private Optional<String> workspace() {
        String workspace = RawValues.blank(raw.workspace);
        if (workspace != null && !PRINTABLE_ASCII.matcher(workspace).matches()) {
            problems.add("Workspace '" + LogText.escape(workspace) + "' is not valid: it is the workspace id from the"
                    + " DataArts Studio console URL, such as 1c1f4b2e... (" + names.where(Setting.WORKSPACE) + ").");
        }
        return Optional.ofNullable(workspace);
    }
}
