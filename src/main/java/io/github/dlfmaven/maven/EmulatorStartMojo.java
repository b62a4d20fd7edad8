package io.github.dlfmaven.maven;

import io.github.dlfmaven.config.Defaults;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Starts a local DataArts Factory emulator in the build's JVM and sets the project properties {@code dlf.endpoint}
 * and {@code dlf.obsEndpoint} (for an import) to its URL, so a later {@code dlf:export} or {@code dlf:import} in the
 * same project uses it without further configuration. It accepts the credentials {@code dlf:export} would use
 * (settings.xml server, then the environment); when there are none it makes demo credentials and hands them to
 * {@code dlf:export} through the plugin's context.
 *
 * <p>{@code dlf:emulator-stop} stops it. If that has not run when this project's build ends, failed or not, the end
 * of the project stops it, and the end of the session stops any still running: an emulator never outlives its module,
 * not even in a Maven daemon or an IDE, and a fixed {@code port} is free again for the next module or build. Whichever
 * stops it gives {@code dlf.endpoint} and {@code dlf.obsEndpoint} their earlier values back.
 *
 * <p>The emulator reads a request's body only after the checks that need no body, answers a body larger than its path
 * takes (1 MiB for the DLF API, 32 MiB for an OBS object) with HTTP 413 unread, and holds at most 64 MiB of request
 * bodies at once; a body beyond that is answered busy (HTTP 503, {@code SlowDown} for OBS), unread.
 *
 * @since 0.1.0
 */
@Mojo(name = "emulator-start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class EmulatorStartMojo extends AbstractEmulatorMojo {

    /**
     * Skips starting the emulator.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.EMULATOR_SKIP, defaultValue = Defaults.EMULATOR_SKIP)
    boolean skip;

    @Inject
    public EmulatorStartMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        super(session, settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the DLF emulator (" + UserProperties.EMULATOR_SKIP + "=true).");
            return;
        }
        if (EmulatorContext.of(getPluginContext()).isPresent()) {
            throw new MojoFailureException("A DLF emulator is already running in this build of "
                    + session.getCurrentProject().getId()
                    + "; stop it with dlf:emulator-stop before starting another.");
        }
        EmulatorContext running = start();
        // From here on, however this project's build ends, its end stops the emulator.
        EmulatorStopper.of(session).stopAtEnd(session.getCurrentProject(), running, getLog());
        running.store(getPluginContext());
        // It serves the OBS of its imports on the same port.
        running.pointAt(session.getCurrentProject().getProperties());
        getLog().info(describe(running) + " Set " + UserProperties.ENDPOINT + " and " + UserProperties.OBS_ENDPOINT
                + " to " + running.url() + ".");
    }
}
