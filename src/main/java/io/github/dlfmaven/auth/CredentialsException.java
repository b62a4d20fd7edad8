package io.github.dlfmaven.auth;

/** Credentials were found but cannot be used as they are; the message says how to fix them and holds no secret. */
public class CredentialsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CredentialsException(String message) {
        super(message);
    }
}
