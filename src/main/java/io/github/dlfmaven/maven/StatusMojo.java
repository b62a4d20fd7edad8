package io.github.dlfmaven.maven;

import io.github.dlfmaven.api.DlfConnection;
import io.github.dlfmaven.api.JobSummary;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.config.JobSelection;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.status.JobStatuses;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists the selected jobs of the workspace with the state of their schedules and how their last runs ended, as the
 * job list has them. Reads only, exports nothing, writes no file: what a deployment checks before and after it
 * touches a live workspace. No default phase.
 *
 * @since 0.2.0
 */
@Mojo(name = "status", threadSafe = true, requiresProject = false)
public class StatusMojo extends AbstractDlfMojo<JobSelection> {

    /**
     * Names of the jobs to list, or glob patterns ({@code etl_*}); all jobs by default. Comma-separated on the command
     * line.
     *
     * @since 0.2.0
     */
    @Parameter(property = UserProperties.JOBS, defaultValue = "*")
    List<String> jobs;

    /**
     * Names or patterns of jobs to leave out.
     *
     * @since 0.2.0
     */
    @Parameter(property = UserProperties.EXCLUDES)
    List<String> excludes;

    @Inject
    public StatusMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        super(session, settingsDecrypter);
    }

    @Override
    String goal() {
        return "status";
    }

    @Override
    JobSelection settings() throws InvalidConfigurationException {
        return JobSelection.of(jobs, excludes, MavenSettingNames.INSTANCE);
    }

    @Override
    void run(JobSelection selection, DlfConnection connection, Log log) throws Exception {
        try (var client = connection.client().build()) {
            List<JobSummary> found =
                    new JobStatuses(client, connection.settings().threads(), log).list(selection);
            log.info("DLF jobs of " + connection.settings().describe() + ": " + found.size() + " matching "
                    + selection.jobs() + (selection.excludes().isEmpty() ? "" : ", less " + selection.excludes())
                    + ".");
            JobStatuses.lines(found).forEach(line -> log.info("  " + line));
        }
    }
}
