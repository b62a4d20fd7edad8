package io.github.dlfmaven.api;

import java.io.IOException;

/**
 * A call failed before its request reached the server (no connection, a failed TLS handshake): whatever it would
 * have done, it did not. The message says where it could not connect.
 */
public final class NotSentException extends IOException {
    NotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
