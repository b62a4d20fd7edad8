package io.github.dlfmaven.snapshot;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of definition a DLF package holds, each with its folder and file extension: {@code jobs/{name}.job},
 * {@code scripts/{name}.script}, {@code resources/{name}.resource}, the layout of DLF's single-job package and of a
 * snapshot alike.
 */
public enum DefinitionKind {
    JOB("jobs", ".job"),
    SCRIPT("scripts", ".script"),
    RESOURCE("resources", ".resource");

    private final String folder;
    private final String extension;

    DefinitionKind(String folder, String extension) {
        this.folder = folder;
        this.extension = extension;
    }

    /** The folder of this kind in a snapshot, such as {@code jobs}. */
    public String folder() {
        return folder;
    }

    /** The file extension, dot included, such as {@code .job}. */
    public String extension() {
        return extension;
    }

    /** Where the definition of this name lives in a snapshot, with {@code /} separators: {@code jobs/a.job}. */
    public String path(String name) {
        return folder + "/" + name + extension;
    }

    /** The file name of the definition of this name: {@code a.job}. */
    public String fileName(String name) {
        return name + extension;
    }

    /**
     * The kind of a file by its extension, in any case ({@code A.JOB} is a job); empty for other files and for a bare
     * extension ({@code .job} names no definition).
     */
    public static Optional<DefinitionKind> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (DefinitionKind kind : values()) {
            if (lower.endsWith(kind.extension) && lower.length() > kind.extension.length()) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /**
     * The kind of a file of a snapshot by its path, {@code /}-separated: a definition in its kind's folder
     * ({@code jobs/a.job}, {@code jobs/A.JOB}); empty for any other file ({@code jobs/a.script}, {@code a.job}).
     */
    public static Optional<DefinitionKind> ofSnapshotPath(String path) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        return of(fileName).filter(kind -> path.equals(kind.folder() + "/" + fileName));
    }

    /** The definition's name in a file name of this kind: {@code a} for {@code a.job}. */
    public String nameOf(String fileName) {
        return fileName.substring(0, fileName.length() - extension.length());
    }
}
