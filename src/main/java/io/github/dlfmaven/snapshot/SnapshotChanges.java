package io.github.dlfmaven.snapshot;

/**
 * How a new snapshot differs from the one it replaced, file by file.
 *
 * @param changed files at a path the previous snapshot had, with other bytes
 * @param added files at a path the previous snapshot did not have
 * @param removed files of the previous snapshot that the new one does not have
 * @param unchanged files with the same bytes as before (kept as they were where the file system allows)
 */
public record SnapshotChanges(int changed, int added, int removed, int unchanged) {

    /** {@code 1 changed, 2 added, 0 removed, 7 unchanged}. */
    public String describe() {
        return changed + " changed, " + added + " added, " + removed + " removed, " + unchanged + " unchanged";
    }
}
