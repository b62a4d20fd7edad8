package io.github.dlfmaven.archive;

import io.github.dlfmaven.failure.Failure;

/** An archive was refused: not a zip, truncated, over a limit, or holding an entry that could escape its folder. */
public class UnsafeArchiveException extends Exception implements Failure {

    private static final long serialVersionUID = 1L;

    public UnsafeArchiveException(String message) {
        super(message);
    }

    public UnsafeArchiveException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A {@code UnsafeArchiveException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
