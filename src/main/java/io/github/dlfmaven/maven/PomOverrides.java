package io.github.dlfmaven.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The goal's parameters whose {@code -D} user property the build was given, but which the pom sets to another value:
 * with Maven, a value written in the pom's {@code <configuration>} wins over a user property, silently. A user who
 * passes {@code -Ddlf.workspace=prod} to a pom that says {@code <workspace>dev</workspace>} works on dev; for a goal
 * that writes to the cloud that is a promotion into the wrong workspace, so the template refuses it there and warns
 * elsewhere.
 */
final class PomOverrides {

    private PomOverrides() {}

    /**
     * One sentence per parameter the pom overrides, naming both values and what to do instead; none when the
     * execution is unknown (a test) or cannot be read.
     */
    static List<String> of(MavenSession session, MojoExecution execution) {
        if (execution == null || execution.getMojoDescriptor() == null || execution.getConfiguration() == null) {
            return List.of();
        }
        List<String> overrides = new ArrayList<>();
        List<Parameter> parameters = execution.getMojoDescriptor().getParameters();
        for (Parameter parameter : parameters == null ? List.<Parameter>of() : parameters) {
            String property = property(parameter.getExpression());
            String given = property == null ? null : given(session, property);
            Xpp3Dom configured = execution.getConfiguration().getChild(parameter.getName());
            if (given == null || configured == null) {
                continue;
            }
            String raw = configured.getValue();
            // Not configured in the pom (Maven fills in the parameter's own expression), or configured as the property.
            if (raw != null && raw.strip().equals("${" + property + "}")) {
                continue;
            }
            String wins;
            boolean same;
            if (raw == null) {
                if (configured.getChildCount() == 0) {
                    continue;
                }
                // A list: its elements against the property's comma-separated values, as Maven splits them.
                List<String> elements = new ArrayList<>();
                for (Xpp3Dom element : configured.getChildren()) {
                    elements.add(evaluated(session, execution, String.valueOf(element.getValue()))
                            .strip());
                }
                List<String> values =
                        Arrays.stream(given.split(",", -1)).map(String::strip).toList();
                wins = String.join(",", elements);
                same = elements.equals(values);
            } else {
                wins = evaluated(session, execution, raw);
                same = "java.io.File".equals(parameter.getType())
                        ? file(session, wins).equals(file(session, given))
                        : wins.equals(given);
            }
            if (!same) {
                overrides.add("The pom's <" + parameter.getName() + "> ('" + wins + "') wins over -D" + property
                        + "='" + given + "', as Maven gives a value written in the pom's <configuration> precedence"
                        + " over a user property: to set it from the command line, write the value into <properties>"
                        + " as <" + property + "> and leave <" + parameter.getName() + "> out, or give each"
                        + " environment an <execution> or a profile of its own (mvn dlf:import@prod, -Pprod).");
            }
        }
        return overrides;
    }

    /**
     * The property as the command line gave it: a user property ({@code -D}), or a system property ({@code MAVEN_OPTS},
     * which Maven resolves the same expression from).
     */
    private static String given(MavenSession session, String property) {
        Properties user = session.getUserProperties();
        if (user != null && user.getProperty(property) != null) {
            return user.getProperty(property);
        }
        Properties system = session.getSystemProperties();
        return system == null ? null : system.getProperty(property);
    }

    /** A path as Maven makes a File parameter of it: relative ones below the project's folder. */
    private static Path file(MavenSession session, String value) {
        Path path = Path.of(value);
        if (!path.isAbsolute()) {
            MavenProject project = session.getCurrentProject();
            String base = project != null && project.getBasedir() != null
                    ? project.getBasedir().getPath()
                    : session.getExecutionRootDirectory();
            path = Path.of(base == null ? "." : base).resolve(path);
        }
        return path.toAbsolutePath().normalize();
    }

    /** {@code dlf.endpoint} of {@code ${dlf.endpoint}}; null for any other expression. */
    private static String property(String expression) {
        if (expression == null || !expression.startsWith("${dlf.") || !expression.endsWith("}")) {
            return null;
        }
        return expression.substring(2, expression.length() - 1);
    }

    private static String evaluated(MavenSession session, MojoExecution execution, String raw) {
        try {
            return String.valueOf(new PluginParameterExpressionEvaluator(session, execution).evaluate(raw));
        } catch (ExpressionEvaluationException | RuntimeException e) {
            return raw;
        }
    }
}
