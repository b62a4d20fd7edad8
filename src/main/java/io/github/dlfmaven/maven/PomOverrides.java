package io.github.dlfmaven.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.descriptor.Parameter;
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
        Properties user = session.getUserProperties();
        List<String> overrides = new ArrayList<>();
        List<Parameter> parameters = execution.getMojoDescriptor().getParameters();
        for (Parameter parameter : parameters == null ? List.<Parameter>of() : parameters) {
            String property = property(parameter.getExpression());
            String given = property == null || user == null ? null : user.getProperty(property);
            Xpp3Dom configured = execution.getConfiguration().getChild(parameter.getName());
            if (given == null || configured == null) {
                continue;
            }
            String raw = configured.getValue();
            if (raw == null && configured.getChildCount() == 0) {
                continue;
            }
            // Not configured in the pom (Maven fills in the parameter's own expression), or configured as the property.
            if (raw != null && raw.strip().equals("${" + property + "}")) {
                continue;
            }
            String wins = raw == null ? "a list" : "'" + evaluated(session, execution, raw) + "'";
            if (raw != null && Objects.equals(evaluated(session, execution, raw), given)) {
                continue;
            }
            overrides.add("The pom's <" + parameter.getName() + "> (" + wins + ") wins over -D" + property + "='"
                    + given + "', as Maven gives a value written in the pom's <configuration> precedence over a user"
                    + " property: to set it from the command line, write the value into <properties> as <" + property
                    + "> and leave <" + parameter.getName() + "> out, or give each environment an <execution> or a"
                    + " profile of its own (mvn dlf:import@prod, -Pprod).");
        }
        return overrides;
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
