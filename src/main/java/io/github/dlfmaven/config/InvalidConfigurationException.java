package io.github.dlfmaven.config;

import io.github.dlfmaven.failure.Failure;
import java.util.List;

/** Configuration values are missing or wrong; each problem names its setting and says where to set it. */
public class InvalidConfigurationException extends Exception implements Failure {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super(describe(problems, "configuration"));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** The problems as one message, for the configuration of {@code what} (such as {@code dlf:export}). */
    public String describe(String what) {
        return describe(problems, what + " configuration");
    }

    private static String describe(List<String> problems, String what) {
        return problems.size() == 1
                ? problems.get(0)
                : "The " + what + " has " + problems.size() + " problems:\n  - " + String.join("\n  - ", problems);
    }

    /** A {@code InvalidConfigurationException} is the user's to act on: its message says what to change. */
    @Override
    public boolean userMustAct() {
        return true;
    }
}
