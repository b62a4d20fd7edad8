package io.github.dlfmaven.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder a goal replaces on every run, claimed with a marker file so that it replaces only what it wrote itself: a
 * folder that holds files but no marker is someone else's and is left alone. The marker lies inside the folder, or
 * beside it where something else (an export) replaces the folder's content.
 *
 * @param folder the folder the goal replaces
 * @param marker the file that says the folder is the goal's
 * @param owner the goal, for the marker's text: {@code dlf:report}
 * @param kind what the goal writes there, for messages: {@code report}
 */
public record OwnedFolder(Path folder, Path marker, String owner, String kind) {

    /** Whether the folder holds files the goal did not claim. */
    public boolean foreign() throws IOException {
        if (!Files.isDirectory(folder) || Files.exists(marker)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        }
    }

    /** Marks the folder as the goal's, before it writes there. */
    public void claim() throws IOException {
        Files.createDirectories(marker.getParent());
        Files.writeString(
                marker,
                "The folder " + folder.getFileName() + " belongs to " + owner + ", which replaces it on every run.\n");
    }

    /**
     * Empties the folder for a new run, then claims it.
     *
     * @throws IOException the folder is a link, not a folder, or someone else's
     */
    public void replace() throws IOException {
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(folder) || !Files.isDirectory(folder)) {
                throw new IOException(folder + " is not a folder of its own; point the " + kind + " elsewhere.");
            }
            if (foreign()) {
                throw new IOException(folder + " holds files that are no " + kind + " of this plugin's; point the "
                        + kind + " at a folder of its own.");
            }
            try (Stream<Path> tree = Files.walk(folder)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    if (!path.equals(folder)) {
                        Files.delete(path);
                    }
                }
            }
        }
        claim();
    }
}
