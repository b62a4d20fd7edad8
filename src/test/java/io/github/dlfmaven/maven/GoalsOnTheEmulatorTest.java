package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The goals run as Maven runs them against the emulator serving the quick start: {@code status} lists jobs and writes
 * nothing, {@code check} finds no drift in what the emulator serves and drift in what it does not, {@code import} plans
 * a dry run, {@code validate} and {@code report} read a snapshot offline.
 */
@MojoTest
class GoalsOnTheEmulatorTest extends GoalTestBase {

    private static final Path QUICK_START = Path.of("src/it/quickstart/src/test/dlf");
    private static final Credentials KEYS =
            Credentials.of("READINGGOALSAK000001", "readingGoalsSecretKey0000000000000000001", "test");

    private DlfEmulator emulator;

    @BeforeEach
    void startEmulator() throws Exception {
        emulator = DlfEmulator.builder(QUICK_START, KEYS)
                .obsDirectory(temp.resolve("obs"))
                .start();
        environment(KEYS.accessKey(), KEYS.secretKey(), null);
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    @InjectMojo(goal = "status")
    void statusListsTheSelectedJobsWithTheirSchedulesAndLastRunsAndWritesNothing(StatusMojo mojo) throws Exception {
        mojo.endpoint = emulator.endpoint().toString();
        mojo.projectId = "p1";
        mojo.jobs = List.of("d*");
        SortedMap<String, String> before = FileTrees.state(temp, false);

        mojo.execute();

        assertTrue(
                lines.contains("[INFO] DLF jobs of the default workspace of project p1 at " + emulator.endpoint()
                        + ": 2 matching [d*]."),
                lines::toString);
        assertTrue(
                lines.stream()
                        .anyMatch(line ->
                                line.matches("\\[INFO\\]   dwd_orders_clean  BATCH  \\w+  last run \\w+, ended .+")),
                lines::toString);
        assertTrue(
                lines.stream().anyMatch(line -> line.startsWith("[INFO]   dws_sales_daily   BATCH  ")),
                lines::toString);
        assertEquals(before, FileTrees.state(temp, false), "a status writes no file");
    }

    @Test
    @InjectMojo(goal = "check")
    void checkFindsNoDriftInWhatTheCloudServesAndDriftElsewhere(CheckMojo mojo) throws Exception {
        mojo.endpoint = emulator.endpoint().toString();
        mojo.projectId = "p1";
        mojo.jobs = List.of("*");
        Path snapshot = temp.resolve("snapshot");
        FileTrees.copy(QUICK_START, snapshot);
        mojo.snapshotDirectory = snapshot.toFile();
        mojo.reportDirectory = temp.resolve("check").toFile();

        mojo.execute();

        assertTrue(lines.contains("[INFO] DLF drift: none, 10 files unchanged."), lines::toString);

        Files.writeString(snapshot.resolve("jobs/retired.job"), "{\"name\": \"retired\"}\n");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("DLF drift: 1 file differs between the cloud and "), e.getMessage());
        assertTrue(Files.readString(temp.resolve("check/drift.md")).contains("jobs/retired.job"));
    }

    @Test
    @InjectMojo(goal = "validate")
    void validateReadsTheSnapshotOffline(ValidateMojo mojo) throws Exception {
        mojo.snapshotDirectory = QUICK_START.toFile();
        offline = true;

        mojo.execute();

        assertEquals(0, server.getRequestCount());
        assertTrue(lines.stream().anyMatch(line -> line.contains("10 definitions")), lines::toString);
    }

    @Test
    @InjectMojo(goal = "report")
    void reportDrawsEveryJob(ReportMojo mojo) throws Exception {
        mojo.snapshotDirectory = QUICK_START.toFile();
        mojo.outputDirectory = temp.resolve("report").toFile();
        mojo.driftReport = temp.resolve("none.json").toFile();
        offline = true;

        mojo.execute();

        assertTrue(Files.isRegularFile(temp.resolve("report/index.html")));
        assertTrue(
                lines.stream().anyMatch(line -> line.startsWith("[INFO] DLF report: 4 jobs and 5 scripts drawn")),
                lines::toString);
    }

    @Test
    @InjectMojo(goal = "import")
    void importPlansADryRunNamingItsTargetFirst(ImportMojo mojo) throws Exception {
        mojo.endpoint = emulator.endpoint().toString();
        mojo.obsEndpoint = emulator.endpoint().toString();
        mojo.projectId = "p1";
        mojo.jobs = List.of("ods_*");
        mojo.snapshotDirectory = QUICK_START.toFile();
        mojo.obsPath = "obs://import-bucket/dlf/";
        mojo.workDirectory = temp.resolve("import").toFile();
        mojo.dryRun = true;

        mojo.execute();

        assertTrue(
                lines.get(0)
                        .startsWith("[INFO] Import into the default workspace of project p1 at " + emulator.endpoint()),
                lines::toString);
        assertTrue(
                lines.contains("[INFO] Import plan: 0 to create, 0 that differ but are kept (sameNamePolicy SKIP),"
                        + " 3 unchanged."),
                lines::toString);
        assertTrue(Files.isRegularFile(temp.resolve("import/plan.md")));
    }
}
