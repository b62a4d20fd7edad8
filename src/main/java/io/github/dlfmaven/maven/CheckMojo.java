package io.github.dlfmaven.maven;

import io.github.dlfmaven.api.DlfConnection;
import io.github.dlfmaven.check.Drift;
import io.github.dlfmaven.check.DriftCheck;
import io.github.dlfmaven.check.DriftReport;
import io.github.dlfmaven.config.CheckSettings;
import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.config.ExportSettings;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.files.FolderLock;
import io.github.dlfmaven.files.Folders;
import io.github.dlfmaven.log.Log;
import java.io.File;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Fails the build when the jobs in DataArts Factory differ from the committed snapshot: exports them afresh, exactly
 * as {@code dlf:export} does and with its parameters, into a folder of its own, compares that file by file with
 * {@code snapshotDirectory}, logs what differs and writes {@code drift.json} and {@code drift.md} into {@code
 * reportDirectory}. It never writes into the snapshot. A failure of the export itself fails with the export's own
 * message, never as drift.
 *
 * @since 0.1.0
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class CheckMojo extends AbstractExportingMojo<CheckMojo.Settings> {

    /**
     * The committed snapshot to compare with, as {@code dlf:export} writes it. {@code ./src/main/dlf} without a
     * pom.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.SNAPSHOT_DIRECTORY, defaultValue = "${project.basedir}/src/main/dlf")
    File snapshotDirectory;

    /**
     * Whether drift fails the build. With {@code false} the check logs the drift and writes the reports, and the
     * build goes on.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.FAIL_ON_DRIFT, defaultValue = Defaults.FAIL_ON_DRIFT)
    boolean failOnDrift;

    /**
     * Where {@code drift.json} and {@code drift.md} are written; the fresh export goes into its {@code cloud}
     * folder.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.REPORT_DIRECTORY, defaultValue = "${project.build.directory}/dlf-check")
    File reportDirectory;

    /** The check's settings: its export of the cloud, and what it compares that with. */
    record Settings(ExportSettings export, CheckSettings check) {}

    @Inject
    public CheckMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        super(session, settingsDecrypter);
    }

    @Override
    String goal() {
        return "check";
    }

    @Override
    Settings settings() throws InvalidConfigurationException {
        Problems problems = new Problems();
        CheckSettings check = problems.check(() -> CheckSettings.of(
                MavenEnvironment.pathOrDefault(snapshotDirectory, session, "src/main/dlf")
                        .toPath(),
                MavenEnvironment.pathOrDefault(reportDirectory, session, "target/dlf-check")
                        .toPath(),
                failOnDrift,
                obsPath != null && !obsPath.isBlank(),
                MavenSettingNames.INSTANCE));
        ExportSettings.Builder export = export();
        if (check != null) {
            export.outputDirectory(check.cloudDirectory()).protectDirectory(check.snapshotDirectory());
        } else {
            // The check's own settings are wrong: the export's are checked all the same, for one list of problems.
            export.outputDirectory(CheckSettings.cloudDirectory(
                    MavenEnvironment.pathOrDefault(reportDirectory, session, "target/dlf-check")
                            .toPath()));
        }
        ExportSettings cloud = problems.check(export::build);
        problems.throwIfAny();
        return new Settings(cloud, check);
    }

    @Override
    void run(Settings settings, DlfConnection connection, Log log) throws Exception {
        CheckSettings check = settings.check();
        Drift drift;
        // The report folder is this run's until it ends: another check would replace the export and the reports.
        Folders.create(check.reportDirectory());
        try (FolderLock lock = FolderLock.acquire(
                check.reportDirectory(), "dlf:check", MavenSettingNames.INSTANCE.where(Setting.REPORT_DIRECTORY))) {
            DriftReport.clear(check.reportDirectory());
            check.cloud().claim();
            try (var client = connection.client().build()) {
                Exporter.forComparison(settings.export(), connection.settings(), client, log)
                        .run();
            }
            drift = new DriftCheck(log)
                    .run(
                            check.snapshotDirectory(),
                            check.cloudDirectory(),
                            check.reportDirectory(),
                            shown(check.snapshotDirectory()));
        }
        if (!drift.none() && check.failOnDrift()) {
            throw new MojoFailureException("DLF drift: "
                    + Drift.files(drift.files().size()) + (drift.files().size() == 1 ? " differs" : " differ")
                    + " between the cloud and "
                    + shown(check.snapshotDirectory()) + " (" + drift.counts() + "); report: "
                    + check.reportDirectory().resolve(DriftReport.MARKDOWN_FILE) + ". If the cloud is right, update"
                    + " the snapshot with: mvn dlf:export "
                    + MavenSettingNames.INSTANCE.assignment(Setting.OUTPUT_DIRECTORY, shown(check.snapshotDirectory()))
                    + " (with this check's selection), and commit it.");
        }
    }

    /** The snapshot as the user names it: relative to the folder Maven runs in, where it lies below it. */
    private String shown(Path folder) {
        String root = session.getExecutionRootDirectory();
        if (root != null) {
            Path base = Path.of(root).toAbsolutePath().normalize();
            if (folder.startsWith(base) && !folder.equals(base)) {
                return base.relativize(folder).toString().replace(File.separatorChar, '/');
            }
        }
        return folder.toString();
    }
}
