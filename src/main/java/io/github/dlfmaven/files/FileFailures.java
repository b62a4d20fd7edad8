package io.github.dlfmaven.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Words for a file-system failure. The JDK's exceptions often carry only a path as their message (a
 * {@link FileAlreadyExistsException} says {@code /work/target/exports} and nothing else), which tells a user neither
 * what happened nor to what; these say both.
 */
public final class FileFailures {

    private FileFailures() {}

    /**
     * The failure in words, with the path it concerns: {@code /a/b: a file or folder of that name already exists}.
     * Failures that are not about one file keep their message.
     */
    public static String describe(IOException failure) {
        if (failure instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + (fs.getOtherFile() == null ? "" : " (and " + fs.getOtherFile() + ")") + ": "
                    + reason(failure);
        }
        return failure.getMessage() != null
                ? failure.getMessage()
                : failure.getClass().getSimpleName();
    }

    /** What went wrong, without the path: {@code access denied}. */
    public static String reason(IOException failure) {
        if (failure instanceof FileAlreadyExistsException) {
            return "a file or folder of that name already exists";
        }
        if (failure instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (failure instanceof AccessDeniedException) {
            return "access denied: check the permissions of the folder and its parents";
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (failure instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (failure instanceof FileSystemLoopException) {
            return "the links there lead in a circle";
        }
        if (failure instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : failure.getClass().getSimpleName();
        }
        return failure.getMessage() != null
                ? failure.getMessage()
                : failure.getClass().getSimpleName();
    }
}
