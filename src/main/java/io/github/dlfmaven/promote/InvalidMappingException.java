package io.github.dlfmaven.promote;

/** The environment mapping file cannot be used; the message names the file and what to fix. */
public final class InvalidMappingException extends Exception {
    public InvalidMappingException(String message) {
        super(message);
    }
}
