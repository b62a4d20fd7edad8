package io.github.dlfmaven.config;

import io.github.dlfmaven.files.OwnedFolder;
import io.github.dlfmaven.files.RealPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code check} needs on top of an export: the committed snapshot it compares with, where its reports (and the
 * fresh export, in {@link #cloudDirectory()}) go, and whether drift fails the build. The check never writes into the
 * snapshot: neither the reports nor the fresh export may lie inside it, and the export may not contain it.
 *
 * @param snapshotDirectory the committed snapshot, absolute
 * @param reportDirectory where {@code drift.json} and {@code drift.md} go, absolute
 * @param failOnDrift whether drift fails the build
 */
public record CheckSettings(Path snapshotDirectory, Path reportDirectory, boolean failOnDrift) {

    /** The name of the folder in {@code reportDirectory} that the cloud is exported into. */
    static final String CLOUD_FOLDER = "cloud";
    /**
     * Written next to {@link #CLOUD_FOLDER} before the check's first export: a {@code cloud} folder without it is
     * someone else's, and is not replaced.
     */
    static final String CLOUD_MARKER = ".dlf-check-cloud";

    /** Where the cloud's snapshot is exported for the comparison. */
    public Path cloudDirectory() {
        return cloudDirectory(reportDirectory);
    }

    /** Where a check with these reports exports the cloud's snapshot. */
    public static Path cloudDirectory(Path reportDirectory) {
        return reportDirectory.resolve(CLOUD_FOLDER);
    }

    /** The check's claim on {@link #cloudDirectory()}, whose content each export replaces. */
    public OwnedFolder cloud() {
        return cloud(reportDirectory);
    }

    private static OwnedFolder cloud(Path reports) {
        return new OwnedFolder(reports.resolve(CLOUD_FOLDER), reports.resolve(CLOUD_MARKER), "dlf:check", "export");
    }

    /**
     * @param exportToObs whether {@code obsPath} is set, which leaves nothing to compare
     * @throws InvalidConfigurationException naming every problem, each with the setting to change
     */
    public static CheckSettings of(
            Path snapshotDirectory, Path reportDirectory, boolean failOnDrift, boolean exportToObs, SettingNames names)
            throws InvalidConfigurationException {
        List<String> problems = new ArrayList<>();
        if (snapshotDirectory == null) {
            problems.add("No snapshot to compare with: set " + names.where(Setting.SNAPSHOT_DIRECTORY) + ".");
        }
        if (reportDirectory == null) {
            problems.add("No report directory: set " + names.where(Setting.REPORT_DIRECTORY) + ".");
        }
        if (exportToObs) {
            problems.add("The check compares the exported packages, which " + names.name(Setting.OBS_PATH)
                    + " sends to OBS instead: leave it unset.");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        Path snapshot = snapshotDirectory.toAbsolutePath().normalize();
        Path reports = reportDirectory.toAbsolutePath().normalize();
        Path cloud = reports.resolve(CLOUD_FOLDER);
        String elsewhere = ": point " + names.where(Setting.REPORT_DIRECTORY)
                + " at a folder of its own, such as ${project.build.directory}/dlf-check.";
        try {
            Path realSnapshot = RealPath.of(snapshot);
            Path realReports = RealPath.of(reports);
            Path realCloud = RealPath.of(cloud);
            if (realReports.startsWith(realSnapshot) || realCloud.startsWith(realSnapshot)) {
                problems.add("Report directory '" + reports + "' leads into the snapshot '" + snapshot
                        + "', which the check never writes to" + elsewhere);
            } else if (realSnapshot.startsWith(realCloud)) {
                problems.add("The snapshot '" + snapshot + "' lies inside '" + cloud
                        + "', which the check replaces with the cloud's export" + elsewhere);
            } else if (Files.isSymbolicLink(cloud)) {
                problems.add("'" + cloud + "' is a link; the check replaces that folder with the cloud's export"
                        + elsewhere);
            } else if (cloud(reports).foreign()) {
                problems.add("'" + cloud + "' holds files that are not the check's; it would replace them with the"
                        + " cloud's export" + elsewhere);
            }
        } catch (IOException e) {
            problems.add("The snapshot or report directory cannot be resolved (" + e.getMessage() + "); check "
                    + names.where(Setting.SNAPSHOT_DIRECTORY) + " and " + names.where(Setting.REPORT_DIRECTORY)
                    + ".");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new CheckSettings(snapshot, reports, failOnDrift);
    }
}
