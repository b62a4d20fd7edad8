package io.github.dlfmaven.maven;

import io.github.dlfmaven.report.SnapshotReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * Draws every job of a snapshot: an index of all jobs (folder, schedule in words, owner, nodes, scripts) with their
 * dependencies on each other drawn, a page per job with its node graph as SVG and the SQL of its scripts, a page per
 * script with every job that uses it, and one SVG per job a pull request can link. Plain HTML, no script, no network
 * at view time. Offline, no credentials. When {@code target/dlf-check/drift.json} exists, the index shows the drift.
 *
 * <p>Runs on its own ({@code mvn dlf:report}, no pom needed) and as a site report: listed under {@code <reporting>},
 * {@code mvn site} puts the pages in {@code dlf-report/} of the site, under "Project Reports" (maven-site-plugin
 * 3.20.0 or later, the first on the reporting API 4).
 *
 * @since 0.1.0
 */
@Mojo(name = "report", threadSafe = true, requiresProject = false)
public class ReportMojo extends AbstractSnapshotMojo implements MavenReport {

    /** The report's folder below the site, and so its link in "Project Reports". */
    private static final String SITE_FOLDER = "dlf-report";

    /**
     * Where the pages go when the goal runs on its own ({@code mvn site} puts them in the site's {@code dlf-report/}
     * instead); the goal replaces what it wrote there on every run, and refuses a folder that holds any other file.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = UserProperties.REPORT_OUTPUT_DIRECTORY,
            defaultValue = "${project.build.directory}/dlf-report")
    File outputDirectory;

    /**
     * The drift report of {@code dlf:check} to show, when it exists: {@code drift.json} in the check's
     * {@code reportDirectory}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.REPORT_DRIFT, defaultValue = "${project.build.directory}/dlf-check/drift.json")
    File driftReport;

    /** The site's folder, when the site plugin runs this as a report. */
    private File siteDirectory;

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
        Path output = siteDirectory != null
                ? siteDirectory.toPath().resolve(SITE_FOLDER)
                : orDefault(outputDirectory, "target/dlf-report").toPath();
        Path drift = orDefault(driftReport, "target/dlf-check/drift.json").toPath();
        try {
            SnapshotReport.Summary summary = new SnapshotReport(new MavenLog(getLog()), MavenSettingNames.INSTANCE)
                    .write(snapshot, output, drift);
            getLog().info("DLF report: " + summary.jobs() + " jobs and " + summary.scripts() + " scripts drawn; open "
                    + summary.index() + ".");
        } catch (IOException e) {
            throw new MojoFailureException("The DLF report failed: " + e.getMessage(), e);
        }
    }

    // As a site report. The pages are written as files of their own (an external report), like Javadoc's, because
    // they carry their own SVG and style, which the site's skin would only get in the way of.

    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        try {
            execute();
        } catch (MojoExecutionException | MojoFailureException e) {
            throw new MavenReportException(e.getMessage(), e);
        }
    }

    /** A site without a snapshot leaves the report out, with a warning, rather than failing the whole site. */
    @Override
    public boolean canGenerateReport() {
        if (skip) {
            return false;
        }
        if (!Files.isDirectory(snapshot())) {
            getLog().warn(noSnapshot(snapshot()) + " The site leaves the report out.");
            return false;
        }
        return true;
    }

    @Override
    public boolean isExternalReport() {
        return true;
    }

    @Override
    public String getOutputName() {
        return SITE_FOLDER + "/index";
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
    }

    @Override
    public String getName(Locale locale) {
        return "DataArts Factory jobs";
    }

    @Override
    public String getDescription(Locale locale) {
        return "Every DataArts Factory job of the snapshot drawn, with its schedule, scripts and dependencies.";
    }

    @Override
    public void setReportOutputDirectory(File directory) {
        siteDirectory = directory;
    }

    @Override
    public File getReportOutputDirectory() {
        return siteDirectory != null ? siteDirectory : outputDirectory;
    }
}
