package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.testing.FileTrees;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.Mojo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every goal honours {@code skip}: it says so, sends no request and writes no file, whatever else is configured, and
 * however wrong that is (no credentials, no project id: a skipped goal checks nothing).
 */
@MojoTest
class EveryGoalSkipsTest extends GoalTestBase {

    private Path folder;
    private SortedMap<String, String> before;

    @BeforeEach
    void aFolderWithASnapshot() throws Exception {
        folder = Files.createDirectories(temp.resolve("work"));
        FileTrees.copy(Path.of("src/it/quickstart/src/test/dlf"), folder.resolve("snapshot"));
        before = FileTrees.state(folder, true);
    }

    private void assertSkipped(Mojo mojo, String goal) throws Exception {
        mojo.execute();

        assertEquals(0, server.getRequestCount());
        assertEquals(before, FileTrees.state(folder, true), "nothing written");
        assertTrue(
                lines.stream().anyMatch(line -> line.startsWith("[INFO] Skipping the DLF " + goal)), lines::toString);
    }

    private File at(String name) {
        return folder.resolve(name).toFile();
    }

    @Test
    @InjectMojo(goal = "export")
    @MojoParameter(name = "skip", value = "true")
    void export(ExportMojo mojo) throws Exception {
        mojo.endpoint = server.url("/").toString();
        mojo.jobs = List.of("*");
        mojo.outputDirectory = at("dlf");
        assertSkipped(mojo, "export");
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "skip", value = "true")
    void check(CheckMojo mojo) throws Exception {
        mojo.endpoint = server.url("/").toString();
        mojo.jobs = List.of("*");
        mojo.snapshotDirectory = at("snapshot");
        mojo.reportDirectory = at("check");
        assertSkipped(mojo, "check");
    }

    @Test
    @InjectMojo(goal = "import")
    @MojoParameter(name = "skip", value = "true")
    void importGoal(ImportMojo mojo) throws Exception {
        mojo.endpoint = server.url("/").toString();
        mojo.obsEndpoint = server.url("/").toString();
        mojo.obsPath = "obs://bucket/dlf/";
        mojo.jobs = List.of("*");
        mojo.snapshotDirectory = at("snapshot");
        mojo.workDirectory = at("import");
        assertSkipped(mojo, "import");
    }

    @Test
    @InjectMojo(goal = "status")
    @MojoParameter(name = "skip", value = "true")
    void status(StatusMojo mojo) throws Exception {
        mojo.endpoint = server.url("/").toString();
        assertSkipped(mojo, "status");
    }

    @Test
    @InjectMojo(goal = "validate")
    @MojoParameter(name = "skip", value = "true")
    void validate(ValidateMojo mojo) throws Exception {
        mojo.snapshotDirectory = at("snapshot");
        assertSkipped(mojo, "validate");
    }

    @Test
    @InjectMojo(goal = "report")
    @MojoParameter(name = "skip", value = "true")
    void report(ReportMojo mojo) throws Exception {
        mojo.snapshotDirectory = at("snapshot");
        mojo.outputDirectory = at("report");
        assertSkipped(mojo, "report");
    }

    @Test
    @InjectMojo(goal = "emulator-start")
    @MojoParameter(name = "skip", value = "true")
    void emulatorStart(EmulatorStartMojo mojo) throws Exception {
        mojo.fixturesDirectory = at("snapshot");
        mojo.execute();

        assertEquals(before, FileTrees.state(folder, true), "nothing written");
        assertTrue(lines.contains("[INFO] Skipping the DLF emulator (dlf.emulator.skip=true)."), lines::toString);
    }
}
