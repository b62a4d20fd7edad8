package io.github.dlfmaven.maven;

import io.github.dlfmaven.config.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration problems of one goal's run, gathered from every group of settings (the connection, the goal's own)
 * so that the user reads them all in one message, whichever group failed first.
 */
final class Problems {

    /** A check of one group of settings. */
    interface Check<T> {
        T get() throws InvalidConfigurationException;
    }

    private final List<String> problems = new ArrayList<>();

    /** The group's settings, or null after taking its problems. */
    <T> T check(Check<T> check) {
        try {
            return check.get();
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    void add(List<String> more) {
        problems.addAll(more);
    }

    /** @throws InvalidConfigurationException with every problem gathered, when there is any */
    void throwIfAny() throws InvalidConfigurationException {
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }
}
