package io.github.dlfmaven.promote;

import io.github.dlfmaven.failure.Failure;

/** The import cannot go on, or DLF's import failed; the message says what happened, what was left, and the fix. */
public final class ImportFailedException extends Exception implements Failure {
    public ImportFailedException(String message) {
        super(message);
    }

    /** A {@code ImportFailedException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
