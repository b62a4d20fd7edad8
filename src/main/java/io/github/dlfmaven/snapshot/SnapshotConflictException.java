package io.github.dlfmaven.snapshot;

import io.github.dlfmaven.failure.Failure;

/**
 * The selected jobs cannot be one snapshot: two jobs brought different content for the same file, or two files that
 * Windows and macOS would hold as one. The message names both and what to do.
 */
public class SnapshotConflictException extends Exception implements Failure {

    private static final long serialVersionUID = 1L;

    /** @param message what conflicts and what to do; the message adds that the output folder was left as it was */
    public SnapshotConflictException(String message) {
        super(message + " The output folder was left as it was.");
    }

    /** A {@code SnapshotConflictException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
