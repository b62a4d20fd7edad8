package io.github.dlfmaven.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** Where a path leads on the file system, also for a path whose last folders do not exist yet. */
public final class RealPath {

    private RealPath() {}

    /**
     * The path the file system means: the nearest ancestor that exists, with every link resolved, and below it the
     * names that do not exist yet. A dangling link fails, since creating the folder would follow it.
     */
    public static Path of(Path absolute) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path real = existing == null ? absolute.getRoot() : existing.toRealPath();
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return real;
    }
}
