package io.github.dlfmaven.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check writes its reports and its export only into folders of its own, never into the snapshot. */
class CheckSettingsTest {

    @TempDir
    Path project;

    private String problem(Path snapshot, Path reports) {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> CheckSettings.of(snapshot, reports, true, false, SettingNames.PLAIN));
        return String.join("\n", e.problems());
    }

    @Test
    void theDefaultsAreFine() throws Exception {
        CheckSettings check = CheckSettings.of(
                project.resolve("src/main/dlf"), project.resolve("target/dlf-check"), true, false, SettingNames.PLAIN);

        assertEquals(project.resolve("target/dlf-check/cloud"), check.cloudDirectory());
    }

    @Test
    void reportsInsideTheSnapshotAreRefused() {
        assertTrue(problem(project.resolve("src/main/dlf"), project.resolve("src/main/dlf/reports"))
                .contains("leads into the snapshot"));
    }

    @Test
    void aSnapshotInsideTheCloudFolderIsRefused() {
        assertTrue(problem(project.resolve("r/cloud/dlf"), project.resolve("r"))
                .contains("which the check replaces with the cloud's export"));
    }

    @Test
    void aCloudFolderThatLinksIntoTheSnapshotIsRefused() throws Exception {
        Path snapshot =
                Files.createDirectories(project.resolve("src/main/dlf/jobs")).getParent();
        Path reports = Files.createDirectories(project.resolve("target/dlf-check"));
        Files.createSymbolicLink(reports.resolve("cloud"), snapshot.resolve("jobs"));

        assertTrue(problem(snapshot, reports).contains("leads into the snapshot"));
    }

    @Test
    void aCloudFolderThatLinksElsewhereIsRefused() throws Exception {
        Path reports = Files.createDirectories(project.resolve("target/dlf-check"));
        Files.createSymbolicLink(reports.resolve("cloud"), Files.createDirectories(project.resolve("elsewhere")));

        assertTrue(problem(project.resolve("src/main/dlf"), reports).contains("is a link"));
    }

    @Test
    void aCloudFolderOfSomeoneElsesIsNotReplacedButOneTheCheckClaimedIs() throws Exception {
        // -Ddlf.check.reportDirectory=. in a project that has a cloud/ folder of its own.
        Files.createDirectories(project.resolve("cloud/terraform"));
        Files.writeString(project.resolve("cloud/terraform/main.tf"), "resource {}");

        assertTrue(problem(project.resolve("src/main/dlf"), project).contains("holds files that are not the check's"));

        Path reports = project.resolve("target/dlf-check");
        CheckSettings.of(project.resolve("src/main/dlf"), reports, true, false, SettingNames.PLAIN)
                .cloud()
                .claim();
        Files.createDirectories(reports.resolve("cloud/jobs"));
        Files.writeString(reports.resolve("cloud/jobs/a.job"), "{}");
        CheckSettings.of(project.resolve("src/main/dlf"), reports, true, false, SettingNames.PLAIN);
    }

    @Test
    void obsPathLeavesNothingToCompare() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> CheckSettings.of(
                        project.resolve("src/main/dlf"), project.resolve("r"), true, true, SettingNames.PLAIN));

        assertTrue(e.problems().get(0).contains("obsPath"), e.problems().toString());
    }
}
