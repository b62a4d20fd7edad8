package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals' own settings checked before any request, with the shared ones, every problem at once. */
@MojoTest
class GoalConfigurationTest {

    private final RecordingMavenLog log = new RecordingMavenLog();
    private final Properties systemProperties = new Properties();
    private boolean offline;

    @TempDir
    Path temp;

    @Provides
    Log log() {
        return log;
    }

    @Provides
    MavenProject project() {
        MavenProject project = new MavenProject();
        Build build = new Build();
        build.setDirectory(new File(MojoExtension.getBasedir(), "target").getAbsolutePath());
        project.getModel().setBuild(build);
        project.setFile(new File(MojoExtension.getBasedir(), "pom.xml"));
        return project;
    }

    @Provides
    MavenSession session() {
        MavenSession session = mock(MavenSession.class);
        lenient().when(session.getUserProperties()).thenReturn(new Properties());
        lenient().when(session.getSystemProperties()).thenReturn(systemProperties);
        lenient().when(session.getSettings()).thenReturn(new Settings());
        lenient().when(session.isOffline()).thenAnswer(invocation -> offline);
        lenient().when(session.getExecutionRootDirectory()).thenReturn(MojoExtension.getBasedir());
        return session;
    }

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
