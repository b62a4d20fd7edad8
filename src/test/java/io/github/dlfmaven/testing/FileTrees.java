package io.github.dlfmaven.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Snapshots of folders, to prove in tests that something did or did not change. */
public final class FileTrees {

    private FileTrees() {}

    /**
     * Every path under {@code root} (folders end in '/'), each with the SHA-256 of its content, "folder" or
     * its link target; with {@code withTimes} also the last-modified time of files.
     */
    public static SortedMap<String, String> state(Path root, boolean withTimes) throws IOException {
        SortedMap<String, String> state = new TreeMap<>();
        if (!Files.exists(root)) {
            return state;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(p -> !p.equals(root)).toList()) {
                String name = root.relativize(path).toString().replace('\\', '/');
                if (Files.isSymbolicLink(path)) {
                    state.put(name, "link to " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    state.put(name + "/", "folder");
                } else {
                    state.put(
                            name,
                            sha256(Files.readAllBytes(path))
                                    + (withTimes ? " " + Files.getLastModifiedTime(path) : ""));
                }
            }
        }
        return state;
    }

    /** The paths of the regular files under {@code root}, with {@code /}, sorted; none when it does not exist. */
    public static List<String> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    /** Copies a folder tree, files and folders only. */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** Deletes a folder tree, innermost first. */
    public static void delete(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
