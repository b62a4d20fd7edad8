package io.github.dlfmaven.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Stops the DataArts Factory emulator that {@code dlf:emulator-start} started in this build.
 *
 * @since 0.1.0
 */
@Mojo(name = "emulator-stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class EmulatorStopMojo extends AbstractMojo {

    @Override
    public void execute() {
        EmulatorContext.remove(getPluginContext()).ifPresentOrElse(running -> {
            running.emulator().close();
            getLog().info("DLF emulator at " + running.emulator().endpoint() + " stopped.");
        }, () -> getLog().info("No DLF emulator is running in this build."));
    }
}
