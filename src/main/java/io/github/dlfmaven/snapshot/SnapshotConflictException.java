package io.github.dlfmaven.snapshot;

/** Two jobs brought different content for the same file; the message names both and the file. */
public class SnapshotConflictException extends Exception {

    private static final long serialVersionUID = 1L;

    public SnapshotConflictException(String message) {
        super(message);
    }
}
