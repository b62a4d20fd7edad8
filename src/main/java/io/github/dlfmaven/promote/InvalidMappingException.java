package io.github.dlfmaven.promote;

import io.github.dlfmaven.failure.Failure;

/** The environment mapping file cannot be used; the message names the file and what to fix. */
public final class InvalidMappingException extends Exception implements Failure {
    public InvalidMappingException(String message) {
        super(message);
    }

    /** A {@code InvalidMappingException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
