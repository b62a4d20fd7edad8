package io.github.dlfmaven.maven;

import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Starts a local DataArts Factory emulator in the build's JVM and sets the project property
 * {@code dlf.endpoint} (and {@code dlf.obsEndpoint}, for an import) to its URL, so a later {@code dlf:export} in the same build uses it without further
 * configuration. It accepts the credentials {@code dlf:export} would use (settings.xml server, then the
 * environment); when there are none it makes demo credentials and hands them to {@code dlf:export}
 * through the plugin's context. {@code dlf:emulator-stop} stops it; so does the end of the build.
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
    @Parameter(property = UserProperties.EMULATOR_SKIP, defaultValue = "false")
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
        running.store(getPluginContext());
        String endpoint = running.emulator().endpoint().toString();
        session.getCurrentProject().getProperties().setProperty(UserProperties.ENDPOINT, endpoint);
        // It serves the OBS of its imports on the same port.
        session.getCurrentProject().getProperties().setProperty(UserProperties.OBS_ENDPOINT, endpoint);
        getLog().info(describe(running) + " Set " + UserProperties.ENDPOINT + " and " + UserProperties.OBS_ENDPOINT
                + " to " + endpoint + ".");
    }
}
