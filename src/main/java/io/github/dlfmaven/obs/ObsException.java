package io.github.dlfmaven.obs;

import java.io.IOException;

/** OBS answered with an error; the message names the object, the status and OBS's code, and holds no secret. */
public final class ObsException extends IOException {

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
}
