package io.github.dlfmaven.obs;

import io.github.dlfmaven.failure.Failure;
import java.io.IOException;

/** OBS answered with an error; the message names the object, the status and OBS's code, and holds no secret. */
public final class ObsException extends IOException implements Failure {

    private final int status;
    private final String code;

    public ObsException(String message, int status, String code) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** OBS's error code, such as {@code AccessDenied}; empty when the answer had none. */
    public String code() {
        return code;
    }

    /** A {@code ObsException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
