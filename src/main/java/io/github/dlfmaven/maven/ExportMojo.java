package io.github.dlfmaven.maven;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.HttpTransport;
import io.github.dlfmaven.api.IamTokenSource;
import io.github.dlfmaven.api.MetadataCredentials;
import io.github.dlfmaven.api.ProxySettings;
import io.github.dlfmaven.api.TrustStores;
import io.github.dlfmaven.archive.UnsafeArchiveException;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.CredentialsException;
import io.github.dlfmaven.config.ExportConfiguration;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.config.UserProperties;
import io.github.dlfmaven.export.ExportFailedException;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.export.SelectionException;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.snapshot.OutputLockedException;
import io.github.dlfmaven.snapshot.SnapshotConflictException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Exports DataArts Factory (DLF) jobs, with the scripts and resources they depend on, and unpacks them into
 * {@code outputDirectory} as {@code jobs/*.job}, {@code scripts/*.script} and {@code resources/*.resource},
 * JSON normalized for clean diffs. The folder is replaced only when every job succeeded.
 *
 * <p>Credentials come from the settings.xml {@code <server>} named by {@code serverId}, or else from the
 * environment variables {@code HUAWEICLOUD_SDK_AK}, {@code HUAWEICLOUD_SDK_SK} and
 * {@code HUAWEICLOUD_SDK_SECURITY_TOKEN}.
 *
 * @since 0.1.0
 */
@Mojo(name = "export", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = false)
public class ExportMojo extends AbstractMojo {

    /**
     * Huawei Cloud region id, such as {@code cn-north-4}; the endpoint becomes
     * {@code https://dayu-dlf.{region}.myhuaweicloud.com}. One of region or endpoint is required.
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
     * Names of the jobs to export, or glob patterns ({@code etl_*}, {@code daily_?}, {@code *} for all) resolved
     * with the job list; comma-separated on the command line ({@code -Ddlf.jobs=a,b}).
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.JOBS)
    List<String> jobs;

    /**
     * Names or glob patterns of jobs to leave out ({@code *} any characters, {@code ?} one); comma-separated on
     * the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EXCLUDES)
    List<String> excludes;

    /**
     * Accept a pattern that matches no job, and an empty selection (which then exports an empty snapshot).
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.ALLOW_EMPTY, defaultValue = "false")
    boolean allowEmpty;

    /**
     * Only jobs in this DataArts Factory folder, or below it, match the patterns in {@code jobs}, e.g.
     * {@code /finance/}. Plain job names are exported wherever they are.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.DIRECTORY)
    String directory;

    /**
     * Export up to 100 jobs per request through the batch export API, where it applies (exportStatus
     * DEVELOP, no obsPath). The result is the same as with one request per job.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.BATCH, defaultValue = "true")
    boolean batch;

    /**
     * Whether to also export the scripts and resources the jobs depend on.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EXPORT_DEPEND, defaultValue = "true")
    boolean exportDepend;

    /**
     * Which state to export: {@code DEVELOP} (the latest saved development state) or {@code SUBMIT} (the
     * submitted state). Case does not matter.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EXPORT_STATUS, defaultValue = "DEVELOP")
    String exportStatus;

    /**
     * When set (e.g. {@code obs://bucket/dlf/}), DLF writes the packages to this OBS path instead of returning
     * them, and nothing is unpacked locally.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.OBS_PATH)
    String obsPath;

    /**
     * Where the snapshot is written. The plugin owns this folder: each successful export replaces its whole
     * content; a failed or interrupted one leaves it untouched, and one export at a time may write to it. It may
     * not be, or contain, the project, the folder Maven runs in or the home folder, also through a link.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/dlf")
    File outputDirectory;

    /**
     * Id of the settings.xml {@code <server>} holding the access key (username) and secret key (password).
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.SERVER_ID, defaultValue = "dlf")
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
    @Parameter(property = UserProperties.TRUST_STORE_SERVER_ID, defaultValue = "dlf-truststore")
    String trustStoreServerId;

    /**
     * Skips the export: no configuration check, no request.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.SKIP, defaultValue = "false")
    boolean skip;

    /**
     * How many jobs are exported at the same time.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.THREADS, defaultValue = "4")
    int threads;

    /**
     * Extra attempts after a connect failure or HTTP 429, 502, 503 or 504, with exponential backoff and
     * jitter; a {@code Retry-After} header is honoured.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.RETRIES, defaultValue = "3")
    int retries;

    /**
     * Connect timeout in seconds.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.CONNECT_TIMEOUT, defaultValue = "10")
    int connectTimeout;

    /**
     * Read timeout in seconds: the longest silence tolerated while waiting for or downloading an export.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.READ_TIMEOUT, defaultValue = "120")
    int readTimeout;

    /**
     * Most bytes one job's package may inflate to, counted while inflating and normalizing; a batch of n jobs may
     * inflate to n times as much, within {@code maxTotalBytes}. Default 1 GiB.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.MAX_EXTRACTED_BYTES, defaultValue = "1073741824")
    long maxExtractedBytes;

    /**
     * Most entries one job's package may hold, counted before its table of contents is read; n times as many in a
     * batch of n jobs, within {@code maxTotalEntries}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.MAX_ENTRIES, defaultValue = "10000")
    int maxEntries;

    /**
     * On a Huawei Cloud instance (ECS, CCE node) with an agency: when no other source has credentials, read
     * temporary ones from the instance metadata service, and read them again before they expire. Off by
     * default: a build never probes a link-local address unasked.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.METADATA_CREDENTIALS, defaultValue = "false")
    boolean metadataCredentials;

    /**
     * Where the instance metadata service hands out the agency's temporary credentials.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.METADATA_URL, defaultValue = ExportConfiguration.DEFAULT_METADATA_URL)
    String metadataUrl;

    /**
     * IAM endpoint for a settings.xml server of an IAM user ({@code <authentication>password</authentication>});
     * by default {@code https://iam.{region}.myhuaweicloud.com}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.IAM_ENDPOINT)
    String iamEndpoint;

    /**
     * Longest time in seconds one request may take as a whole, the download of its package included, so that a
     * server that sends a byte now and then cannot hold the build forever. Raise it for packages that take longer
     * to download.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.CALL_TIMEOUT, defaultValue = "1800")
    int callTimeout;

    /**
     * Most bytes the whole export may inflate to, all jobs and batches together, counted while inflating and
     * normalizing. Default 8 GiB.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.MAX_TOTAL_BYTES, defaultValue = "8589934592")
    long maxTotalBytes;

    /**
     * Most entries (files and folders) all packages of the export may hold together, counted before each package's
     * table of contents is read: that table takes memory for every entry. A workspace of 10,000 jobs holds about
     * 40,000.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.MAX_TOTAL_ENTRIES, defaultValue = "100000")
    long maxTotalEntries;

    private final MavenSession session;
    private final SettingsDecrypter settingsDecrypter;

    @Inject
    public ExportMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        this.session = session;
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the DLF export (" + UserProperties.SKIP + "=true).");
            return;
        }
        Map<String, String> environment = MavenEnvironment.variables(session);
        Optional<EmulatorContext> emulator = EmulatorContext.of(getPluginContext());
        ExportConfiguration config;
        try {
            config = configuration(environment, emulator);
        } catch (InvalidConfigurationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        Log log = new MavenLog(getLog());
        HttpTransport.Builder network = Exporter.transport(config);
        if (config.offline()) {
            // Offline the only endpoint allowed is this build's emulator, and a proxy would be another host.
            network.direct();
        } else {
            Optional<ProxySettings> proxy = MavenProxies.forEndpoint(session, config.endpoint());
            proxy.ifPresent(p -> log.debug("Using the settings.xml proxy " + p + " for " + config.endpoint()));
            proxy.ifPresent(network::proxy);
        }
        try {
            if (config.trustStore().isPresent()) {
                network.trustManager(TrustStores.load(
                        config.trustStore().get(), config.trustStoreType().orElse(null), trustStorePassword()));
                log.debug("Trusting the certificate authorities in "
                        + config.trustStore().get());
            }
        } catch (IOException e) {
            throw new MojoFailureException(
                    e.getMessage() + " (<trustStore> or -D" + UserProperties.TRUST_STORE + ")", e);
        } catch (CredentialsException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        config.endpointWarning().ifPresent(log::warn);
        try (HttpTransport transport = network.build()) {
            AuthenticationSource authentication;
            try {
                authentication = authentication(config, environment, transport, emulator, log);
            } catch (CredentialsException e) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            log.info("Exporting "
                    + (config.hasPatterns()
                            ? "the DLF jobs matching " + config.jobs()
                            : config.jobs().size() + " DLF job(s)")
                    + " from " + config.endpoint() + " (project "
                    + config.projectId()
                    + config.workspace().map(w -> ", workspace " + w).orElse("")
                    + ") with credentials from " + authentication.description() + ".");
            try (DlfClient client = Exporter.client(config, log)
                    .transport(transport)
                    .authentication(authentication)
                    .build()) {
                new Exporter(config, client, log).run();
            }
        } catch (ExportFailedException e) {
            boolean remoteOrContent = e.causes().stream()
                    .allMatch(c -> c instanceof DlfApiException || c instanceof UnsafeArchiveException);
            if (remoteOrContent) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (SelectionException | DlfApiException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (SnapshotConflictException e) {
            throw new MojoFailureException(e.getMessage() + " The output folder was left as it was.", e);
        } catch (OutputLockedException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("The DLF export failed: " + e.getMessage(), e);
        }
    }

    private ExportConfiguration configuration(Map<String, String> environment, Optional<EmulatorContext> emulator)
            throws InvalidConfigurationException {
        ExportConfiguration.Builder builder = ExportConfiguration.builder()
                .region(region)
                .endpoint(endpoint)
                .projectId(projectId)
                .environment(environment)
                .workspace(workspace)
                .jobs(jobs)
                .excludes(excludes)
                .allowEmpty(allowEmpty)
                .directory(directory)
                .batch(batch)
                .exportDepend(exportDepend)
                .exportStatus(exportStatus)
                .obsPath(obsPath)
                .outputDirectory(MavenEnvironment.pathOrDefault(outputDirectory, session, "target/dlf")
                        .toPath())
                .threads(threads)
                .retries(retries)
                .connectTimeoutSeconds(connectTimeout)
                .readTimeoutSeconds(readTimeout)
                .maxExtractedBytes(maxExtractedBytes)
                .maxEntries(maxEntries)
                .maxTotalBytes(maxTotalBytes)
                .maxTotalEntries(maxTotalEntries)
                .callTimeoutSeconds(callTimeout)
                .iamEndpoint(iamEndpoint)
                .metadataCredentials(metadataCredentials)
                .metadataUrl(metadataUrl)
                .trustStore(trustStore == null ? null : trustStore.toPath())
                .trustStoreType(trustStoreType)
                .offline(
                        session.isOffline(),
                        emulator.map(running -> running.emulator().endpoint()).orElse(null))
                .protectDirectory(Path.of(System.getProperty("user.home")));
        MavenProject project = session.getCurrentProject();
        if (project != null && project.getBasedir() != null) {
            builder.protectDirectory(project.getBasedir().toPath());
        }
        if (session.getExecutionRootDirectory() != null) {
            builder.protectDirectory(Path.of(session.getExecutionRootDirectory()));
        }
        return builder.build();
    }

    /** The trust store's password from its settings.xml server, decrypted; null without that server. */
    private char[] trustStorePassword() {
        Server server =
                session.getSettings() == null ? null : session.getSettings().getServer(trustStoreServerId);
        if (server == null) {
            return null;
        }
        String password = MavenCredentials.decrypted(server, settingsDecrypter).getPassword();
        return password == null ? null : password.toCharArray();
    }

    /**
     * The first credential source that has credentials (README, "Credentials"); failing all, the demo
     * credentials of an emulator that {@code dlf:emulator-start} started in this build for this very endpoint.
     * Offline, a source that needs a service of its own (IAM, the metadata service) is refused.
     */
    private AuthenticationSource authentication(
            ExportConfiguration config,
            Map<String, String> environment,
            HttpTransport transport,
            Optional<EmulatorContext> emulator,
            Log log) {
        MavenCredentials.IamUser iam = (user, password, domain, where) -> {
            URI iamUrl = config.iamEndpoint()
                    .orElseThrow(() -> new CredentialsException("The IAM user of " + where
                            + " needs the IAM endpoint: set <region> (-D" + UserProperties.REGION
                            + ") or <iamEndpoint> (-D"
                            + UserProperties.IAM_ENDPOINT + "), e.g. https://iam.cn-north-4.myhuaweicloud.com."));
            if (config.offline()) {
                throw new CredentialsException("Maven runs offline (-o), and the IAM user of " + where
                        + " needs a token" + " from IAM at " + iamUrl + ". Run without -o, or use an access key pair.");
            }
            config.iamEndpointWarning().ifPresent(log::warn);
            return new IamTokenSource(
                    transport,
                    iamUrl,
                    user,
                    password,
                    domain,
                    config.projectId(),
                    where,
                    IamTokenSource.RENEW_BEFORE,
                    Clock.systemUTC(),
                    log);
        };
        AuthenticationSource metadata = config.metadataCredentials()
                ? new MetadataCredentials(
                        transport, config.metadataUrl(), MetadataCredentials.REFRESH_BEFORE, Clock.systemUTC(), log)
                : null;
        Optional<AuthenticationSource> configured = MavenCredentials.authentication(
                session.getSettings(), settingsDecrypter, serverId, environment, iam, metadata);
        if (configured.isPresent()) {
            if (config.offline() && configured.get() == metadata) {
                throw new CredentialsException(
                        "Maven runs offline (-o), and the only credentials are those of the instance"
                                + " metadata service at " + config.metadataUrl().getHost()
                                + ". Run without -o, or use an access key pair.");
            }
            return configured.get();
        }
        return emulator.filter(running -> running.demoCredentials()
                        && running.emulator().endpoint().equals(config.endpoint()))
                .map(running -> AuthenticationSource.fixed(
                        new Authentication.Signed(running.emulator().credentials())))
                .orElseThrow(() -> MavenCredentials.notFound(serverId));
    }
}
