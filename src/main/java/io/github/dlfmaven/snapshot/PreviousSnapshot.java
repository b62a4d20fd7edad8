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
 * commit both names point to the same file, which nothing writes to; after it only the new one is left.
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

    /**
     * Links {@code target} to the previous snapshot's file at {@code path} if that file holds exactly {@code content}.
     *
     * @return false when it does not (or cannot be linked); the caller then writes the file
     * @throws FileAlreadyExistsException {@code target} exists, as when it were written
     */
    boolean linkIfUnchanged(String path, byte[] content, Path target) throws IOException {
        if (!linking || !countsNames) {
            return false;
        }
        Path old = root.resolve(path);
        if (!plainFolder(old.getParent()) || !holds(old, content)) {
            return false;
        }
        try {
            Files.createLink(target, old);
            return true;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here (another file system, a permission, too many links): write instead, from now on.
            linking = false;
            return false;
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

    private static boolean holds(Path old, byte[] content) throws IOException {
        try {
            Map<String, Object> attributes =
                    Files.readAttributes(old, "unix:isRegularFile,size,nlink", LinkOption.NOFOLLOW_LINKS);
            if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))
                    || !Long.valueOf(content.length).equals(attributes.get("size"))
                    || !Integer.valueOf(1).equals(attributes.get("nlink"))) {
                return false;
            }
            try (InputStream in = Files.newInputStream(old, LinkOption.NOFOLLOW_LINKS)) {
                return Arrays.equals(in.readNBytes(content.length + 1), content);
            }
        } catch (FileSystemException e) {
            // Gone, a link (refused by NOFOLLOW_LINKS), or unreadable: not a file to keep.
            return false;
        }
    }
}
