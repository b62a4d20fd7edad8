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
 * The files of a snapshot folder that make up the snapshot: every regular file inside one of its folders
 * ({@code jobs/a.job}, and any other folder a package brought), by its path relative to the root with {@code /}.
 * Left out, and listed as such: files at the root (a README next to the folders is not a definition), names that start
 * with a dot at any level (the plugin's own lock and work folders, {@code .gitkeep}), and links, which are never
 * followed. A root that does not exist is an empty snapshot.
 *
 * @param files the snapshot's files, sorted by path
 * @param leftOut what was found but is not part of the snapshot, by path
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
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(root) && hidden(dir)) {
                        leftOut.add(relative(root, dir) + "/");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String path = relative(root, file);
                    if (!attributes.isRegularFile()
                            || hidden(file)
                            || file.getParent().equals(root)) {
                        leftOut.add(path);
                    } else {
                        files.put(path, file);
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

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}
