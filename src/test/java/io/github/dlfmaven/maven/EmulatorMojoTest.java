package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.api.ExportRequest;
import io.github.dlfmaven.api.ExportResponse;
import io.github.dlfmaven.auth.Credentials;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlf:emulator} in the foreground: it prints what a person needs, serves until interrupted, then stops. */
@MojoTest
class EmulatorMojoTest {

    private final RecordingMavenLog log = new RecordingMavenLog();
    private final List<String> lines = log.lines;

    @TempDir
    Path temp;

    @Provides
    Log log() {
        return log;
    }

    @Provides
    MavenSession session() {
        MavenSession session = mock(MavenSession.class);
        lenient().when(session.getUserProperties()).thenReturn(new Properties());
        lenient().when(session.getSystemProperties()).thenReturn(new Properties());
        lenient().when(session.getSettings()).thenReturn(new Settings());
        lenient().when(session.getExecutionRootDirectory()).thenReturn(MojoExtension.getBasedir());
        return session;
    }

    @Test
    @InjectMojo(goal = "emulator")
    void servesWithPrintedDemoCredentialsUntilInterrupted(EmulatorMojo mojo) throws Exception {
        Path fixtures = Files.createDirectories(temp.resolve("dlf/jobs"));
        Files.writeString(fixtures.resolve("a.job"), "{\n  \"name\": \"a\"\n}\n");
        mojo.fixturesDirectory = temp.resolve("dlf").toFile();
        mojo.obsDirectory = temp.resolve("obs").toFile();
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setGroupId("io.github.dlfmaven");
        plugin.setArtifactId("dlf-maven-plugin");
        plugin.setVersion("1.0");
        mojo.plugin = plugin;

        Thread foreground = new Thread(() -> {
            try {
                mojo.execute();
            } catch (Exception e) {
                lines.add("[FAILED] " + e);
            }
        });
        foreground.start();
        String url = awaitLine(Pattern.compile("DLF emulator listening on (http://127\\.0\\.0\\.1:\\d+)"))
                .group(1);
        Matcher demo =
                awaitLine(Pattern.compile("Demo credentials: HUAWEICLOUD_SDK_AK=(\\S+) HUAWEICLOUD_SDK_SK=(\\S+)"));
        // Printed after the credentials: wait for it rather than race the goal's thread.
        awaitLine(Pattern.compile(
                Pattern.quote("mvn io.github.dlfmaven:dlf-maven-plugin:1.0:export -Ddlf.endpoint=" + url)));
        // And how to import into it: its own URL is its OBS endpoint too, and any bucket does.
        awaitLine(Pattern.compile(Pattern.quote("Import into it: HUAWEICLOUD_SDK_AK=" + demo.group(1)
                + " HUAWEICLOUD_SDK_SK=" + demo.group(2) + " mvn io.github.dlfmaven:dlf-maven-plugin:1.0:import"
                + " -Ddlf.endpoint=" + url + " -Ddlf.projectId=demo -Ddlf.obsEndpoint=" + url
                + " -Ddlf.obsPath=obs://dlf-import/ -Ddlf.jobs=<job names> -Ddlf.snapshotDirectory=<a snapshot>")));

        try (DlfClient client = DlfClient.builder(
                        URI.create(url), "p", Credentials.of(demo.group(1), demo.group(2), "printed demo credentials"))
                .build()) {
            assertInstanceOf(
                    ExportResponse.Archive.class,
                    client.export(new ExportRequest("a", true, "DEVELOP", null), temp.resolve("a.zip"), 1 << 20));
        }

        foreground.interrupt();
        foreground.join(10_000);
        assertFalse(foreground.isAlive());
        assertTrue(lines.contains("[INFO] DLF emulator stopped."), lines::toString);
        // The JDK releases a closed listening socket when its selector next wakes: give it a moment.
        URI endpoint = URI.create(url);
        for (int i = 0; i < 40 && listening(endpoint); i++) {
            Thread.sleep(50);
        }
        assertThrows(ConnectException.class, () -> new Socket(endpoint.getHost(), endpoint.getPort()).close());
    }

    private static boolean listening(URI endpoint) {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Matcher awaitLine(Pattern pattern) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            synchronized (lines) {
                for (String line : lines) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        return matcher;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line matching " + pattern + " in " + lines);
    }
}
