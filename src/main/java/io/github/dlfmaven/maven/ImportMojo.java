package io.github.dlfmaven.maven;

import io.github.dlfmaven.api.DlfConnection;
import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.config.ImportSettings;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.config.PackageLimits;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.obs.ObsStore;
import io.github.dlfmaven.promote.Promotion;
import java.io.File;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Promotes jobs of a committed snapshot into a workspace, with a plan first: validates the snapshot, packs the
 * selected jobs with the scripts and resources they use, mapped for the target by {@code environment}, exports the
 * target's current state of those jobs and shows what the import would change ({@code plan.json}, {@code plan.md} in
 * {@code workDirectory}), then, unless {@code dryRun} or the plan is empty, uploads the package to {@code obsPath},
 * lets DataArts Factory check and import it, and waits for the import's system task. Never runs offline. No default
 * phase: promotion is a deliberate act; bind it in a profile or call it.
 *
 * @since 0.1.0
 */
@Mojo(name = "import", threadSafe = true, requiresProject = false)
public class ImportMojo extends AbstractPackageMojo<ImportMojo.Settings> {

    /**
     * The snapshot to import from, as {@code dlf:export} writes it. {@code ./src/main/dlf} without a pom.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.SNAPSHOT_DIRECTORY, defaultValue = "${project.basedir}/src/main/dlf")
    File snapshotDirectory;

    /**
     * Names of the snapshot's jobs to import, or glob patterns ({@code etl_*}, {@code *} for all), matched against
     * the jobs of the snapshot; comma-separated on the command line. Each goes with the scripts and resources it
     * uses.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.JOBS)
    List<String> jobs;

    /**
     * Names or patterns of the snapshot's jobs to leave out.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EXCLUDES)
    List<String> excludes;

    /**
     * The OBS folder the package is uploaded to, {@code obs://bucket/prefix/}, since DataArts Factory imports from
     * OBS; the credentials need write access to it. Required.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.OBS_PATH)
    String obsPath;

    /**
     * OBS's endpoint, without a bucket; by default <code>https://obs.{region}.myhuaweicloud.com</code>. For private clouds
     * and the emulator.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.OBS_ENDPOINT)
    String obsEndpoint;

    /**
     * What happens to a job or script the workspace has by the same name: {@code SKIP} (DataArts Factory's default:
     * it stays as it is, and the plan says so) or {@code OVERWRITE}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.SAME_NAME_POLICY, defaultValue = Defaults.SAME_NAME_POLICY)
    String sameNamePolicy;

    /**
     * {@code SAVED}, {@code SUBMITTED} or {@code PRODUCTION}: the state imported jobs get, in a workspace in review
     * mode only.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.TARGET_STATUS)
    String targetStatus;

    /**
     * The user the imported jobs run as.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EXECUTE_USER)
    String executeUser;

    /**
     * Public job parameters to set on import, by name.
     *
     * @since 0.1.0
     */
    @Parameter
    Map<String, String> params;

    /**
     * Parameters per job, as the import API takes them:
     * {@code <jobParams><jobParam><name>daily</name><params><bizdate>...</bizdate></params></jobParam></jobParams>}.
     *
     * @since 0.1.0
     */
    @Parameter
    List<JobParameters> jobParams;

    /**
     * A JSON or properties file of replacements for the target environment, applied to the imported copy only:
     * {@code connections}, {@code queues}, {@code clusters}, {@code databases}, {@code obsPaths} (by prefix),
     * {@code jobParameters}, {@code timeZones}, each from one exact value to another, and {@code forbid}, names that
     * must not reach the target. See the Promotion page.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.ENVIRONMENT)
    File environment;

    /**
     * Stop after the plan: nothing is uploaded or imported.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.DRY_RUN, defaultValue = Defaults.DRY_RUN)
    boolean dryRun;

    /**
     * Seconds the import's system task may take before the goal stops waiting (and fails, leaving the task to run).
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.TIMEOUT, defaultValue = Defaults.TIMEOUT)
    long timeout;

    /**
     * Leave the uploaded package in OBS; by default it is deleted once the import is over.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.KEEP_PACKAGE, defaultValue = Defaults.KEEP_PACKAGE)
    boolean keepPackage;

    /**
     * Where the package, the target's current state and the plan go; replaced on every run.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.WORK_DIRECTORY, defaultValue = "${project.build.directory}/dlf-import")
    File workDirectory;

    /** Parameters of one job, as {@code jobParams} lists them. */
    public static class JobParameters {
        /** The job's name. */
        String name;

        /** Its parameters, by name. */
        Map<String, String> params;
    }

    /** The import's settings, and the limits of the export its plan makes of the target. */
    record Settings(ImportSettings imports, PackageLimits limits) {}

    @Inject
    public ImportMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        super(session, settingsDecrypter);
    }

    @Override
    String goal() {
        return "import";
    }

    @Override
    Settings settings() throws InvalidConfigurationException {
        Map<String, Map<String, String>> perJob = new LinkedHashMap<>();
        if (jobParams != null) {
            for (JobParameters job : jobParams) {
                perJob.put(job.name, job.params == null ? Map.of() : job.params);
            }
        }
        ImportSettings.Raw raw = new ImportSettings.Raw(
                MavenEnvironment.pathOrDefault(snapshotDirectory, session, "src/main/dlf")
                        .toPath(),
                jobs,
                excludes,
                obsPath,
                obsEndpoint,
                region,
                sameNamePolicy,
                targetStatus,
                executeUser,
                params,
                perJob,
                environment == null ? null : environment.toPath(),
                dryRun,
                timeout,
                keepPackage,
                MavenEnvironment.pathOrDefault(workDirectory, session, "target/dlf-import")
                        .toPath(),
                session.isOffline());
        Problems problems = new Problems();
        ImportSettings imports = problems.check(() -> ImportSettings.check(raw, MavenSettingNames.INSTANCE));
        PackageLimits limits = problems.check(this::limits);
        problems.throwIfAny();
        return new Settings(imports, limits);
    }

    /** The import says itself, in its own words, that it never runs offline. */
    @Override
    boolean runsOffline() {
        return false;
    }

    @Override
    boolean writesToCloud() {
        return true;
    }

    @Override
    List<URI> moreServices(Settings settings) {
        return List.of(ObsStore.bucketUrl(
                settings.imports().obsEndpoint(), settings.imports().obsFolder().bucket()));
    }

    @Override
    void run(Settings settings, DlfConnection connection, Log log) throws Exception {
        ObsStore obs = new ObsStore(
                connection.transport(),
                settings.imports().obsEndpoint(),
                connection.authentication(),
                RetryPolicy.of(connection.settings().retries()),
                Clock.systemUTC());
        try (var client = connection.client().build()) {
            new Promotion(
                            settings.imports(),
                            settings.limits(),
                            connection.settings(),
                            client,
                            obs,
                            Clock.systemUTC(),
                            Duration.ofMillis(500),
                            log)
                    .run();
        }
    }
}
