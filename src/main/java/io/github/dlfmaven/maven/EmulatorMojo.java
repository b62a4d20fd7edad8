package io.github.dlfmaven.maven;

import io.github.dlfmaven.auth.Credentials;
import java.util.concurrent.CountDownLatch;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Runs a local DataArts Factory emulator in the foreground until Ctrl-C, for trying the plugin by hand
 * ({@code mvn dlf:emulator}, with or without a pom). Prints its URL and which credentials it accepts; the
 * access and secret key themselves only when they are generated demo credentials. As with {@code dlf:emulator-start},
 * a request's body is read only after the checks that need no body, a body larger than its path takes is answered
 * HTTP 413 unread, and at most 64 MiB of request bodies are held at once, a body beyond that answered busy (HTTP 503).
 *
 * @since 0.1.0
 */
@Mojo(name = "emulator", requiresProject = false, threadSafe = true)
public class EmulatorMojo extends AbstractEmulatorMojo {

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Inject
    public EmulatorMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        super(session, settingsDecrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        EmulatorContext running = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    running.emulator().close();
                    stopped.countDown();
                },
                "dlf-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        getLog().info(describe(running));
        String environment = "";
        if (running.demoCredentials()) {
            Credentials demo = running.emulator().credentials();
            // Printed on purpose: these demo keys open nothing but this emulator, and a person needs them.
            environment = "HUAWEICLOUD_SDK_AK=" + demo.accessKey() + " HUAWEICLOUD_SDK_SK=" + demo.secretKey() + " ";
            getLog().info("Demo credentials: " + environment);
        }
        String goal = "mvn " + plugin.getGroupId() + ":" + plugin.getArtifactId() + ":" + plugin.getVersion() + ":";
        String endpoint = running.emulator().endpoint().toString();
        String target = " -Ddlf.endpoint=" + endpoint + " -Ddlf.projectId="
                + (projectId == null || projectId.isBlank() ? "demo" : projectId.strip())
                + (workspace == null || workspace.isBlank() ? "" : " -Ddlf.workspace=" + workspace.strip());
        getLog().info("Export from it, in another terminal: " + environment + goal + "export" + target
                + " -Ddlf.jobs=<job names>");
        // It serves the OBS of an import on its own port; any valid bucket name does.
        getLog().info("Import into it: " + environment + goal + "import" + target + " -Ddlf.obsEndpoint=" + endpoint
                + " -Ddlf.obsPath=obs://dlf-import/ -Ddlf.jobs=<job names> -Ddlf.snapshotDirectory=<a snapshot>");
        getLog().info("Ctrl-C stops the emulator.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.emulator().close();
            Runtime.getRuntime().removeShutdownHook(hook);
            getLog().info("DLF emulator stopped.");
        }
    }
}
