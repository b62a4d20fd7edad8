package io.github.dlfmaven.maven;

import io.github.dlfmaven.report.SnapshotReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Draws every job of a snapshot: an index of all jobs (folder, schedule in words, owner, nodes, scripts) with their
 * dependencies on each other drawn, a page per job with its node graph as SVG and the SQL of its scripts, a page per
 * script with every job that uses it, and one SVG per job a pull request can link. Plain HTML, no script, no network
 * at view time. Offline, no credentials. When {@code target/dlf-check/drift.json} exists, the index shows the drift.
 *
 * @since 0.1.0
 */
@Mojo(name = "report", threadSafe = true, requiresProject = false)
public class ReportMojo extends AbstractSnapshotMojo {

    /**
     * Where the pages go; the goal replaces this folder on every run, and refuses one that holds other files.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = UserProperties.REPORT_OUTPUT_DIRECTORY,
            defaultValue = "${project.build.directory}/dlf-report")
    File reportOutputDirectory;

    /**
     * The drift report of {@code dlf:check} to show, when it exists.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/dlf-check/drift.json", readonly = true)
    File driftReport;

    @Inject
    public ReportMojo(MavenSession session) {
        super(session);
    }

    @Override
    String goal() {
        return "report";
    }

    @Override
    void run(Path snapshot) throws MojoFailureException {
        Path output = orDefault(reportOutputDirectory, "target/dlf-report").toPath();
        Path drift = orDefault(driftReport, "target/dlf-check/drift.json").toPath();
        try {
            SnapshotReport.Summary summary = new SnapshotReport(new MavenLog(getLog())).write(snapshot, output, drift);
            getLog().info("DLF report: " + summary.jobs() + " jobs and " + summary.scripts() + " scripts drawn; open "
                    + summary.index() + ".");
        } catch (IOException e) {
            throw new MojoFailureException("The DLF report failed: " + e.getMessage(), e);
        }
    }
}
