package io.github.dlfmaven.maven;

import io.github.dlfmaven.config.Setting;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that read a snapshot offline share (no credentials, no request, fine under {@code -o}): the snapshot
 * folder and {@code skip}. A goal adds its own parameters and its work on the snapshot.
 */
abstract class AbstractSnapshotMojo extends AbstractPluginMojo {

    /**
     * The snapshot to read; {@code -Ddlf.snapshotDirectory=target/dlf} reads what {@code dlf:export} just wrote.
     * {@code ./src/main/dlf} without a pom.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.SNAPSHOT_DIRECTORY, defaultValue = "${project.basedir}/src/main/dlf")
    File snapshotDirectory;

    /**
     * Skips this goal. {@code -Ddlf.skip=true} skips every DLF goal of the build but the emulator's, which have
     * {@code dlf.emulator.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = UserProperties.SKIP, defaultValue = "false")
    boolean skip;

    final MavenSession session;

    AbstractSnapshotMojo(MavenSession session) {
        this.session = session;
    }

    /** The goal's name, for messages: {@code validate}. */
    abstract String goal();

    /** The goal's work on the snapshot, which is there. */
    abstract void run(Path snapshot) throws MojoExecutionException, MojoFailureException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the DLF " + goal() + " (" + UserProperties.SKIP + "=true).");
            return;
        }
        overriddenProperties(session).forEach(getLog()::warn);
        Path snapshot = snapshot();
        if (!Files.isDirectory(snapshot)) {
            throw new MojoFailureException(noSnapshot(snapshot));
        }
        run(snapshot);
    }

    /** The snapshot folder, absolute; it may be missing. */
    Path snapshot() {
        return MavenEnvironment.pathOrDefault(snapshotDirectory, session, "src/main/dlf")
                .toPath()
                .toAbsolutePath()
                .normalize();
    }

    String noSnapshot(Path snapshot) {
        return "No snapshot for dlf:" + goal() + " at " + snapshot + ": point "
                + MavenSettingNames.INSTANCE.where(Setting.SNAPSHOT_DIRECTORY) + " at a folder dlf:export wrote.";
    }

    /** A path parameter, or the fallback below the folder Maven runs in when there is no project to resolve it. */
    File orDefault(File configured, String fallback) {
        return MavenEnvironment.pathOrDefault(configured, session, fallback);
    }
}
