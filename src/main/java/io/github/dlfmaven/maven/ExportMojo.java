package io.github.dlfmaven.maven;

import io.github.dlfmaven.api.DlfConnection;
import io.github.dlfmaven.config.ExportSettings;
import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.log.Log;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Exports DataArts Factory (DLF) jobs, with the scripts and resources they depend on, and unpacks them into
 * {@code outputDirectory} as {@code jobs/*.job}, {@code scripts/*.script} and {@code resources/*.resource},
 * JSON normalized for clean diffs. The folder is replaced only when every job succeeded. Credentials come from
 * the sources the Credentials page lists, in that order.
 *
 * @since 0.1.0
 */
@Mojo(name = "export", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = false)
public class ExportMojo extends AbstractExportingMojo<ExportSettings> {

    /**
     * Where the snapshot is written. The plugin owns this folder: each successful export replaces its whole
     * content; a failed or interrupted one leaves it untouched, and one export at a time may write to it. It may
     * not be, or contain, the project, the folder Maven runs in or the home folder, also through a link.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/dlf")
    File outputDirectory;

    @Inject
    public ExportMojo(MavenSession session, SettingsDecrypter settingsDecrypter) {
        super(session, settingsDecrypter);
    }

    @Override
    String goal() {
        return "export";
    }

    @Override
    ExportSettings settings() throws InvalidConfigurationException {
        return export().outputDirectory(MavenEnvironment.pathOrDefault(outputDirectory, session, "target/dlf")
                        .toPath())
                .build();
    }

    @Override
    void run(ExportSettings settings, DlfConnection connection, Log log) throws Exception {
        try (var client = connection.client().build()) {
            new Exporter(settings, connection.settings(), client, log).run();
        }
    }
}
