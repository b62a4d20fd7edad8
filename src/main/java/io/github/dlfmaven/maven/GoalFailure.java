package io.github.dlfmaven.maven;

import io.github.dlfmaven.config.InvalidConfigurationException;
import io.github.dlfmaven.failure.Failure;
import io.github.dlfmaven.files.FileFailures;
import io.github.dlfmaven.log.Redactor;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The goal template's catch table: turns what the core threw into Maven's failures by asking it ({@link Failure}):
 * {@link MojoFailureException} where the user must act (a setting, a refusal of the server, an unsafe package, a folder
 * another run holds) and {@link MojoExecutionException} where something broke; and, whatever the failure, passes its message and every
 * message of its causes through the run's {@link Redactor}, since Maven prints them all (the causes' too, with
 * {@code -e}), and a server may have built any of them by echoing the request.
 */
final class GoalFailure {

    private GoalFailure() {}

    /**
     * @param failed the message's start for a failure that is no one's mistake: {@code The DLF export failed: }
     * @param goal the goal, for a configuration's problems: {@code dlf:export}
     */
    static void raise(Exception e, String failed, String goal, Redactor redactor)
            throws MojoFailureException, MojoExecutionException {
        if (e instanceof InvalidConfigurationException invalid) {
            // A user's mistake, said once: a cause would make Maven print the problems a second time.
            throw new MojoFailureException(redactor.redact(invalid.describe(goal)));
        }
        if (e instanceof MojoFailureException failure) {
            throw new MojoFailureException(
                    redactor.redact(failure.getMessage()), redacted(failure.getCause(), redactor));
        }
        if (e instanceof MojoExecutionException execution) {
            throw new MojoExecutionException(
                    redactor.redact(execution.getMessage()), redacted(execution.getCause(), redactor));
        }
        if (e instanceof Failure failure && failure.userMustAct()) {
            throw new MojoFailureException(redactor.redact(e.getMessage()), redacted(e, redactor));
        }
        String reason = e instanceof IOException io ? FileFailures.describe(io) : String.valueOf(e.getMessage());
        throw new MojoExecutionException(redactor.redact(failed + reason), redacted(e, redactor));
    }

    /**
     * A copy of the failure and its causes with every message redacted, keeping each one's class name and stack trace,
     * for {@code -e}; null stays null.
     */
    static Throwable redacted(Throwable failure, Redactor redactor) {
        return copy(failure, redactor, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Throwable copy(Throwable failure, Redactor redactor, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return null;
        }
        RedactedFailure copy = new RedactedFailure(
                failure.getClass().getName(),
                redactor.redact(failure.getMessage()),
                copy(failure.getCause(), redactor, seen));
        copy.setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            Throwable suppressedCopy = copy(suppressed, redactor, seen);
            if (suppressedCopy != null) {
                copy.addSuppressed(suppressedCopy);
            }
        }
        return copy;
    }

    /** A failure as it was thrown, but with its message redacted; shows the original class. */
    static final class RedactedFailure extends Exception {
        private static final long serialVersionUID = 1L;

        private final String originalClass;

        RedactedFailure(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
        }
    }
}
