package io.github.dlfmaven.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder a goal replaces on every run, claimed with a marker file that lists what the goal wrote there, so that a
 * run deletes only those files: a folder that holds files but no marker is someone else's, and a file the marker
 * does not list (put there later, by hand or by another tool, a snapshot among them) makes the goal refuse the folder
 * rather than delete it. The marker lies inside the folder, or beside it where something else (an export) replaces
 * the folder's content. The folder's lock ({@link FolderLock}) is no file of the goal's and never deleted here: a goal
 * takes the lock before it replaces the folder and holds it until its run ends.
 *
 * @param folder the folder the goal replaces
 * @param marker the file that says the folder is the goal's
 * @param owner the goal, for the marker's text: {@code dlf:report}
 * @param kind what the goal writes there, for messages: {@code report}
 */
public record OwnedFolder(Path folder, Path marker, String owner, String kind) {

    private static final String COMMENT = "# ";

    /** Whether the folder holds files the goal did not claim. */
    public boolean foreign() throws IOException {
        if (!Files.isDirectory(folder) || Files.exists(marker)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(entry -> !entry.getFileName().toString().equals(FolderLock.FILE_NAME));
        }
    }

    /** Marks the folder as the goal's, before it writes there. */
    public void claim() throws IOException {
        record(List.of());
    }

    /**
     * Writes the marker with what the goal writes, relative to the folder with {@code /}, for the next run: files,
     * folders ending with {@code /} whose whole content is the goal's, and names ending with {@code *} for the
     * temporary files a write goes through. Written before the goal writes, it holds
     * also for a run that is killed midway.
     */
    public void record(Collection<String> written) throws IOException {
        Files.createDirectories(marker.getParent());
        StringBuilder text = new StringBuilder(COMMENT + "The folder " + folder.getFileName() + " belongs to " + owner
                + ", which replaces it on every run; it deletes only the files listed here.\n");
        written.forEach(file -> text.append(file).append('\n'));
        Files.writeString(marker, text, StandardCharsets.UTF_8);
    }

    /**
     * Deletes what the last run wrote, then claims the folder for a new run.
     *
     * @throws IOException the folder is a link, not a folder, someone else's, or holds files the goal did not write
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
            Set<String> written = new HashSet<>();
            if (Files.exists(marker)) {
                Files.readAllLines(marker, StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.isEmpty() && !line.startsWith(COMMENT))
                        .forEach(written::add);
            }
            List<Path> files = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            List<Path> folders = new ArrayList<>();
            try (Stream<Path> tree = Files.walk(folder)) {
                for (Path path : tree.toList()) {
                    if (path.equals(folder)
                            || path.equals(marker)
                            || path.equals(folder.resolve(FolderLock.FILE_NAME))) {
                        continue;
                    }
                    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                        folders.add(path);
                    } else if (claimed(written, relative(path))) {
                        files.add(path);
                    } else {
                        unknown.add(relative(path));
                    }
                }
            }
            if (!unknown.isEmpty()) {
                List<String> shown = unknown.subList(0, Math.min(5, unknown.size()));
                throw new IOException(folder + " holds files " + owner + " did not write (" + String.join(", ", shown)
                        + (unknown.size() > shown.size() ? " and " + (unknown.size() - shown.size()) + " more" : "")
                        + "), which it will not delete: move them, or point the " + kind + " at a folder of its"
                        + " own.");
            }
            for (Path file : files) {
                Files.delete(file);
            }
            folders.sort(Comparator.reverseOrder());
            for (Path empty : folders) {
                Files.delete(empty);
            }
        }
        claim();
    }

    /**
     * Whether this folder and {@code other} lie inside each other, through links too: such a folder must not be
     * replaced, since that would delete the other or write into it.
     */
    public boolean overlaps(Path other) throws IOException {
        Path mine = RealPath.of(folder.toAbsolutePath().normalize());
        Path theirs = RealPath.of(other.toAbsolutePath().normalize());
        return mine.startsWith(theirs) || theirs.startsWith(mine);
    }

    /** Whether the marker lists the file, a folder it lies in, or a prefix of its name ({@code .plan.md*}). */
    private static boolean claimed(Set<String> written, String file) {
        if (written.contains(file)) {
            return true;
        }
        for (String entry : written) {
            if (entry.endsWith("*") && file.startsWith(entry.substring(0, entry.length() - 1))) {
                return true;
            }
        }
        for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
            if (written.contains(file.substring(0, slash + 1))) {
                return true;
            }
        }
        return false;
    }

    private String relative(Path path) {
        return folder.relativize(path).toString().replace('\\', '/');
    }
}
