package io.github.dlfmaven.snapshot;

/**
 * The selected jobs cannot be one snapshot: two jobs brought different content for the same file, or two files that
 * Windows and macOS would hold as one. The message names both and what to do.
 */
public class SnapshotConflictException extends Exception {

    private static final long serialVersionUID = 1L;

    public SnapshotConflictException(String message) {
        super(message);
    }
}
