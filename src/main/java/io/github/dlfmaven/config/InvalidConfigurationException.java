package io.github.dlfmaven.config;

/** A configuration value is missing or wrong; the message names it and says where to set it. */
public class InvalidConfigurationException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
