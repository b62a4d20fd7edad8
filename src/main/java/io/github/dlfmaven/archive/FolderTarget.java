package io.github.dlfmaven.archive;

import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Extraction into one folder, empty or missing before: each path is written once, never over another file, and
 * only below the folder. Not thread-safe: one extraction at a time.
 */
public final class FolderTarget implements ExtractionTarget<UnsafeArchiveException> {

    private final Path folder;
    /** The folder's real path, once the first file made it exist: a refused archive leaves no folder behind. */
    private Path root;
    /** Folders known to exist below {@link #root}: created once, and checked once for where they really are. */
    private final Set<Path> folders = new HashSet<>();

    /** Into this folder, created with the first file if needed. */
    public FolderTarget(Path folder) {
        this.folder = folder;
    }

    @Override
    public void prepare() throws IOException {
        root();
    }

    private Path root() throws IOException {
        if (root == null) {
            root = Files.createDirectories(folder).toRealPath();
            folders.add(root);
        }
        return root;
    }

    @Override
    public boolean write(String entryName, String path, byte[] content, String sha256)
            throws IOException, UnsafeArchiveException {
        Path file = placed(entryName, path);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            out.write(content);
        } catch (FileAlreadyExistsException e) {
            throw collision(entryName, path);
        }
        return true;
    }

    @Override
    public boolean move(String entryName, String path, Path file, String sha256)
            throws IOException, UnsafeArchiveException {
        try {
            Files.move(file, placed(entryName, path));
        } catch (FileAlreadyExistsException e) {
            throw collision(entryName, path);
        } finally {
            Files.deleteIfExists(file);
        }
        return true;
    }

    @Override
    public Path scratch() throws IOException {
        return root();
    }

    /** Where {@code path} goes, its folders created: never outside the root, never through a link. */
    private Path placed(String entryName, String path) throws IOException, UnsafeArchiveException {
        String shown = LogText.escape(entryName);
        Path root = root();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new UnsafeArchiveException("Entry '" + shown + "' would be written outside the output folder.");
        }
        Path parent = file.getParent();
        if (!folders.contains(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (FileAlreadyExistsException e) {
                throw new UnsafeArchiveException("Entry '" + shown + "' needs a folder where another entry is a file.");
            }
            // Created by us inside root; make sure none of them is a link that leads elsewhere.
            if (!parent.toRealPath().startsWith(root)) {
                throw new UnsafeArchiveException("Entry '" + shown + "' would be written outside the output folder.");
            }
            for (Path p = parent; p != null && p.startsWith(root) && folders.add(p); p = p.getParent()) {
                // every folder up to the root now exists
            }
        }
        return file;
    }

    private static UnsafeArchiveException collision(String entryName, String path) {
        // A folder of that name, or (on a case-insensitive file system) a name differing only in case.
        return new UnsafeArchiveException("Entry '" + LogText.escape(entryName) + "' collides with a folder or another"
                + " file at '" + LogText.escape(path) + "' (a file and a folder of the same name, or names that differ"
                + " only in case).");
    }
}
