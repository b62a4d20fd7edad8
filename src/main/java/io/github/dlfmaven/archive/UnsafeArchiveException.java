package io.github.dlfmaven.archive;

/** An archive was refused: not a zip, truncated, over a limit, or holding an entry that could escape its folder. */
public class UnsafeArchiveException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnsafeArchiveException(String message) {
        super(message);
    }

    public UnsafeArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
