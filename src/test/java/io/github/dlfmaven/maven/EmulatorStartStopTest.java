package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.AbstractExecutionListener;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.internal.DefaultExecutionEventCatapult;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlf:emulator-start} and {@code dlf:emulator-stop} in one project's build: the properties they set and give
 * back, and the emulator stopped when the project or the session ends, failed or not. Events come through Maven's own
 * {@code DefaultExecutionEventCatapult}, which looks up the request's listener when it fires, as a build does.
 */
@MojoTest
class EmulatorStartStopTest {

    private static final String POM_ENDPOINT = "https://dlf.example.com";

    private final RecordingMavenLog log = new RecordingMavenLog();
    private final MavenExecutionRequest request = new DefaultMavenExecutionRequest();
    private final List<ExecutionEvent.Type> passedOn = Collections.synchronizedList(new ArrayList<>());
    private final MavenProject project = project("a");
    private final Map<String, Object> pluginContext = new HashMap<>();
    private final List<EmulatorContext> started = new ArrayList<>();
    private MavenProject current = project;

    @TempDir
    Path temp;

    @Provides
    Log log() {
        return log;
    }

    /** The project emulator-start runs in: the harness makes it the session's current project. */
    @Provides
    MavenProject project() {
        return project;
    }

    @Provides
    MavenSession session() {
        MavenSession session = mock(MavenSession.class);
        lenient().when(session.getUserProperties()).thenReturn(new Properties());
        lenient().when(session.getSystemProperties()).thenReturn(new Properties());
        lenient().when(session.getSettings()).thenReturn(new Settings());
        lenient().when(session.getExecutionRootDirectory()).thenReturn(MojoExtension.getBasedir());
        lenient().when(session.getRequest()).thenReturn(request);
        lenient().when(session.getCurrentProject()).thenAnswer(invocation -> current);
        return session;
    }

    @BeforeEach
    void maven() {
        // Maven's own listener (the build's log), which every event must still reach.
        request.setExecutionListener(new AbstractExecutionListener() {
            @Override
            public void projectSucceeded(ExecutionEvent event) {
                passedOn.add(event.getType());
            }

            @Override
            public void projectFailed(ExecutionEvent event) {
                passedOn.add(event.getType());
            }

            @Override
            public void sessionEnded(ExecutionEvent event) {
                passedOn.add(event.getType());
            }
        });
        project.getProperties().setProperty(UserProperties.ENDPOINT, POM_ENDPOINT);
    }

    @AfterEach
    void stopAll() {
        started.forEach(EmulatorContext::stop);
    }

    @Test
    @InjectMojo(goal = "emulator-start")
    void emulatorStopGivesThePropertiesItSetTheirEarlierValuesBack(EmulatorStartMojo start) throws Exception {
        String url = start(start);
        assertEquals(url, property(UserProperties.ENDPOINT));
        assertEquals(url, property(UserProperties.OBS_ENDPOINT));

        stop();

        assertEquals(POM_ENDPOINT, property(UserProperties.ENDPOINT), "the pom's endpoint, for a later export");
        assertNull(property(UserProperties.OBS_ENDPOINT), "there was none before");
        assertTrue(lines().contains("[INFO] DLF emulator at " + url + " stopped."), lines()::toString);
        awaitClosed(url);
    }

    @Test
    @InjectMojo(goal = "emulator-start")
    void aPropertySetToSomethingElseMeanwhileIsLeftAsItIs(EmulatorStartMojo start) throws Exception {
        start(start);
        project.getProperties().setProperty(UserProperties.OBS_ENDPOINT, "https://obs.example.com");

        stop();

        assertEquals("https://obs.example.com", property(UserProperties.OBS_ENDPOINT));
        assertEquals(POM_ENDPOINT, property(UserProperties.ENDPOINT));
    }

    @Test
    @InjectMojo(goal = "emulator-start")
    void aFailedProjectsEndStopsItsEmulatorAndGivesThePropertiesBack(EmulatorStartMojo start) throws Exception {
        String url = start(start);

        fire(ExecutionEvent.Type.ProjectFailed);

        awaitClosed(url);
        assertEquals(POM_ENDPOINT, property(UserProperties.ENDPOINT));
        assertNull(property(UserProperties.OBS_ENDPOINT));
        assertTrue(
                lines().contains("[INFO] DLF emulator at " + url + " stopped: the build of " + project.getId()
                        + " ended."),
                lines()::toString);
        assertEquals(List.of(ExecutionEvent.Type.ProjectFailed), passedOn, "the event goes on to Maven's listener");
    }

    @Test
    @InjectMojo(goal = "emulator-start")
    void anotherProjectsEndLeavesItRunningAndTheSessionsEndStopsIt(EmulatorStartMojo start) throws Exception {
        String url = start(start);

        current = project("b");
        fire(ExecutionEvent.Type.ProjectSucceeded);
        assertTrue(listening(url), "b's end is not a's");

        current = null;
        fire(ExecutionEvent.Type.SessionEnded);

        awaitClosed(url);
        assertTrue(lines().contains("[INFO] DLF emulator at " + url + " stopped: the build ended."), lines()::toString);
        assertEquals(List.of(ExecutionEvent.Type.ProjectSucceeded, ExecutionEvent.Type.SessionEnded), passedOn);
    }

    @Test
    @InjectMojo(goal = "emulator-start")
    void theStopperIsChainedOncePerSessionAndStopsEachEmulatorOnce(EmulatorStartMojo start) throws Exception {
        String first = start(start);
        ExecutionListener chained = request.getExecutionListener();
        stop();
        String second = start(start);

        assertSame(chained, request.getExecutionListener(), "one stopper per session");
        fire(ExecutionEvent.Type.ProjectSucceeded);
        fire(ExecutionEvent.Type.SessionEnded);

        awaitClosed(second);
        assertEquals(List.of(ExecutionEvent.Type.ProjectSucceeded, ExecutionEvent.Type.SessionEnded), passedOn);
        List<String> stops =
                lines().stream().filter(l -> l.contains(" stopped")).toList();
        assertEquals(
                List.of(
                        "[INFO] DLF emulator at " + first + " stopped.",
                        "[INFO] DLF emulator at " + second + " stopped: the build of " + project.getId() + " ended."),
                stops);
    }

    // ---------------------------------------------------------------- helpers

    /** Runs emulator-start in the project's build; returns the emulator's URL. */
    private String start(EmulatorStartMojo start) throws Exception {
        start.fixturesDirectory =
                Files.createDirectories(temp.resolve("dlf/jobs")).getParent().toFile();
        start.obsDirectory = temp.resolve("obs").toFile();
        start.importDirectory = temp.resolve("imported").toFile();
        start.setPluginContext(pluginContext);
        start.execute();
        EmulatorContext running = EmulatorContext.of(pluginContext).orElseThrow();
        started.add(running);
        return running.url();
    }

    /** Runs emulator-stop in the project's build. */
    private void stop() {
        EmulatorStopMojo stop = new EmulatorStopMojo();
        stop.setLog(log);
        stop.setPluginContext(pluginContext);
        stop.execute();
    }

    private void fire(ExecutionEvent.Type type) {
        MavenSession session = session();
        new DefaultExecutionEventCatapult().fire(type, session, null, new Exception("the build of a failed"));
    }

    private String property(String name) {
        return project.getProperties().getProperty(name);
    }

    private List<String> lines() {
        synchronized (log.lines) {
            return List.copyOf(log.lines);
        }
    }

    private static MavenProject project(String artifactId) {
        Model model = new Model();
        model.setGroupId("it");
        model.setArtifactId(artifactId);
        model.setVersion("1");
        model.setPackaging("pom");
        return new MavenProject(model);
    }

    /** The JDK releases a closed listening socket when its dispatcher thread ends: give it a moment. */
    private static void awaitClosed(String url) throws InterruptedException {
        for (int i = 0; i < 100 && listening(url); i++) {
            Thread.sleep(50);
        }
        assertFalse(listening(url), url + " still listening");
    }

    private static boolean listening(String url) {
        URI endpoint = URI.create(url);
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
