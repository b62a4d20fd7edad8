package io.github.dlfmaven.maven;

import io.github.dlfmaven.api.DlfConnection;
import io.github.dlfmaven.config.ConnectionSettings;
import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.log.Redactor;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal that talks to DLF shares: where DLF is, whose credentials, the network settings, and one
 * {@code final} {@link #execute()}: skip, validate the connection's settings and the goal's own ({@code S}) into one
 * list of problems, connect, {@link #run}, and turn the core's failures into Maven's ({@link GoalFailure}): {@link
 * MojoFailureException} where the user must act (a setting, a refusal of the server, an unsafe package), {@link
 * MojoExecutionException} where something broke. A goal adds its own parameters, its settings and its work.
 *
 * @param <S> the goal's own settings, validated
 */
abstract class AbstractDlfMojo<S> extends AbstractPluginMojo {

    /**
     * Huawei Cloud region id, such as {@code cn-north-4}; the endpoint becomes
     * <code>https://dayu-dlf.{region}.myhuaweicloud.com</code>. One of region or endpoint is required.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.REGION)
    String region;

    /**
     * Full base URL of the DLF API; wins over {@code region}. For private clouds, other Huawei Cloud domains
     * and local stand-ins.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.ENDPOINT)
    String endpoint;

    /**
     * IAM project id of the region. Defaults to the environment variable {@code HUAWEICLOUD_SDK_PROJECT_ID}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.PROJECT_ID)
    String projectId;

    /**
     * DataArts Studio workspace id, sent as the {@code workspace} header; without it DLF uses the default
     * workspace.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.WORKSPACE)
    String workspace;

    /**
     * Id of the settings.xml {@code <server>} holding the credentials: by default the access key (username) and
     * secret key (password); the Credentials page has IAM tokens and IAM users.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.SERVER_ID, defaultValue = Defaults.SERVER_ID)
    String serverId;

    /**
     * A trust store (PKCS12 or JKS) with the certificate authorities to trust instead of the JVM's, for private
     * clouds with their own CA. Its password comes from the settings.xml server {@code trustStoreServerId}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.TRUST_STORE)
    File trustStore;

    /**
     * {@code PKCS12} or {@code JKS}; by default JKS for a {@code .jks} file, PKCS12 otherwise.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.TRUST_STORE_TYPE)
    String trustStoreType;

    /**
     * settings.xml {@code <server>} whose {@code <password>} (encrypted or not) opens {@code trustStore}; without
     * that server the store is read without a password.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.TRUST_STORE_SERVER_ID, defaultValue = Defaults.TRUST_STORE_SERVER_ID)
    String trustStoreServerId;

    /**
     * Skips the goal: no configuration check, no request.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.SKIP, defaultValue = Defaults.SKIP)
    boolean skip;

    /**
     * How many requests are in flight at the same time (1 to 64).
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.THREADS, defaultValue = Defaults.THREADS)
    int threads;

    /**
     * Extra attempts after a connect failure or HTTP 429, 502, 503 or 504, with exponential backoff and
     * jitter; a {@code Retry-After} header is honoured.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.RETRIES, defaultValue = Defaults.RETRIES)
    int retries;

    /**
     * Connect timeout in seconds.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.CONNECT_TIMEOUT, defaultValue = Defaults.CONNECT_TIMEOUT)
    int connectTimeout;

    /**
     * Read timeout in seconds: the longest silence tolerated while waiting for or downloading an answer.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.READ_TIMEOUT, defaultValue = Defaults.READ_TIMEOUT)
    int readTimeout;

    /**
     * Longest time in seconds one request may take as a whole, the download of its package included, so that a
     * server that sends a byte now and then cannot hold the build forever. Raise it for packages that take longer
     * to download.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.CALL_TIMEOUT, defaultValue = Defaults.CALL_TIMEOUT)
    int callTimeout;

    /**
     * On a Huawei Cloud instance (ECS, CCE node) with an agency: when no other source has credentials, read
     * temporary ones from the instance metadata service, and read them again before they expire. Off by
     * default: a build never probes a link-local address unasked.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.METADATA_CREDENTIALS, defaultValue = Defaults.METADATA_CREDENTIALS)
    boolean metadataCredentials;

    /**
     * Where the instance metadata service hands out the agency's temporary credentials.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.METADATA_URL, defaultValue = Defaults.METADATA_URL)
    String metadataUrl;

    /**
     * IAM endpoint for an IAM user's token or OIDC federation; by default <code>https://iam.{region}.myhuaweicloud.com</code>.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.IAM_ENDPOINT)
    String iamEndpoint;

    final MavenSession session;
    final SettingsDecrypter settingsDecrypter;

    AbstractDlfMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        this.session = session;
        this.settingsDecrypter = settingsDecrypter;
    }

    /** The goal's name, for messages: {@code export}. */
    abstract String goal();

    /** The goal's own settings, validated: its problems are reported with the connection's, every one at once. */
    abstract S settings() throws InvalidConfigurationException;

    /**
     * Whether the goal may run offline, against an emulator this build started; a goal that never does says so in its
     * own settings' words, and the connection's check then leaves offline alone.
     */
    boolean runsOffline() {
        return true;
    }

    /**
     * Whether the goal changes the cloud: then a {@code -D} property the pom overrides is an error, not a warning, since
     * it may point the write at another workspace than the user named.
     */
    boolean writesToCloud() {
        return false;
    }

    /** What the goal talks to besides DLF and IAM, so that each is reached by the proxy settings.xml gives it. */
    List<URI> moreServices(S settings) {
        return List.of();
    }

    /** The goal's work, given its settings and a connection to DLF. */
    abstract void run(S settings, DlfConnection connection, Log log) throws Exception;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the DLF " + goal() + " (" + UserProperties.SKIP + "=true).");
            return;
        }
        // One redactor for the run: the transport tells it every secret it sends, and every line and failure message
        // of the goal passes through it, whoever wrote the line.
        Redactor redactor = new Redactor();
        Log log = redactor.log(new MavenLog(getLog()));
        Map<String, String> environment = MavenEnvironment.variables(session);
        Optional<EmulatorContext> emulator = EmulatorContext.of(getPluginContext());
        try {
            Problems problems = new Problems();
            List<String> overridden = overriddenProperties(session);
            if (writesToCloud()) {
                // A write into another workspace than the one on the command line must not happen.
                problems.add(overridden);
            } else {
                overridden.forEach(log::warn);
            }
            ConnectionSettings connection = problems.check(() -> connection(environment, emulator));
            S settings = problems.check(this::settings);
            problems.throwIfAny();
            try (DlfConnection open = new MavenConnection(session, settingsDecrypter, serverId, trustStoreServerId)
                    .open(connection, moreServices(settings), environment, emulator, redactor, log)) {
                run(settings, open, log);
            }
        } catch (Exception e) {
            GoalFailure.raise(e, "The DLF " + goal() + " failed: ", "dlf:" + goal(), redactor);
        }
    }

    private ConnectionSettings connection(Map<String, String> environment, Optional<EmulatorContext> emulator)
            throws InvalidConfigurationException {
        return ConnectionSettings.builder()
                .names(MavenSettingNames.INSTANCE)
                .region(region)
                .endpoint(endpoint)
                .projectId(projectId)
                .environment(environment)
                .workspace(workspace)
                .threads(threads)
                .retries(retries)
                .connectTimeoutSeconds(connectTimeout)
                .readTimeoutSeconds(readTimeout)
                .callTimeoutSeconds(callTimeout)
                .iamEndpoint(iamEndpoint)
                .metadataCredentials(metadataCredentials)
                .metadataUrl(metadataUrl)
                .trustStore(trustStore == null ? null : trustStore.toPath())
                .trustStoreType(trustStoreType)
                .offline(
                        session.isOffline() && runsOffline(),
                        emulator.map(running -> running.emulator().endpoint()).orElse(null))
                .build();
    }

    /** The folders a goal's output folder may neither be nor contain: home, the project, the folder Maven runs in. */
    List<Path> protectedDirectories() {
        List<Path> folders = new ArrayList<>();
        folders.add(Path.of(System.getProperty("user.home")));
        MavenProject project = session.getCurrentProject();
        if (project != null && project.getBasedir() != null) {
            folders.add(project.getBasedir().toPath());
        }
        if (session.getExecutionRootDirectory() != null) {
            folders.add(Path.of(session.getExecutionRootDirectory()));
        }
        return folders;
    }
}
