package io.github.dlfmaven.snapshot;

import io.github.dlfmaven.archive.Placement;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a snapshot lays out what DLF exports: each definition in the folder of its {@link DefinitionKind}, whatever
 * folder the package had it in (a single-job package has {@code jobs/}, {@code scripts/} and {@code resources/}; a
 * batch package puts each job's files in a folder of its own), so that both land in one tree. Anything else keeps its
 * path (the API doc promises CDM definitions whose layout is not confirmed). A definition's file name is its name
 * escaped where Windows or macOS could not hold it ({@link PortableFileName}): DLF's {@code jobs/CON.job} is the
 * snapshot's {@code jobs/CO%4E.job}. SnapshotDefinitions and {@code .json} files are normalized.
 */
public final class SnapshotLayout implements Placement {

    /** The layout of every snapshot. */
    public static final SnapshotLayout INSTANCE = new SnapshotLayout();

    private SnapshotLayout() {}

    /** The path of a job's definition in a snapshot, with {@code /} separators: {@code jobs/CO%4E.job} for CON. */
    public static String jobFile(String job) {
        return DefinitionKind.JOB.path(job);
    }

    @Override
    public String destination(String entryName) {
        String fileName = entryName.substring(entryName.lastIndexOf('/') + 1);
        return DefinitionKind.of(fileName)
                .map(kind -> kind.folder() + "/" + kind.fileNameOfPackageFile(fileName))
                .orElse(entryName);
    }

    /** By extension alone: a bare {@code .job} is no definition to place, but is JSON all the same. */
    @Override
    public boolean normalizes(String destination) {
        String lower = destination.substring(destination.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 ? "" : lower.substring(dot);
        return extension.equals(".json")
                || Arrays.stream(DefinitionKind.values())
                        .anyMatch(kind -> kind.extension().equals(extension));
    }
}
