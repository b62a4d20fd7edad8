package io.github.dlfmaven.archive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where extracted files are written: a plain folder ({@link FolderTarget}) or a tree several packages are merged
 * into. Its paths were checked by the extraction and placed by its {@link Placement}; each path is handed over once
 * per package. Implementations used by several extractions at once are thread-safe.
 *
 * @param <X> what the target throws when a file cannot join it (such as content conflicting with another package's)
 */
public interface ExtractionTarget<X extends Exception> {

    /** Called once the package is known to be a zip, before any entry is read: a folder target makes its folder. */
    default void prepare() throws IOException {}

    /**
     * Writes a file with this content.
     *
     * @param entryName the archive entry it came from, for messages
     * @return false when the same content was at that path already and nothing was written
     * @throws UnsafeArchiveException the package itself cannot be laid out (a file where it needs a folder)
     */
    boolean write(String entryName, String path, byte[] content, String sha256)
            throws IOException, UnsafeArchiveException, X;

    /**
     * Moves a file extracted into {@link #scratch()} to {@code path}; see {@link #write}. The file is gone afterwards
     * either way.
     */
    boolean move(String entryName, String path, Path file, String sha256) throws IOException, UnsafeArchiveException, X;

    /** A folder on the same file system for entries too large to hold in memory, which are then moved in. */
    Path scratch() throws IOException;
}
