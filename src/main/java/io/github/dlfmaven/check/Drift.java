package io.github.dlfmaven.check;

import java.util.List;

/**
 * How the cloud differs from the committed snapshot.
 *
 * @param files the files that differ, sorted by path
 * @param unchanged how many files are the same on both sides
 * @param lineEndsOnly how many of those differ only in their line ends (a checkout that turned LF into CRLF)
 * @param leftOut links in either snapshot, which are not compared
 */
public record Drift(List<FileDrift> files, int unchanged, int lineEndsOnly, List<String> leftOut) {

    public Drift {
        files = List.copyOf(files);
        leftOut = List.copyOf(leftOut);
    }

    public long count(Change change) {
        return files.stream().filter(f -> f.change() == change).count();
    }

    public boolean none() {
        return files.isEmpty();
    }

    /** {@code 1 file changed, 1 added, 1 removed, 37 unchanged}. */
    public String counts() {
        return files(count(Change.CHANGED)) + " changed, " + count(Change.ADDED) + " added, " + count(Change.REMOVED)
                + " removed, " + unchanged + " unchanged";
    }

    /** {@code 1 file}, {@code 2 files}. */
    public static String files(long count) {
        return count + (count == 1 ? " file" : " files");
    }
}
