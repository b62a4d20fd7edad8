package io.github.dlfmaven.promote;

/** The import cannot go on, or DLF's import failed; the message says what happened, what was left, and the fix. */
public final class ImportFailedException extends Exception {
    public ImportFailedException(String message) {
        super(message);
    }
}
