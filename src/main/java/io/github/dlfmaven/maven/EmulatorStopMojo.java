package io.github.dlfmaven.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Stops the DataArts Factory emulator that {@code dlf:emulator-start} started in this build.
 *
 * @since 0.1.0
 */
@Mojo(name = "emulator-stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class EmulatorStopMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() {
        EmulatorContext.remove(getPluginContext())
                .ifPresentOrElse(
                        running -> {
                            running.emulator().close();
                            // Later goals must not be pointed at a port nobody listens on any more.
                            if (project != null
                                    && running.emulator()
                                            .endpoint()
                                            .toString()
                                            .equals(project.getProperties().getProperty(UserProperties.ENDPOINT))) {
                                project.getProperties().remove(UserProperties.ENDPOINT);
                            }
                            getLog().info("DLF emulator at "
                                    + running.emulator().endpoint() + " stopped.");
                        },
                        () -> getLog().info("No DLF emulator is running in this build."));
    }
}
