package io.github.dlfmaven.maven;

import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.config.ExportSettings;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the goals that export share: which jobs, and in which state. A goal that compares with the cloud exports
 * exactly as {@code dlf:export} does, with the same parameters.
 *
 * @param <S> the goal's own settings
 */
abstract class AbstractExportingMojo<S> extends AbstractPackageMojo<S> {

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
    @Parameter(property = UserProperties.ALLOW_EMPTY, defaultValue = Defaults.ALLOW_EMPTY)
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
    @Parameter(property = UserProperties.BATCH, defaultValue = Defaults.BATCH)
    boolean batch;

    /**
     * Whether to also export the scripts and resources the jobs depend on.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EXPORT_DEPEND, defaultValue = Defaults.EXPORT_DEPEND)
    boolean exportDepend;

    /**
     * Which state to export: {@code DEVELOP} (the latest saved development state) or {@code SUBMIT} (the
     * submitted state). Case does not matter.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EXPORT_STATUS, defaultValue = Defaults.EXPORT_STATUS)
    String exportStatus;

    /**
     * When set (e.g. {@code obs://bucket/dlf/}), DLF writes the packages to this OBS path instead of returning
     * them, and nothing is unpacked locally.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.OBS_PATH)
    String obsPath;

    AbstractExportingMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        super(session, settingsDecrypter);
    }

    /** The selection, the export's options and the limits; a goal adds where the export goes. */
    @Override
    ExportSettings.Builder export() {
        ExportSettings.Builder builder = super.export()
                .jobs(jobs)
                .excludes(excludes)
                .allowEmpty(allowEmpty)
                .directory(directory)
                .batch(batch)
                .exportDepend(exportDepend)
                .exportStatus(exportStatus)
                .obsPath(obsPath);
        protectedDirectories().forEach(builder::protectDirectory);
        return builder;
    }
}
