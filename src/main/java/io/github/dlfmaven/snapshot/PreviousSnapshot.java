package io.github.dlfmaven.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The snapshot being replaced, as the source of the files that did not change: such a file is hard-linked into the
 * new tree instead of written again. Most files of a workspace are the same from one export to the next, so a rerun
 * allocates no new file for them, they keep their modification time (which tools that compare times, git among them,
 * notice), and removing the previous snapshot afterwards frees nothing the next export must step around. Until the
 * commit both names point to the same file, which nothing writes to; after it only the new one is left. Comparing each
 * file with its predecessor also tells the export what changed.
 *
 * <p>Only regular files reached through no link, lying inside the output folder and known by no other name are taken:
 * a file that also has a name elsewhere may be someone else's, and must not get one more in the snapshot. Where the
 * file system cannot link, files are written as they would be without a previous snapshot. Thread-safe.
 */
final class PreviousSnapshot {

    private final Path root;
    /** Folders of the previous snapshot, and whether they are reached through no link. */
    private final Map<Path, Boolean> plainFolders = new ConcurrentHashMap<>();

    /** Whether the file system tells how many names a file has; without that, nothing is linked. */
    private final boolean countsNames;

    private volatile boolean linking = true;

    /** @param root the output folder's real path */
    PreviousSnapshot(Path root) {
        this.root = root;
        this.countsNames = root.getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    /** What the previous snapshot had at a path of the new one. */
    enum Kept {
        /** The same bytes, now also the new snapshot's file: nothing to write. */
        LINKED,
        /** The same bytes, but it could not be linked: the caller writes it. */
        SAME,
        /** Other bytes. */
        CHANGED,
        /** No file there. */
        ADDED
    }

    /**
     * Links {@code target} to the previous snapshot's file at {@code path} if that file holds exactly {@code content}.
     *
     * @return {@link Kept#LINKED} when linked; otherwise the caller writes the file
     * @throws FileAlreadyExistsException {@code target} exists, as when it were written
     */
    Kept keep(String path, byte[] content, Path target) throws IOException {
        Path old = root.resolve(path);
        Map<String, Object> attributes = previous(old);
        if (attributes == null) {
            return Kept.ADDED;
        }
        if (!Long.valueOf(content.length).equals(attributes.get("size")) || !holds(old, content)) {
            return Kept.CHANGED;
        }
        return link(old, target, attributes);
    }

    /**
     * As {@link #keep}, for a file of the new snapshot too large to hold in memory, already written to {@code file}:
     * when the previous snapshot's file holds the same bytes, that one is linked to {@code target} instead.
     *
     * @return {@link Kept#LINKED} when linked (the caller then deletes {@code file}); otherwise the caller moves it
     */
    Kept keep(String path, Path file, Path target) throws IOException {
        Path old = root.resolve(path);
        Map<String, Object> attributes = previous(old);
        if (attributes == null) {
            return Kept.ADDED;
        }
        try {
            if (!Long.valueOf(Files.size(file)).equals(attributes.get("size")) || Files.mismatch(old, file) != -1) {
                return Kept.CHANGED;
            }
        } catch (FileSystemException e) {
            return Kept.CHANGED;
        }
        return link(old, target, attributes);
    }

    private Kept link(Path old, Path target, Map<String, Object> attributes) throws IOException {
        if (!linking || !Integer.valueOf(1).equals(attributes.get("nlink"))) {
            return Kept.SAME;
        }
        try {
            Files.createLink(target, old);
            return Kept.LINKED;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here (another file system, a permission, too many links): write instead, from now on.
            linking = false;
            return Kept.SAME;
        }
    }

    private boolean plainFolder(Path folder) {
        return plainFolders.computeIfAbsent(folder, f -> {
            try {
                return f.toRealPath().equals(f) && f.startsWith(root);
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The previous snapshot's file at {@code old}, as {@link #attributes}; null where it has none to keep. */
    private Map<String, Object> previous(Path old) throws IOException {
        return plainFolder(old.getParent()) ? attributes(old) : null;
    }

    /** The regular file's size and number of names, or null when there is no regular file (or link) there. */
    private Map<String, Object> attributes(Path old) throws IOException {
        try {
            Map<String, Object> attributes = Files.readAttributes(
                    old,
                    countsNames ? "unix:isRegularFile,size,nlink" : "isRegularFile,size",
                    LinkOption.NOFOLLOW_LINKS);
            return Boolean.TRUE.equals(attributes.get("isRegularFile")) ? attributes : null;
        } catch (FileSystemException e) {
            return null; // gone, or unreadable: not a file to keep
        }
    }

    private static boolean holds(Path old, byte[] content) throws IOException {
        try (InputStream in = Files.newInputStream(old, LinkOption.NOFOLLOW_LINKS)) {
            return Arrays.equals(in.readNBytes(content.length + 1), content);
        } catch (FileSystemException e) {
            // Gone, a link (refused by NOFOLLOW_LINKS), or unreadable: not a file to keep.
            return false;
        }
    }
}
