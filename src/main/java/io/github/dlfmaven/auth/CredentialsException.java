package io.github.dlfmaven.auth;

import io.github.dlfmaven.failure.Failure;

/** Credentials were found but cannot be used as they are; the message says how to fix them and holds no secret. */
public class CredentialsException extends RuntimeException implements Failure {

    private static final long serialVersionUID = 1L;

    public CredentialsException(String message) {
        super(message);
    }

    /** A {@code CredentialsException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
