package io.github.dlfmaven.auth;

import io.github.dlfmaven.failure.Failure;
import java.io.IOException;

/**
 * Credentials could not be had from their source (IAM refused the password or the ID token, the metadata service gave
 * none). The message says from where and what to check, and holds no secret.
 */
public class CredentialsUnavailableException extends IOException implements Failure {

    private static final long serialVersionUID = 1L;

    public CredentialsUnavailableException(String message) {
        super(message);
    }

    public CredentialsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A {@code CredentialsUnavailableException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
