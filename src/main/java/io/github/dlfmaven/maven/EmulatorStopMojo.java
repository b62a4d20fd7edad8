package io.github.dlfmaven.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Stops the DataArts Factory emulator that {@code dlf:emulator-start} started in this project's build, and gives the
 * project properties it set, {@code dlf.endpoint} and {@code dlf.obsEndpoint}, their earlier values back: the value
 * the pom or an earlier goal had given, or none. A property changed since is left as it is. Without this goal the
 * emulator stops when the project's build ends.
 *
 * @since 0.1.0
 */
@Mojo(name = "emulator-stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class EmulatorStopMojo extends AbstractMojo {

    @Override
    public void execute() {
        EmulatorContext.remove(getPluginContext())
                .ifPresentOrElse(
                        running -> {
                            running.stop();
                            getLog().info("DLF emulator at " + running.url() + " stopped.");
                        },
                        () -> getLog().info("No DLF emulator is running in this build."));
    }
}
