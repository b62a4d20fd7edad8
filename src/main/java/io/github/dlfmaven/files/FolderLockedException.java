package io.github.dlfmaven.files;

import io.github.dlfmaven.failure.Failure;
import java.io.IOException;
import java.nio.file.Path;

/** Another run holds the folder's lock; this one changed nothing. */
public class FolderLockedException extends IOException implements Failure {

    private static final long serialVersionUID = 1L;

    /**
     * @param other who holds it, as it wrote itself down ({@code dlf:export, process 4711, started ...}), or null
     * @param advice how to give this run a folder of its own
     */
    FolderLockedException(Path folder, String other, String advice) {
        super("Another run" + (other == null ? "" : " (" + other + ")") + " is writing to " + folder + " (it holds "
                + folder.resolve(FolderLock.FILE_NAME) + "), so this one stopped before changing anything. Wait for"
                + " that one to finish, or give this one a folder of its own with " + advice + ".");
    }

    /** A {@code FolderLockedException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
