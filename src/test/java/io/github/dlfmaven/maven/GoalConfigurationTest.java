package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The goals' own settings checked before any request, with the shared ones, every problem at once. */
@MojoTest
class GoalConfigurationTest extends GoalTestBase {

    @Test
    @InjectMojo(goal = "import")
    void offlineIsSaidOnceInTheImportsOwnWords(ImportMojo mojo) {
        mojo.region = "cn-north-4";
        mojo.projectId = "p1";
        mojo.snapshotDirectory = new File("src/it/quickstart/src/test/dlf").getAbsoluteFile();
        mojo.jobs = List.of("*");
        mojo.obsPath = "obs://import-bucket/dlf/";
        mojo.workDirectory = temp.resolve("work").toFile();
        offline = true;

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals(
                "An import changes a workspace in the cloud, which an offline build (-o) does not reach: run it"
                        + " without -o.",
                e.getMessage());
        assertFalse(e.getMessage().contains("export"), e.getMessage());
        assertTrue(log.lines.isEmpty(), log.lines::toString);
    }

    @Test
    @InjectMojo(goal = "check")
    void theChecksOwnProblemsComeWithTheSharedOnes(CheckMojo mojo) {
        mojo.region = "cn-north-4";
        mojo.projectId = "p1";
        mojo.jobs = List.of("*");
        mojo.snapshotDirectory = new File("src/it/quickstart/src/test/dlf").getAbsoluteFile();
        mojo.reportDirectory = temp.resolve("check").toFile();
        mojo.obsPath = "obs://bucket/dlf/"; // the check's own problem: nothing would come back to compare
        mojo.exportStatus = "RELEASED"; // a shared one

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("The dlf:check configuration has 2 problems:"), e.getMessage());
        assertTrue(e.getMessage().contains("obsPath"), e.getMessage());
        assertTrue(e.getMessage().contains("'RELEASED' is not valid"), e.getMessage());
    }
}
