package io.github.dlfmaven.snapshot;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a snapshot folder, by their path relative to the root with {@code /}. The folder belongs to the plugin
 * (an export replaces all of it), so every regular file in it is part of the snapshot, a README or a {@code
 * .gitattributes} included, but for the plugin's own work folders and lock. Links inside are never followed and are
 * listed as left out; the root itself may be a link (a snapshot kept elsewhere), which is followed. A root that does
 * not exist is an empty snapshot.
 *
 * @param files the snapshot's files, sorted by path
 * @param leftOut links found in the snapshot, which are not part of it, by path
 */
public record SnapshotFiles(SortedMap<String, Path> files, List<String> leftOut) {

    public SnapshotFiles {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        leftOut = List.copyOf(leftOut);
    }

    /** Reads the listing of the snapshot at {@code root}. */
    public static SnapshotFiles of(Path root) throws IOException {
        SortedMap<String, Path> files = new TreeMap<>();
        List<String> leftOut = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            if (Files.exists(root)) {
                throw new IOException(root + " is not a folder.");
            }
            return new SnapshotFiles(files, leftOut);
        }
        Path start = root.toRealPath();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return dir.getParent() != null
                                    && dir.getParent().equals(start)
                                    && SnapshotWriter.reserved(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String path = start.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), "/");
                    if (file.getParent().equals(start) && SnapshotWriter.reserved(path)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attributes.isRegularFile()) {
                        files.put(path, file);
                    } else {
                        leftOut.add(path);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // Removed while being read: what is left is what there is.
        }
        Collections.sort(leftOut);
        return new SnapshotFiles(files, leftOut);
    }
}
