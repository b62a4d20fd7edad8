package io.github.dlfmaven.snapshot;

/**
 * Where a snapshot keeps its definitions: {@code jobs/{name}.job}, {@code scripts/{name}.script} and
 * {@code resources/{name}.resource}, the layout of DLF's single-job package.
 */
public final class SnapshotLayout {

    private SnapshotLayout() {}

    /** The path of a job's definition in a snapshot, with {@code /} separators. */
    public static String jobFile(String job) {
        return "jobs/" + job + ".job";
    }
}
