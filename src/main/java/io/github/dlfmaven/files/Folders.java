package io.github.dlfmaven.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Creates folders so that runs in parallel ({@code mvn -T}, sibling modules writing below one parent that does not
 * exist yet) never fail on each other: a folder another run created in the meantime is as good as one created here.
 */
public final class Folders {

    private Folders() {}

    /**
     * Creates the folder and the missing folders above it, and says which of them this call created, innermost first,
     * so that a run that fails can remove what it made, and only that.
     *
     * @throws IOException a file (not a folder) stands in the way, or a folder cannot be created; the message names
     *     the path and says why
     */
    public static List<Path> create(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        for (int attempt = 1; ; attempt++) {
            try {
                return createMissing(absolute);
            } catch (NoSuchFileException e) {
                // A parallel run that failed removed a parent it had made, just after this one looked: look again.
                if (attempt == 3) {
                    throw new IOException("Cannot create the folder " + e.getFile() + ": " + FileFailures.reason(e), e);
                }
            }
        }
    }

    private static List<Path> createMissing(Path absolute) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        List<Path> created = new ArrayList<>();
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                created.add(0, p);
            } catch (FileAlreadyExistsException e) {
                // Another run made it between the look and the creation: fine, unless it is no folder.
                if (!Files.isDirectory(p)) {
                    throw new IOException(
                            "Cannot create the folder " + p + ": a file of that name is in the way" + notFolder(p), e);
                }
            } catch (NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                throw new IOException("Cannot create the folder " + p + ": " + FileFailures.reason(e), e);
            }
        }
        return created;
    }

    private static String notFolder(Path p) {
        return Files.isSymbolicLink(p) && !Files.exists(p)
                ? " (a link to something that does not exist)"
                : Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? "" : " (it went away again)";
    }
}
