package io.github.dlfmaven.maven;

import io.github.dlfmaven.auth.CredentialChain;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.CredentialsException;
import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.emulator.DemoCredentials;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.emulator.Faults;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** What the emulator goals share: its settings and how to start it with the build's credentials. */
abstract class AbstractEmulatorMojo extends AbstractPluginMojo {

    /**
     * Folder of job definitions to serve, laid out like the export output: {@code jobs/*.job},
     * {@code scripts/*.script}, {@code resources/*.resource}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_FIXTURES, defaultValue = "${project.basedir}/src/test/dlf")
    File fixturesDirectory;

    /**
     * Loopback port to listen on; 0 picks a free one.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_PORT, defaultValue = Defaults.EMULATOR_PORT)
    int port;

    /**
     * When set, the only project the emulator serves, as the cloud serves only the projects its caller belongs to: a
     * request for another is refused with HTTP 403 ({@code APIGW.0302}), so that a wrong project id fails here as it
     * would there. It shares {@code dlf.projectId} with the other goals, so a build that sets its project id has it
     * checked; without one, any project is served.
     *
     * @since 0.2.0
     */
    @Parameter(property = UserProperties.PROJECT_ID)
    String projectId;

    /**
     * When set, a request's {@code workspace} header must name it, as DLF checks it; a request without one reaches it
     * unless {@code defaultWorkspace} is {@code false}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.WORKSPACE)
    String workspace;

    /**
     * settings.xml {@code <server>} whose AK/SK the emulator accepts, the same one {@code dlf:export} signs with.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.SERVER_ID, defaultValue = Defaults.SERVER_ID)
    String serverId;

    /**
     * Folder that stands for OBS in OBS mode: {@code obs://bucket/path/} is written to {@code {folder}/bucket/path/}.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = UserProperties.EMULATOR_OBS_DIRECTORY,
            defaultValue = "${project.build.directory}/dlf-emulator/obs")
    File obsDirectory;

    /**
     * Milliseconds added to every request.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_LATENCY, defaultValue = Defaults.EMULATOR_LATENCY)
    long latency;

    /**
     * Share of requests (0 to 1) answered with HTTP 503.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_FAILURE_RATE, defaultValue = Defaults.EMULATOR_FAILURE_RATE)
    double failureRate;

    /**
     * Share of requests (0 to 1) answered with HTTP 429 and {@code Retry-After}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_THROTTLE_RATE, defaultValue = Defaults.EMULATOR_THROTTLE_RATE)
    double throttleRate;

    /**
     * The first this many requests to each path are answered with HTTP 429, for repeatable tests.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_THROTTLE_FIRST, defaultValue = Defaults.EMULATOR_THROTTLE_FIRST)
    int throttleFirst;

    /**
     * The {@code Retry-After} seconds sent with HTTP 429.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_RETRY_AFTER, defaultValue = Defaults.EMULATOR_RETRY_AFTER)
    int retryAfter;

    /**
     * How the job list reads {@code offset}: {@code ROWS} (jobs to skip) or {@code PAGES} (page index); the
     * real service's reading is not confirmed, so clients should cope with both.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_OFFSET_MODE, defaultValue = Defaults.EMULATOR_OFFSET_MODE)
    String offsetMode;

    /**
     * Largest page of the job list: 1000 as on Huawei Cloud, 100 as on other deployments.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_MAX_PAGE_SIZE, defaultValue = Defaults.EMULATOR_MAX_PAGE_SIZE)
    int maxPageSize;

    /**
     * Whether the emulated workspace is the project's default one, which a request without a {@code workspace}
     * header reaches, as DLF's documentation says; with {@code false} such a request is refused when
     * {@code workspace} is set.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_DEFAULT_WORKSPACE, defaultValue = Defaults.EMULATOR_DEFAULT_WORKSPACE)
    boolean defaultWorkspace;

    /**
     * Folder the emulator writes imported definitions to, and serves over the fixtures, which an import never changes.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = UserProperties.EMULATOR_IMPORT_DIRECTORY,
            defaultValue = "${project.build.directory}/dlf-emulator/imported")
    File importDirectory;

    /**
     * Milliseconds an import's system task reports {@code RUNNING} before it ends.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_IMPORT_DURATION, defaultValue = Defaults.EMULATOR_IMPORT_DURATION)
    long importDuration;

    /**
     * Makes every import fail: its system task ends {@code FAILED} with a failed subtask per job, and nothing is
     * imported.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_FAIL_IMPORTS, defaultValue = Defaults.EMULATOR_FAIL_IMPORTS)
    boolean failImports;

    final MavenSession session;
    private final SettingsDecrypter settingsDecrypter;

    AbstractEmulatorMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        this.session = session;
        this.settingsDecrypter = settingsDecrypter;
    }

    /** Starts an emulator accepting the build's credentials, or demo credentials when the build has none. */
    EmulatorContext start() throws MojoExecutionException, MojoFailureException {
        overriddenProperties(session).forEach(getLog()::warn);
        Path fixtures = MavenEnvironment.pathOrDefault(fixturesDirectory, session, "src/test/dlf")
                .toPath();
        if (!Files.isDirectory(fixtures)) {
            getLog().warn("The DLF emulator's fixtures folder " + fixtures + " does not exist: it serves no job."
                    + " Set dlf.emulator.fixtures to a folder with jobs/, scripts/ and resources/.");
        }
        Optional<Credentials> configured;
        try {
            // The same sources, in the same order, as the export that will sign its requests.
            configured = CredentialChain.accessKeyPair(
                    MavenServerCredentials.read(session.getSettings(), settingsDecrypter, serverId),
                    MavenEnvironment.variables(session));
        } catch (CredentialsException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        Credentials credentials = configured.orElseGet(DemoCredentials::generate);
        try {
            DlfEmulator emulator = DlfEmulator.builder(fixtures, credentials)
                    .port(port)
                    .projectId(projectId)
                    .workspace(workspace)
                    .defaultWorkspace(defaultWorkspace)
                    .obsDirectory(MavenEnvironment.pathOrDefault(obsDirectory, session, "target/dlf-emulator/obs")
                            .toPath())
                    .importDirectory(
                            MavenEnvironment.pathOrDefault(importDirectory, session, "target/dlf-emulator/imported")
                                    .toPath())
                    .importDuration(Duration.ofMillis(Math.max(0, importDuration)))
                    .failImports(failImports)
                    .faults(new Faults(
                            Duration.ofMillis(latency), failureRate, throttleRate, throttleFirst, retryAfter))
                    .offsetMode(DlfEmulator.OffsetMode.valueOf(offsetMode.trim().toUpperCase(Locale.ROOT)))
                    .maxPageSize(maxPageSize)
                    .log(new MavenLog(getLog()))
                    .start();
            return new EmulatorContext(emulator, configured.isEmpty());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(
                    "Invalid DLF emulator setting: " + e.getMessage()
                            + " (offsetMode is ROWS or PAGES; rates are between 0 and 1; counts are not negative).",
                    e);
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "Cannot start the DLF emulator on port " + port + ": " + e.getMessage()
                            + (port != 0 ? ". Choose another -Ddlf.emulator.port, or 0 for a free one." : ""),
                    e);
        }
    }

    /** One line that says where the emulator is and what it accepts, without any secret. */
    String describe(EmulatorContext running) {
        DlfEmulator emulator = running.emulator();
        return "DLF emulator listening on " + emulator.endpoint() + ", serving " + emulator.fixtures()
                + (projectId == null || projectId.isBlank() ? "" : " for project " + projectId.strip())
                + (workspace == null || workspace.isBlank() ? "" : " (workspace " + workspace + ")")
                + ", accepting "
                + (running.demoCredentials()
                        ? "generated demo credentials"
                        : "the credentials from " + emulator.credentials().source())
                + ".";
    }
}
