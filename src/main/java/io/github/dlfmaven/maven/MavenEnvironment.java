package io.github.dlfmaven.maven;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;

/** What the goals read from the Maven session besides their parameters. */
final class MavenEnvironment {

    private MavenEnvironment() {}

    /** Environment variables as Maven recorded them ({@code env.*} system properties of the session). */
    static Map<String, String> variables(MavenSession session) {
        Map<String, String> environment = new HashMap<>();
        Properties properties = session.getSystemProperties();
        if (properties != null) {
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith("env.")) {
                    environment.put(name.substring("env.".length()), properties.getProperty(name));
                }
            }
        }
        return environment;
    }

    /**
     * A path parameter, or {@code fallback} below the folder Maven runs in when the parameter still holds an
     * expression: without a pom ({@code requiresProject = false}) Maven leaves {@code ${project.*}} as it is.
     */
    static File pathOrDefault(File configured, MavenSession session, String fallback) {
        if (configured != null && !configured.getPath().contains("${")) {
            return configured;
        }
        String root = session.getExecutionRootDirectory();
        return new File(root != null ? root : System.getProperty("user.dir"), fallback);
    }
}
