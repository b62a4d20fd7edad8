package io.github.dlfmaven.maven;

import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Parameter;

/** What every goal of the plugin that takes settings knows of its own execution. */
abstract class AbstractPluginMojo extends AbstractMojo {

    /**
     * This goal's execution, as Maven planned it: its configuration tells which parameters the pom sets, and so which
     * {@code -D} properties of the command line the pom overrides.
     *
     * @since 0.2.0
     */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    MojoExecution mojoExecution;

    /** The {@code -D} properties the pom overrides, each in a sentence that says what to do instead. */
    List<String> overriddenProperties(MavenSession session) {
        return PomOverrides.of(session, mojoExecution);
    }
}
