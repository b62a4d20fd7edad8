package io.github.dlfmaven.config;

import io.github.dlfmaven.files.RealPath;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a folder may be the output folder, which each export replaces as a whole. It may neither be nor
 * contain a protected folder (the project, the folder Maven runs in, home), and this is decided on the folders
 * the file system really means: symbolic links are followed, so {@code target/dlf} linking to home is refused
 * like home itself.
 */
final class OutputFolder {

    private OutputFolder() {}

    /**
     * @return the output folder, absolute and normalized as given (links are not replaced, so messages show the
     *     user's path), or null after adding a problem
     */
    static Path check(Path configured, List<Path> protectedFolders, String where, List<String> problems) {
        Path output = configured.toAbsolutePath().normalize();
        if (output.getParent() == null) {
            problems.add("Output directory '" + output + "' is a file system root; the export replaces the whole"
                    + " folder, so point " + where + " at a folder of its own.");
            return null;
        }
        Path real;
        try {
            real = RealPath.of(output);
        } catch (IOException e) {
            problems.add("Output directory '" + output + "' cannot be resolved (" + LogText.escape(e.getMessage())
                    + "); it may be a link to a folder that does not exist. Point " + where
                    + " at a folder of its own.");
            return null;
        }
        if (real.getParent() == null) {
            problems.add("Output directory '" + output + "' leads to the file system root " + real + "; the export"
                    + " replaces the whole folder, so point " + where + " at a folder of its own.");
            return null;
        }
        for (Path protectedFolder : protectedFolders) {
            Path guarded;
            try {
                guarded = RealPath.of(protectedFolder.toAbsolutePath().normalize());
            } catch (IOException e) {
                continue; // a folder that cannot be resolved holds nothing the export could replace
            }
            if (guarded.startsWith(real)) {
                problems.add(
                        "Output directory '" + output + "'" + (real.equals(output) ? "" : " (which is " + real + ")")
                                + " contains '" + guarded + "'; the export replaces the whole folder, so point " + where
                                + " at a folder of its own, such as ${project.build.directory}/dlf.");
                return null;
            }
        }
        if (Files.exists(real) && !Files.isDirectory(real)) {
            problems.add("Output directory '" + output + "' exists and is not a folder (" + where + ").");
            return null;
        }
        return output;
    }
}
