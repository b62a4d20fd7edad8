package io.github.dlfmaven.snapshot;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of definition a DLF package holds, each with its folder and file extension: {@code jobs/{name}.job},
 * {@code scripts/{name}.script}, {@code resources/{name}.resource}, the layout of DLF's single-job package and of a
 * snapshot alike. The two differ in the name only: a package's entry has the definition's name as it is, which DLF
 * reads back on import; a snapshot's file has it escaped where Windows or macOS could not hold it ({@code jobs/CON.job}
 * in a package is {@code jobs/CO%4E.job} in a snapshot, see {@link PortableFileName}).
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

    /**
     * Where the definition of this name lives in a snapshot, with {@code /} separators: {@code jobs/a.job}, {@code
     * jobs/CO%4E.job} for {@code CON}.
     */
    public String path(String name) {
        return folder + "/" + fileName(name);
    }

    /** The file name of the definition of this name in a snapshot: {@code a.job}, {@code a%3Ab.job} for {@code a:b}. */
    public String fileName(String name) {
        return PortableFileName.of(name) + extension;
    }

    /** The entry of the definition of this name in a package DLF reads or writes: {@code jobs/CON.job}. */
    public String packageEntry(String name) {
        return folder + "/" + packageFileName(name);
    }

    /** The file name of the definition of this name in a package, the name as it is: {@code CON.job}. */
    public String packageFileName(String name) {
        return name + extension;
    }

    /** The definition's name in a package's file name of this kind: {@code CON} for {@code CON.job}. */
    public String nameOfPackageFile(String fileName) {
        return fileName.substring(0, fileName.length() - extension.length());
    }

    /**
     * The file name in a snapshot of a package's file of this kind, its extension kept as it is: {@code CO%4E.JOB} for
     * {@code CON.JOB}.
     */
    String fileNameOfPackageFile(String fileName) {
        int stem = fileName.length() - extension.length();
        return PortableFileName.of(fileName.substring(0, stem)) + fileName.substring(stem);
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

    /**
     * The definition's name in a snapshot's file name of this kind: {@code a} for {@code a.job}, {@code CON} for {@code
     * CO%4E.job}; a file name the escaping did not write is the name as written ({@code 50%.job} is {@code 50%}).
     */
    public String nameOf(String fileName) {
        return PortableFileName.nameOf(fileName.substring(0, fileName.length() - extension.length()));
    }
}
