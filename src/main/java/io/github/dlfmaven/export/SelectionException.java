package io.github.dlfmaven.export;

/** The configured names and patterns select no job, or a pattern matches none; the message says which. */
public class SelectionException extends Exception {

    private static final long serialVersionUID = 1L;

    public SelectionException(String message) {
        super(message);
    }
}
