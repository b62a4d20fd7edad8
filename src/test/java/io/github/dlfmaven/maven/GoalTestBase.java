package io.github.dlfmaven.maven;

import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import io.github.dlfmaven.testing.TestZip;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the goal tests stand in for Maven (maven-plugin-testing-harness): a project in the test's folder, a session whose
 * settings, properties, environment ({@code env.*}), offline flag and proxies a test sets, a log that keeps every line,
 * and a local server for DLF.
 */
abstract class GoalTestBase {

    final RecordingMavenLog log = new RecordingMavenLog();
    final List<String> lines = log.lines;
    final Settings settings = new Settings();
    final Properties systemProperties = new Properties();
    final Properties userProperties = new Properties();
    final MockWebServer server = new MockWebServer();
    boolean offline;
    RepositorySystemSession repositorySession;

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
        lenient().when(session.getUserProperties()).thenReturn(userProperties);
        lenient().when(session.getSystemProperties()).thenReturn(systemProperties);
        lenient().when(session.getSettings()).thenReturn(settings);
        lenient().when(session.isOffline()).thenAnswer(invocation -> offline);
        lenient().when(session.getExecutionRootDirectory()).thenReturn(MojoExtension.getBasedir());
        lenient().when(session.getRepositorySession()).thenAnswer(invocation -> repositorySession);
        return session;
    }

    @BeforeEach
    void startServer() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
        System.clearProperty("settings.security");
    }

    /** Credentials in the environment, as CI gives them; a null token for permanent keys. */
    void environment(String ak, String sk, String token) {
        systemProperties.setProperty("env.HUAWEICLOUD_SDK_AK", ak);
        systemProperties.setProperty("env.HUAWEICLOUD_SDK_SK", sk);
        if (token != null) {
            systemProperties.setProperty("env.HUAWEICLOUD_SDK_SECURITY_TOKEN", token);
        }
    }

    void repositorySession(DefaultProxySelector proxies) {
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        session.setProxySelector(proxies);
        repositorySession = session;
    }

    /** An export's answer: a zip of one entry. */
    static MockResponse zip(String name, String content) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(TestZip.of(name, content)))
                .build();
    }

    /** A job list's answer. */
    static MockResponse jobList(String json) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(json)
                .build();
    }
}
