package io.github.dlfmaven.export;

import io.github.dlfmaven.failure.Failure;

/** The configured names and patterns select no job, or a pattern matches none; the message says which. */
public class SelectionException extends Exception implements Failure {

    private static final long serialVersionUID = 1L;

    public SelectionException(String message) {
        super(message);
    }

    /** A {@code SelectionException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
