package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The goal inside Maven's own container (maven-plugin-testing-harness): parameter binding, credential
 * sources with the real {@code SettingsDecrypter}, configuration errors, skip; requests go to a local server.
 */
/** The export goal's own parameters and what its failures leave. */
@MojoTest
class ExportMojoTest extends GoalTestBase {

    @Test
    @InjectMojo(goal = "export")
    void parameterDefaults(ExportMojo mojo) {
        assertEquals(
                new File(MojoExtension.getBasedir(), "target/dlf").getAbsoluteFile(),
                mojo.outputDirectory.getAbsoluteFile());
        assertEquals("dlf", mojo.serverId);
        assertEquals("DEVELOP", mojo.exportStatus);
        assertTrue(mojo.exportDepend);
        assertFalse(mojo.skip);
        assertEquals(4, mojo.threads);
        assertEquals(3, mojo.retries);
        assertEquals(10, mojo.connectTimeout);
        assertEquals(120, mojo.readTimeout);
        assertEquals(1L << 30, mojo.maxExtractedBytes);
        assertEquals(10_000, mojo.maxEntries);
        assertNull(mojo.region);
        assertNull(mojo.endpoint);
        assertNull(mojo.obsPath);
        assertTrue(mojo.batch);
        assertFalse(mojo.allowEmpty);
        assertNull(mojo.directory);
        assertTrue(mojo.excludes == null || mojo.excludes.isEmpty());
    }

    @Test
    @InjectMojo(goal = "export")
    @MojoParameter(name = "jobs", value = "a, b,c")
    @MojoParameter(name = "threads", value = "2")
    void commaSeparatedJobs(ExportMojo mojo) {
        // Maven splits at commas without trimming; the configuration trims each name.
        assertEquals(List.of("a", " b", "c"), mojo.jobs);
        assertEquals(2, mojo.threads);
    }

    @Test
    @InjectMojo(goal = "export")
    void anOutputFolderLinkingToTheProjectIsRefusedBeforeAnyRequest(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        environment(GoalTemplateTest.ENV_AK, GoalTemplateTest.ENV_SK, null);
        // Should the check ever let it through, the export still fails before anything is replaced.
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .body("{\"error_code\":\"DLF.0100\"}")
                .build());
        Path link = Files.createSymbolicLink(temp.resolve("snapshot"), Path.of(MojoExtension.getBasedir()));
        mojo.outputDirectory = link.toFile();

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(
                e.getMessage().startsWith("Output directory '" + link + "' (which is ")
                        && e.getMessage().contains("contains")
                        && e.getMessage().contains("-Ddlf.outputDirectory"),
                e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    @InjectMojo(goal = "export")
    void aFailedExportLeavesTheSnapshotUntouchedAndIsAFailure(ExportMojo mojo) throws Exception {
        configureForServer(mojo, "a");
        environment(GoalTemplateTest.ENV_AK, GoalTemplateTest.ENV_SK, null);
        Path old = mojo.outputDirectory.toPath().resolve("jobs/old.job");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "{}\n");
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .setHeader("Content-Type", "application/json")
                .body("{\"error_code\":\"DLF.0100\",\"error_msg\":\"The job does not exists.\"}")
                .build());

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("DLF.0100"), e.getMessage());
        assertEquals(
                List.of("old.job"),
                Files.list(old.getParent()).map(p -> p.getFileName().toString()).toList());
        assertEquals(
                List.of("jobs"),
                Files.list(mojo.outputDirectory.toPath())
                        .map(p -> p.getFileName().toString())
                        .toList());
    }

    private void configureForServer(ExportMojo mojo, String... jobs) {
        mojo.endpoint = server.url("/").toString();
        mojo.projectId = "0833a5737480d53b2f25c010dc1a7b88";
        mojo.jobs = List.of(jobs);
        mojo.outputDirectory = temp.resolve("target/dlf").toFile();
    }
}
